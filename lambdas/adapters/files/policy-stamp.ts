import { createHash } from 'node:crypto';

/**
 * The stamp the CDK app writes beside guardian.json once the policy has passed the full zod schema at
 * synth (`<policy>.sha256`): the SHA-256 of this format's name and the policy file's exact bytes. A
 * handler whose policy file matches its stamp reads it with JSON.parse alone, skipping a second
 * validation at every cold start (BENCHMARKS.md, Cold start); any other file, or a file changed after
 * synth, is validated in full as before.
 */
export const POLICY_STAMP_SUFFIX = '.sha256';

/** Bumped when the JSON written at synth changes meaning: older stamps then stop matching. */
const STAMP_FORMAT = 'sg-guardian validated policy v1\n';

/** The stamp of a policy file's text. */
export function policyStamp(policyText: string): string {
  return createHash('sha256').update(STAMP_FORMAT).update(policyText).digest('hex');
}

/** Where the stamp of a policy file lives. */
export function stampPathOf(policyPath: string): string {
  return `${policyPath}${POLICY_STAMP_SUFFIX}`;
}
