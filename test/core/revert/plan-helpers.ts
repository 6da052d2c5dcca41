import type { Change } from '../../../lambdas/core/events/types';
import { planRevert } from '../../../lambdas/core/revert/plan';
import { applyChange } from '../../../lambdas/core/state/apply-change';
import { deriveStates } from '../../../lambdas/core/state/derive';
import { smallModel } from '../state/fixtures';

/** Plans the revert of a change against a snapshot taken before it. */
export function planFromBefore(change: Change) {
  return planRevert(change, deriveStates(smallModel(), change));
}

/** Plans the revert of a change against a snapshot taken after it. */
export function planFromAfter(change: Change) {
  return planRevert(change, deriveStates(applyChange(smallModel(), change).model, change));
}
