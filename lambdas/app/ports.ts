import type { Change } from '../core/events/types';
import type { NetworkModel } from '../core/model/types';
import type { RevertPlan, RevertStep, Verdict } from '../core/verdict/types';

/** Time, injected so the core never reads the clock. */
export interface Clock {
  now(): Date;
}

/** Supplies the network state a change is judged against (a snapshot, or live EC2 reads). */
export interface StateSource {
  modelFor(change: Change | undefined): Promise<NetworkModel>;
}

export interface StepOutcome {
  readonly step: RevertStep;
  /** applied: done; already: the state was already as wanted (e.g. InvalidPermission.NotFound); failed. */
  readonly status: 'applied' | 'already' | 'failed';
  readonly error?: string;
}

export interface RevertOutcome {
  readonly status: 'reverted' | 'partial' | 'failed' | 'skipped';
  readonly steps: readonly StepOutcome[];
  readonly reason?: string;
}

/** Applies a revert plan (EC2, or an in-memory model for the demo). */
export interface Reverter {
  apply(plan: RevertPlan, verdict: Verdict): Promise<RevertOutcome>;
}

/** What a notifier is told: the verdict and, when a revert ran, its outcome. */
export interface GuardrailReport {
  readonly verdict: Verdict;
  readonly revert?: RevertOutcome;
  readonly mode: Mode;
}

export interface Notifier {
  readonly name: string;
  notify(report: GuardrailReport): Promise<void>;
}

export type Mode = 'enforce' | 'dry-run';
