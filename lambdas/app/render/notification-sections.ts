import type { Verdict } from '../../core/verdict/types';
import { fixOffer } from '../one-click/fix-offer';
import type { DecisionLink } from '../ports';

// The parts of a notification's text body that tell people what to do next.

/**
 * What to do when sg-guardian will not undo the change itself: a launch, attach or template is never
 * undone, and a requester-managed ENI is changed through its service (e.g. elbv2 SetSecurityGroups).
 */
export function adviceSection(v: Verdict): string[] {
  if (v.verdict !== 'violation' || v.revert.status !== 'none' || !v.revert.reason) return [];
  return ['', 'What to do', `  ${v.revert.reason}`];
}

/**
 * A violation whose change cannot be undone because the state before it is unknown (e.g. a rule revoked by
 * id before the first sweep): say so plainly — nothing was changed, nothing is guessed — and point to the fix.
 */
export function unknownPriorSection(v: Verdict, oneClick: boolean): string[] {
  if (v.verdict !== 'violation' || v.revert.status !== 'unknown-prior') return [];
  const offer = fixOffer(v);
  const fixes = new Set(v.findings.flatMap((f) => (f.fixes ?? []).map((x) => x.awsCli)));
  const instead = offer
    ? [`  Apply the fix instead${oneClick ? ' (one click below)' : ''}: ${offer.summary}`, `    ${offer.awsCli}`]
    : [fixes.size ? '  Apply the fix shown above instead.' : '  Check the change by hand: no fix could be computed.'];
  return [
    '',
    'Cannot revert',
    `  The state before this change is unknown (${v.revert.reason ?? 'not in the state cache or the event'}), so sg-guardian changed nothing and guessed nothing.`,
    ...instead,
  ];
}

/** The signed links, one per finding: each opens a confirmation page (opening it changes nothing). */
export function decisionSection(links: readonly DecisionLink[], v: Verdict): string[] {
  if (!links.length) return [];
  const title = (id: string) => v.findings.find((f) => f.id === id)?.title ?? id;
  const what = v.revert.steps.length > 0 ? 'Revert' : 'Apply the fix';
  return [
    '',
    `${what} with one click (opens a confirmation page; valid until ${links[0]!.expiresAt})`,
    ...links.map((l) => `  ${title(l.findingId)}: ${l.url}`),
  ];
}
