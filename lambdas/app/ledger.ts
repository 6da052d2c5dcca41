import { EnvironmentError } from '../core/errors';
import type { EventLedger, LedgerClaim, LedgerProgress } from './ledger-ports';

/**
 * Another run holds the event (its lease has not expired): thrown before any side effect, so that
 * EventBridge / Lambda retry it later, when that run has completed (the retry then does nothing) or
 * has given up (the retry resumes after what it did).
 */
export class EventInProgressError extends EnvironmentError {
  override readonly name = 'EventInProgressError';
  readonly retryable = true;

  constructor(eventId: string, leaseUntil: Date | undefined) {
    super(
      `event ${eventId} is already being handled by another run` +
        (leaseUntil ? ` (lease until ${leaseUntil.toISOString()})` : '') +
        ': retry later',
    );
  }
}

/** What the evaluator answers for one event, and what the ledger stores to answer a repeat the same. */
export interface EventSummary {
  readonly status: string;
  readonly verdict?: string;
  readonly action?: string;
  readonly revert?: string;
}

/** One event's run under the ledger: the claim is sent at once, so that it goes with the state reads. */
export interface LedgerRun {
  readonly eventId: string;
  /** The claim (already sent; awaiting it rethrows its failure). */
  readonly claim: Promise<LedgerClaim>;
  record(progress: LedgerProgress, options: { release: boolean }): Promise<void>;
  complete(done: { progress: LedgerProgress; result: EventSummary }, writes: () => Promise<void>): Promise<void>;
}

/**
 * Sends the claim of `eventId` and returns the run; its steps go to `ledger`. With `sendAfter`, the claim
 * is sent once that settles (the handler passes the next turn of the event loop, so that the state reads
 * go out first: an endpoint that serves one request at a time answers them first, and the judging then
 * overlaps the claim instead of following it); either way nothing is reverted before the claim answers.
 */
export function startLedgerRun(
  ledger: EventLedger,
  eventId: string,
  leaseUntil: Date,
  sendAfter?: Promise<unknown>,
): LedgerRun {
  const claim = sendAfter
    ? sendAfter.then(
        () => ledger.claim(eventId, leaseUntil),
        () => ledger.claim(eventId, leaseUntil),
      )
    : ledger.claim(eventId, leaseUntil);
  // Awaited later (with the reads); a failure must not count as unhandled before then.
  claim.catch(() => undefined);
  return {
    eventId,
    claim,
    record: (progress, options) => ledger.record(eventId, progress, options),
    complete: (done, writes) => ledger.complete(eventId, done, writes),
  };
}

/** The handler's answer for a processed event. */
export function summaryOf(result: {
  status: string;
  verdict?: { verdict: string; action: string };
  revert?: { status: string };
}): EventSummary {
  return {
    status: result.status,
    verdict: result.verdict?.verdict,
    action: result.verdict?.action,
    revert: result.revert?.status,
  };
}
