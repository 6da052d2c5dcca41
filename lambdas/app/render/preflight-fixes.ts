import type { Finding } from '../../core/verdict/types';

/**
 * A finding's fixes as Terraform, for the SARIF and GitHub outputs: "Fix (layer): summary" and the
 * block in the plan's own style (an inline block for a group whose rules the plan writes inline).
 */
export function fixesText(f: Finding): string {
  return (f.fixes ?? []).map((fix) => `Fix (${fix.layer}): ${fix.summary}\n${fix.terraform}`).join('\n');
}

/** The fixes as SARIF result properties (GitHub shows the message; tools read these). */
export function fixesProperty(f: Finding) {
  return (f.fixes ?? []).map((fix) => ({ layer: fix.layer, summary: fix.summary, terraform: fix.terraform }));
}
