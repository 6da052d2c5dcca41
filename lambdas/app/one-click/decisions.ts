import type { Verdict } from '../../core/verdict/types';
import type { Decision, Mode } from '../ports';
import { fixOffer } from './fix-offer';

/**
 * A violation people were told about, that the guardian did not undo (policy notify, or dry-run),
 * and that one click can undo (a ready plan with steps) or repair (one one-call fix: "Apply fix").
 */
export function awaitsDecision(verdict: Verdict, mode: Mode): boolean {
  const undoable =
    verdict.verdict === 'violation' &&
    verdict.findings.length > 0 &&
    verdict.revert.status === 'ready' &&
    verdict.revert.steps.length > 0;
  const notified = verdict.action === 'notify' || (verdict.action === 'revert' && mode === 'dry-run');
  return (undoable && notified) || fixOffer(verdict) !== undefined;
}

/**
 * The finding ids of one verdict, sorted. The revert plan belongs to the event, not to one finding,
 * so every path claims the first (the event's lock) before the others: one event, one revert.
 */
export function decisionIdsOf(verdict: Verdict): string[] {
  return [...new Set(verdict.findings.map((f) => f.id))].sort();
}

/** One pending decision per finding, all holding the verdict (and the fix a click applies, if any). */
export function pendingDecisions(verdict: Verdict, now: Date): Decision[] {
  const fix = fixOffer(verdict);
  return decisionIdsOf(verdict).map((findingId) => ({
    findingId,
    eventId: verdict.eventId,
    verdict,
    createdAt: now.toISOString(),
    status: 'pending',
    ...(fix && { fix }),
  }));
}

/** What a click on the decision does: Revert, or Apply fix when the decision holds a fix. */
export function choiceOf(decision: Decision): 'revert' | 'apply-fix' {
  return decision.fix?.apply ? 'apply-fix' : 'revert';
}
