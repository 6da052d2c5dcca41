import type { Verdict } from '../core/verdict/types';
import type { RevertOutcome } from './ports';

// The event ledger's ports: each CloudTrail event's side effects once, across EventBridge retries.

/**
 * What a run of one event has done so far. A retry resumes after it: a recorded revert is never
 * applied again (its outcome is reported), a handled channel is not notified again.
 */
export interface LedgerProgress {
  /** The verdict the run acted on (a resumed run reports it rather than judging the changed account again). */
  readonly verdict?: Verdict;
  /** Set once the revert step ran (applied, failed, or skipped in dry-run). */
  readonly revert?: RevertOutcome;
  /** Channels handled: notifier name -> '' when delivered, else the error message. */
  readonly notified?: Readonly<Record<string, string>>;
}

/** claimed: this run owns the event (new, or resumed with what earlier runs did); completed: done before. */
export type LedgerClaim =
  | { readonly status: 'claimed'; readonly progress: LedgerProgress }
  | { readonly status: 'completed'; readonly result: unknown };

/** Remembers each event (by CloudTrail eventID) until EventBridge stops retrying it. */
export interface EventLedger {
  /**
   * Claims the event until `leaseUntil`. Throws EventInProgressError (retryable) while another run
   * holds an unexpired lease; an expired or released lease is taken over with its progress.
   */
  claim(eventId: string, leaseUntil: Date): Promise<LedgerClaim>;
  /** Saves the progress; `release` lets a retry resume at once (the run is giving up). */
  record(eventId: string, progress: LedgerProgress, options: { release: boolean }): Promise<void>;
  /**
   * Runs `writes` (the event's audit and state writes), holding what they write, and sends it with the
   * ledger's completion (progress and `result`) in one request. Throws when that write fails.
   */
  complete(eventId: string, done: { progress: LedgerProgress; result: unknown }, writes: () => Promise<void>): Promise<void>;
}

/**
 * Why the stores could not hold what an event's ids would key (DynamoDB: partition key over 2048
 * bytes, sort key over 1024), or undefined. Checked before anything is done with the event.
 */
export type StorageCheck = (ids: { readonly eventId?: string; readonly resourceIds: readonly string[] }) => string | undefined;
