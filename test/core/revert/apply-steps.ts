import type { NetworkModel } from '../../../lambdas/core/model/types';
import { revertStepToChange } from '../../../lambdas/core/revert/step-to-change';
import { applyChange } from '../../../lambdas/core/state/apply-change';
import type { RevertStep } from '../../../lambdas/core/verdict/types';

/** Applies revert steps to a model, as EC2 would (test helper). Throws on a step it cannot read. */
export function applyRevertSteps(model: NetworkModel, steps: readonly RevertStep[]): NetworkModel {
  return steps.reduce((current, step) => {
    const change = revertStepToChange(step);
    if (!change) throw new Error(`cannot apply ${step.api}`);
    return applyChange(current, change).model;
  }, model);
}
