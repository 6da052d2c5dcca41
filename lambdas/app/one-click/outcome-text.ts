import type { Decision, RevertOutcome, StepOutcome } from '../ports';

const STATUS_TEXT: Record<Decision['status'], string> = {
  pending: 'awaiting a decision',
  reverting: 'being reverted',
  reverted: 'reverted',
  kept: 'kept',
  failed: 'revert failed',
};

/** The same statuses when the decision applies a fix ("Apply fix") instead of reverting. */
const FIX_STATUS_TEXT: Record<Decision['status'], string> = {
  ...STATUS_TEXT,
  reverting: 'having its fix applied',
  reverted: 'fixed (fix applied)',
  failed: 'fix failed',
};

/** "reverted by Slack user U1 (alice) at 2026-…", "fixed (fix applied) by signed link from … at …" */
export function describeDecision(d: Decision): string {
  const by = d.decidedBy ? ` by ${d.decidedBy}` : '';
  const at = d.decidedAt ? ` at ${d.decidedAt}` : '';
  return `${(d.fix?.apply ? FIX_STATUS_TEXT : STATUS_TEXT)[d.status]}${by}${at}`;
}

/** One line per step: what it did (applied, already as wanted, failed and why). */
export function stepLines(outcome: RevertOutcome | undefined): string[] {
  return (outcome?.steps ?? []).map(stepLine);
}

function stepLine(s: StepOutcome): string {
  const status = { applied: 'applied', already: 'already as wanted', failed: 'FAILED' }[s.status];
  return `${status}: ${s.step.summary}${s.error ? ` — ${s.error}` : ''}`;
}

/** Why a revert (or fix) did not fully happen, when it did not. */
export function outcomeReason(outcome: RevertOutcome | undefined, what = 'revert'): string | undefined {
  if (!outcome || outcome.status === 'reverted') return undefined;
  return outcome.reason ?? `${what} ${outcome.status}`;
}
