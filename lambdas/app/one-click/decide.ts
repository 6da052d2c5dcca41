import { toAuditEntry } from '../audit-entry';
import type { RevertPlan } from '../../core/verdict/types';
import type { AuditLog, Clock, Decision, DecisionStore, Mode, Reverter, RevertOutcome } from '../ports';
import { type Approver, approverChannel } from './approver';
import { choiceOf, decisionIdsOf } from './decisions';

export interface DecideDeps {
  readonly decisions: DecisionStore;
  readonly reverter: Reverter;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly mode: Mode;
}

/** Revert the change, apply the one-call fix the decision holds, or keep it as it is. */
export type DecisionAction = 'revert' | 'apply-fix' | 'keep';

/** A claim that moved the event's decisions out of pending: this caller, and only it, goes on. */
export interface Claimed {
  readonly status: 'claimed';
  readonly decision: Decision;
  /** The finding ids this claim moved, the event's lock first. */
  readonly findingIds: readonly string[];
}

export type ClaimResult =
  | Claimed
  /** No decision for this finding (never saved, or expired). */
  | { readonly status: 'unknown' }
  /** A newer change raised the same finding again: the one shown is not the one stored. */
  | { readonly status: 'outdated'; readonly decision: Decision }
  /** Someone decided already (or is reverting right now). */
  | { readonly status: 'taken'; readonly decision: Decision }
  /** The click asked for what the decision does not offer (Revert on an Apply-fix decision, or the reverse). */
  | { readonly status: 'mismatch'; readonly decision: Decision };

/** A revert claim older than this is taken to have crashed and may be claimed again. */
const STALE_CLAIM_MS = 15 * 60_000;

/**
 * Claims the decisions of the event behind `findingId`: the lock (the event's first finding id) by a
 * conditional write, then the others. Of two simultaneous calls exactly one gets 'claimed'.
 * A failed revert (or fix) may be tried again. Keep is recorded in the audit log here.
 * 'as-offered': whatever the decision offers (Revert, or Apply fix), as the confirmation page showed it.
 */
export async function claimDecision(
  target: { readonly findingId: string; readonly eventId?: string },
  action: DecisionAction | 'as-offered',
  approver: Approver,
  deps: DecideDeps,
): Promise<ClaimResult> {
  const shown = await deps.decisions.get(target.findingId);
  if (!shown) return { status: 'unknown' };
  if (target.eventId !== undefined && shown.eventId !== target.eventId)
    return { status: 'outdated', decision: shown };
  const chosen = action === 'as-offered' ? choiceOf(shown) : action;
  if (chosen !== 'keep' && chosen !== choiceOf(shown)) return { status: 'mismatch', decision: shown };
  const now = deps.clock.now();
  const move = {
    eventId: shown.eventId,
    from: ['pending', 'failed'] as const,
    to: chosen === 'keep' ? ('kept' as const) : ('reverting' as const),
    at: now.toISOString(),
    decidedBy: approver.label,
    staleReverting: new Date(now.getTime() - STALE_CLAIM_MS).toISOString(),
  };
  const [lockId, ...others] = decisionIdsOf(shown.verdict);
  const lock = await deps.decisions.transition(lockId ?? shown.findingId, move);
  if (!lock) {
    const current = (await deps.decisions.get(lockId ?? shown.findingId)) ?? shown;
    return current.eventId === shown.eventId
      ? { status: 'taken', decision: current }
      : { status: 'outdated', decision: current };
  }
  const claimed = [lock.findingId];
  for (const id of others) if (await deps.decisions.transition(id, move)) claimed.push(id);
  if (chosen === 'keep') await audit(lock, 'kept', approver, deps);
  return { status: 'claimed', decision: lock, findingIds: claimed };
}

/**
 * Applies the claimed event's revert plan, or the one call of the fix the decision holds (the reverter
 * re-reads the resource first and skips a change that was superseded since), then marks every claimed
 * decision reverted (applied) or failed and audits it.
 */
export async function completeRevert(
  claim: Claimed,
  approver: Approver,
  deps: DecideDeps,
): Promise<Decision> {
  const { verdict, fix } = claim.decision;
  let outcome: RevertOutcome;
  try {
    if (fix?.apply) {
      const plan: RevertPlan = { status: 'ready', steps: [fix.apply] };
      outcome = await deps.reverter.apply(plan, verdict, { purpose: 'fix' });
    } else outcome = await deps.reverter.apply(verdict.revert, verdict);
  } catch (error) {
    outcome = { status: 'failed', steps: [], reason: error instanceof Error ? error.message : String(error) };
  }
  const move = {
    eventId: claim.decision.eventId,
    from: ['reverting'] as const,
    to: outcome.status === 'reverted' ? ('reverted' as const) : ('failed' as const),
    at: deps.clock.now().toISOString(),
    outcome,
  };
  let finished: Decision = { ...claim.decision, status: move.to, outcome };
  for (const [i, id] of claim.findingIds.entries()) {
    const moved = await deps.decisions.transition(id, move);
    if (i === 0 && moved) finished = moved;
  }
  if (!fix?.apply) await audit(finished, 'approved-revert', approver, deps, outcome);
  else {
    const how = `by ${approver.label} via ${approverChannel(approver)}`;
    const what = outcome.status === 'reverted' ? `fix applied ${how}` : `fix not applied (${outcome.status}) ${how}`;
    const why = outcome.reason ? `; ${outcome.reason}` : '';
    await audit(finished, 'approved-fix', approver, deps, outcome, undefined, `${what}: ${fix.summary}${why}`, 'applied');
  }
  return finished;
}

/** Gives a revert claim back as failed (so it can be claimed again at once) when the revert could not start. */
export async function releaseClaim(claim: Claimed, reason: string, deps: DecideDeps): Promise<void> {
  const move = {
    eventId: claim.decision.eventId,
    from: ['reverting'] as const,
    to: 'failed' as const,
    at: deps.clock.now().toISOString(),
    outcome: { status: 'failed' as const, steps: [], reason },
  };
  for (const id of claim.findingIds) await deps.decisions.transition(id, move);
}

/** Someone not allowed tried to decide: recorded, nothing else happens. */
export async function recordDenied(findingId: string, approver: Approver, reason: string, deps: DecideDeps) {
  const decision = await deps.decisions.get(findingId);
  if (decision) await audit(decision, 'denied', approver, deps, undefined, reason);
}

async function audit(
  decision: Decision,
  action: string,
  approver: Approver,
  deps: DecideDeps,
  outcome?: RevertOutcome,
  actionReason?: string,
  outcomeDetail?: string,
  /** What `reverted` means for this action (a fix applied is not a revert). */
  doneAs?: 'applied',
): Promise<void> {
  const entry = toAuditEntry({
    verdict: decision.verdict,
    ...(outcome && { revert: outcome }),
    mode: deps.mode,
    now: deps.clock.now(),
  });
  await deps.audit.record({
    ...entry,
    ...(doneAs && entry.outcome === 'reverted' && { outcome: doneAs }),
    action,
    approver: approver.label,
    ...(actionReason && { actionReason }),
    ...(outcomeDetail && { outcomeDetail }),
  });
}
