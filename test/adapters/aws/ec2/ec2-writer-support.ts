import type { Change } from '../../../../lambdas/core/events/types';
import type { RevertApi } from '../../../../lambdas/core/revert/steps';
import { step } from '../../../../lambdas/core/revert/steps';
import type { RevertPlan, RevertStep, Verdict } from '../../../../lambdas/core/verdict/types';

export function readyPlan(...steps: RevertStep[]): RevertPlan {
  return { status: 'ready', steps };
}

export function planOf(api: RevertApi, input: Record<string, unknown>): RevertPlan {
  return readyPlan(step(api, input, `test ${api}`));
}

/** A violation verdict carrying `plan`, for the change when given. */
export function verdictFor(plan: RevertPlan, change?: Change): Verdict {
  return {
    eventId: 'event-1',
    eventName: 'TestEvent',
    verdict: 'violation',
    findings: [],
    preexisting: [],
    notEvaluated: [],
    revert: plan,
    action: 'revert',
    ...(change ? { change } : {}),
  };
}

/** An EC2 service error as the SDK throws it. */
export function ec2Error(code: string, status = 400, message = `${code} (test)`): Error {
  return Object.assign(new Error(message), {
    name: code,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
  });
}
