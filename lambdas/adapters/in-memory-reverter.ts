import type { Reverter, RevertOutcome, StepOutcome } from '../app/ports';
import type { NetworkModel } from '../core/model/types';
import { revertStepToChange } from '../core/revert/step-to-change';
import { applyChange } from '../core/state/apply-change';
import type { RevertPlan } from '../core/verdict/types';

/** Applies revert plans to an in-memory account (the demo's stand-in for EC2). */
export class InMemoryReverter implements Reverter {
  constructor(private readonly account: { get(): NetworkModel; set(model: NetworkModel): void }) {}

  async apply(plan: RevertPlan): Promise<RevertOutcome> {
    const steps: StepOutcome[] = [];
    for (const step of plan.steps) {
      const change = revertStepToChange(step);
      if (!change) {
        steps.push({ step, status: 'failed', error: `cannot apply ${step.api} in memory` });
        continue;
      }
      const result = applyChange(this.account.get(), change);
      this.account.set(result.model);
      steps.push({ step, status: result.effective ? 'applied' : 'already' });
    }
    const failed = steps.filter((s) => s.status === 'failed').length;
    return {
      status: failed === 0 ? 'reverted' : failed === steps.length ? 'failed' : 'partial',
      steps,
    };
  }
}
