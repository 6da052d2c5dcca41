import { readFileSync } from 'node:fs';
import { ConfigError } from '../../core/config/errors';
import type { GuardianConfig } from '../../core/config/schema';
import { parseConfigJson } from '../../core/config/validate-config';

/**
 * Reads the policy the CDK app writes beside each handler (guardian.json, from guardian.yaml at
 * synth). JSON only: the functions carry no YAML parser. Failures are ConfigErrors naming the file.
 */
export function readBundledConfig(path: string): GuardianConfig {
  if (!path.endsWith('.json'))
    throw new ConfigError(path, [
      { path: '', message: 'the functions read the JSON policy written at synth (guardian.json), not YAML' },
    ]);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(path, [{ path: '', message: `cannot read file (${(error as Error).message})` }], {
      cause: error,
    });
  }
  return parseConfigJson(text, path);
}
