import { readFile } from 'node:fs/promises';
import { ConfigError } from '../../core/config/errors';
import { parseConfig } from '../../core/config/parse-config';
import type { GuardianConfig } from '../../core/config/schema';

/** Reads and validates guardian.yaml; every failure is a ConfigError naming the file. */
export async function readConfigFile(path: string): Promise<GuardianConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(path, [{ path: '', message: `cannot read file (${(error as Error).message})` }], {
      cause: error,
    });
  }
  return parseConfig(text, path);
}
