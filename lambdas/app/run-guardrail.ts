import type { GuardianConfig } from '../core/config/schema';
import type { ParsedEvent } from '../core/events/types';
import { judge } from '../core/verdict/judge';
import type { Verdict } from '../core/verdict/types';
import { judgeWithAuditedOpenings } from './break-glass-openings';
import type { LedgerProgress } from './ledger-ports';
import type {
  AuditLog,
  Clock,
  GuardrailReport,
  Mode,
  Notifier,
  Reverter,
  RevertOutcome,
  StateSource,
} from './ports';

export interface GuardrailDeps {
  readonly config: GuardianConfig;
  readonly state: StateSource;
  readonly reverter: Reverter;
  readonly notifiers: readonly Notifier[];
  readonly clock: Clock;
  readonly mode: Mode;
  /**
   * Runs once before the notifiers: may change the report (e.g. add signed links) or return undefined
   * to send nothing. When it throws, the original report is sent and the error is reported as the
   * `decisions` channel.
   */
  readonly beforeNotify?: (report: GuardrailReport) => Promise<GuardrailReport | undefined>;
  /** When set, a break-glass tag over breakGlassMaxHours is honoured from its audited set time. */
  readonly audit?: Pick<AuditLog, 'forGroup'>;
}

export interface GuardrailResult {
  readonly verdict: Verdict;
  readonly revert?: RevertOutcome;
  /** Notifier name -> error message, for channels that failed. */
  readonly notifyErrors: Readonly<Record<string, string>>;
}

/** A run that resumes what earlier runs of the same event did (the event ledger). */
export interface GuardrailSteps {
  /**
   * What earlier runs did, awaited after the state reads and the judging (all free of side effects, so
   * they go concurrently) and before any side effect; undefined: the event was completed before, do nothing.
   */
  readonly done: Promise<LedgerProgress | undefined>;
  /** Saves the progress once the revert answered, while the notifications go out. */
  readonly record: (progress: LedgerProgress) => Promise<void>;
}

export interface ResumedResult extends GuardrailResult {
  /** Everything done, earlier runs included: what a retry would resume after. */
  readonly progress: LedgerProgress;
  /** The revert was applied by this run (not reused from an earlier one). */
  readonly revertedNow: boolean;
}

/**
 * The guardrail for one event: judge it, revert when policy says so (never in dry-run), then tell
 * people. A failing notifier stops neither the revert nor the other notifiers.
 */
export async function runGuardrail(event: ParsedEvent, deps: GuardrailDeps): Promise<GuardrailResult> {
  const result = await resumeGuardrail(event, deps, { done: Promise.resolve({}), record: async () => undefined });
  const { verdict, revert, notifyErrors } = result!;
  return { verdict, revert, notifyErrors };
}

/**
 * runGuardrail resuming after `steps.done`: a recorded verdict is reported as it was, a recorded
 * revert is not applied again, a handled channel is not notified again. undefined when done before.
 */
export async function resumeGuardrail(
  event: ParsedEvent,
  deps: GuardrailDeps,
  steps: GuardrailSteps,
): Promise<ResumedResult | undefined> {
  const change = event.status === 'parsed' ? event.change : undefined;
  // Judged as soon as the state is in, while what earlier runs did may still be on its way: judging has
  // no side effect, and the revert below waits for `done`. A recorded verdict replaces this one.
  steps.done.catch(() => undefined); // awaited below; its failure must not count as unhandled meanwhile
  const model = await deps.state.modelFor(change);
  const input = { event, model, config: deps.config, now: deps.clock.now() };
  const judged = deps.audit ? judgeWithAuditedOpenings(input, deps.audit) : Promise.resolve(judge(input));
  judged.catch(() => undefined);
  const done = await steps.done;
  if (!done) return undefined;
  const verdict = done.verdict ?? (await judged);
  const revertedNow = done.revert === undefined && verdict.action === 'revert';
  const revert = done.revert ?? (await maybeRevert(verdict, deps));
  // A failed save is not fatal: the final write, or the progress saved on failure, records it again.
  const saving = revertedNow ? steps.record({ ...done, verdict, revert }).catch(() => undefined) : undefined;
  const notified =
    verdict.action === 'none' ? {} : await notifyAll({ verdict, revert, mode: deps.mode }, deps, done.notified ?? {});
  await saving;
  const notifyErrors = Object.fromEntries(Object.entries(notified).filter(([, error]) => error !== ''));
  return { verdict, revert, notifyErrors, progress: { verdict, revert, notified }, revertedNow };
}

async function maybeRevert(verdict: Verdict, deps: GuardrailDeps): Promise<RevertOutcome | undefined> {
  if (verdict.action !== 'revert') return undefined;
  if (deps.mode === 'dry-run') return { status: 'skipped', steps: [], reason: 'dry-run: nothing written' };
  try {
    return await deps.reverter.apply(verdict.revert, verdict);
  } catch (error) {
    return { status: 'failed', steps: [], reason: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Notifies the channels not yet handled; returns every channel handled (earlier ones included):
 * name -> '' when delivered, else the error. The decisions hook runs only when a channel is left.
 */
async function notifyAll(
  report: GuardrailReport,
  deps: GuardrailDeps,
  handled: Readonly<Record<string, string>>,
): Promise<Record<string, string>> {
  const outcome: Record<string, string> = { ...handled };
  const left = deps.notifiers.filter((n) => !Object.hasOwn(handled, n.name));
  if (left.length === 0 && deps.notifiers.length > 0) return outcome;
  let prepared: GuardrailReport | undefined = report;
  try {
    if (deps.beforeNotify) prepared = await deps.beforeNotify(report);
  } catch (error) {
    outcome.decisions = error instanceof Error ? error.message : String(error);
  }
  if (!prepared) return outcome;
  const sent = prepared;
  const settled = await Promise.allSettled(left.map((n) => n.notify(sent)));
  settled.forEach((s, i) => {
    outcome[left[i]!.name] = s.status === 'rejected' ? (s.reason instanceof Error ? s.reason.message : String(s.reason)) : '';
  });
  return outcome;
}
