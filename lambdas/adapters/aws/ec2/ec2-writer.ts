import type { EC2Client } from '@aws-sdk/client-ec2';
import type { ApplyOptions, Reverter, RevertOutcome, StepOutcome } from '../../../app/ports';
import { REVERT_IAM_ACTIONS } from '../../../core/revert/steps';
import type { RevertPlan, RevertStep, Verdict } from '../../../core/verdict/types';
import { describeError, errorCode } from './ec2-errors';
import { revokedNothing, WRITE_API_NAMES, type WriteOutput, writeApi } from './ec2-writer-commands';
import { checkFixFreshness } from './ec2-writer-fix-freshness';
import { checkFreshness, FRESHNESS_IAM_ACTIONS } from './ec2-writer-freshness';

/** Every EC2 action the reverter calls: the revert writes and the re-reads before them. */
export const EC2_WRITER_IAM_ACTIONS = [...REVERT_IAM_ACTIONS, ...FRESHNESS_IAM_ACTIONS] as const;

/**
 * Applies revert plans to EC2. Before writing, it re-reads the changed resource and skips the plan
 * when someone changed it again since (so concurrent events do not undo each other wrongly). Steps
 * run in order; an error code meaning "already as wanted" counts as success ('already'); the first
 * failure (after the SDK's own retries) stops the plan, since later steps may rely on it.
 * A one-click fix (purpose 'fix') also re-reads the resource each step writes: a step whose result is
 * already there is 'already', one computed for a state that changed since skips the plan.
 * Never throws.
 */
export class Ec2Reverter implements Reverter {
  constructor(private readonly client: EC2Client) {}

  async apply(plan: RevertPlan, verdict: Verdict, options?: ApplyOptions): Promise<RevertOutcome> {
    if (plan.status !== 'ready' || plan.steps.length === 0)
      return {
        status: 'skipped',
        steps: [],
        reason: plan.reason ?? `nothing to revert (plan ${plan.status})`,
      };
    const freshness = await checkFreshness(this.client, verdict.change);
    if (freshness.status === 'superseded') return { status: 'skipped', steps: [], reason: freshness.reason };
    if (freshness.status === 'unverified') return { status: 'failed', steps: [], reason: freshness.reason };
    const steps: StepOutcome[] = [];
    for (const step of plan.steps) {
      if (options?.purpose === 'fix') {
        const fix = await checkFixFreshness(this.client, step);
        if (fix.status === 'superseded') return { status: 'skipped', steps, reason: fix.reason };
        if (fix.status === 'unverified') return { status: 'failed', steps, reason: fix.reason };
        if (fix.status === 'already') {
          steps.push({ step, status: 'already' });
          continue;
        }
      }
      const outcome = await this.applyStep(step);
      steps.push(outcome);
      if (outcome.status === 'failed') break;
    }
    return summarize(plan.steps.length, steps);
  }

  private async applyStep(step: RevertStep): Promise<StepOutcome> {
    const api = writeApi(step.api);
    if (!api)
      return failed(step, `unknown EC2 API ${step.api} (the reverter knows ${WRITE_API_NAMES.join(', ')})`);
    try {
      const output: WriteOutput = await api.send(this.client, step.input);
      if (output.Return === false) return failed(step, `${step.api} answered Return=false`);
      return { step, status: revokedNothing(output, step.input) ? 'already' : 'applied' };
    } catch (error) {
      if (api.alreadyCodes.includes(errorCode(error))) return { step, status: 'already' };
      const denied = DENIED_CODES.has(errorCode(error));
      return failed(step, denied ? `${describeError(error)} ${DENIED_HINT}` : describeError(error));
    }
  }
}

/** EC2 says UnauthorizedOperation when IAM denies a write (e.g. outside deployment.revertScope). */
const DENIED_CODES: ReadonlySet<string> = new Set(['UnauthorizedOperation', 'AccessDenied', 'AccessDeniedException']);
const DENIED_HINT =
  '(the revert role may not write to this resource: it is outside deployment.revertScope or the watched ' +
  'regions; apply the revert plan by hand if it should be undone)';

function failed(step: RevertStep, error: string): StepOutcome {
  return { step, status: 'failed', error };
}

function summarize(planned: number, steps: readonly StepOutcome[]): RevertOutcome {
  const failedAt = steps.findIndex((s) => s.status === 'failed');
  if (failedAt === -1) return { status: 'reverted', steps };
  const skipped = planned - failedAt - 1;
  const failure = steps[failedAt];
  const reason =
    `step ${failedAt + 1} of ${planned} (${failure?.step.api}) failed: ${failure?.error}` +
    (skipped > 0 ? `; ${skipped} later step(s) not attempted` : '');
  return { status: failedAt === 0 ? 'failed' : 'partial', steps, reason };
}
