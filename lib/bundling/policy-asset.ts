import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { policyStamp, stampPathOf } from '../../lambdas/adapters/files/policy-stamp';
import type { GuardianConfig } from '../../lambdas/core/config/schema';
import { toPolicyJson } from '../../lambdas/core/config/validate-config';

/**
 * Writes a policy validated at synth beside a handler bundle: `name` (the JSON the handlers read) and
 * its stamp (`name.sha256`), which lets the handlers skip validating it again at cold start
 * (lambdas/adapters/files/bundled-config.ts). Only a `GuardianConfig` (the output of the zod schema)
 * can be written, so only a validated policy gets a stamp. Returns the policy file's path.
 */
export function writeValidatedPolicy(dir: string, name: string, config: GuardianConfig): string {
  const path = join(dir, name);
  const json = toPolicyJson(config);
  writeFileSync(path, json);
  writeFileSync(stampPathOf(path), `${policyStamp(json)}\n`);
  return path;
}
