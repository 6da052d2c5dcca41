import { readFileSync } from 'node:fs';
import { ConfigError } from '../../core/config/errors';
import type { GuardianConfig } from '../../core/config/schema';
import { policyStamp, stampPathOf } from './policy-stamp';

/**
 * Reads the policy the CDK app writes beside each handler (guardian.json, from guardian.yaml at
 * synth). JSON only: the functions carry no YAML parser. Failures are ConfigErrors naming the file.
 *
 * A file whose stamp (`guardian.json.sha256`, written at synth after the full validation) matches
 * its bytes is read with JSON.parse alone; any other file is validated with the zod schema, which is
 * then imported (and built) on demand: a cold start with the stamped policy builds no config schema.
 */
export async function readBundledConfig(path: string): Promise<GuardianConfig> {
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
  if (validatedAtSynth(path, text)) return JSON.parse(text) as GuardianConfig;
  const { parseConfigJson } = await import('../../core/config/validate-config');
  return parseConfigJson(text, path);
}

/** True when the policy's stamp exists and matches its text exactly; false on any doubt. */
export function validatedAtSynth(path: string, text: string): boolean {
  let stamp: string;
  try {
    stamp = readFileSync(stampPathOf(path), 'utf8').trim();
  } catch {
    return false;
  }
  return stamp === policyStamp(text);
}
