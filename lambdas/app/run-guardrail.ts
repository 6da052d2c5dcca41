import type { GuardianConfig } from '../core/config/schema';
import type { ParsedEvent } from '../core/events/types';
import { judge } from '../core/verdict/judge';
import type { Verdict } from '../core/verdict/types';
import type { Clock, GuardrailReport, Mode, Notifier, Reverter, RevertOutcome, StateSource } from './ports';

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
}

export interface GuardrailResult {
  readonly verdict: Verdict;
  readonly revert?: RevertOutcome;
  /** Notifier name -> error message, for channels that failed. */
  readonly notifyErrors: Readonly<Record<string, string>>;
}

/**
 * The guardrail for one event: judge it, revert when policy says so (never in dry-run), then tell
 * people. A failing notifier stops neither the revert nor the other notifiers.
 */
export async function runGuardrail(event: ParsedEvent, deps: GuardrailDeps): Promise<GuardrailResult> {
  const change = event.status === 'parsed' ? event.change : undefined;
  const model = await deps.state.modelFor(change);
  const verdict = judge({ event, model, config: deps.config, now: deps.clock.now() });
  const revert = await maybeRevert(verdict, deps);
  const notifyErrors =
    verdict.action === 'none' ? {} : await notifyAll({ verdict, revert, mode: deps.mode }, deps);
  return { verdict, revert, notifyErrors };
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

async function notifyAll(report: GuardrailReport, deps: GuardrailDeps): Promise<Record<string, string>> {
  const errors: Record<string, string> = {};
  let prepared: GuardrailReport | undefined = report;
  try {
    if (deps.beforeNotify) prepared = await deps.beforeNotify(report);
  } catch (error) {
    errors.decisions = error instanceof Error ? error.message : String(error);
  }
  if (!prepared) return errors;
  const sent = prepared;
  const settled = await Promise.allSettled(deps.notifiers.map((n) => n.notify(sent)));
  settled.forEach((s, i) => {
    if (s.status === 'rejected')
      errors[deps.notifiers[i]!.name] = s.reason instanceof Error ? s.reason.message : String(s.reason);
  });
  return errors;
}
