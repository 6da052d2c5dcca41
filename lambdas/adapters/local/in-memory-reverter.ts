import type { Reverter, RevertOutcome, StepOutcome } from '../../app/ports';
import type { Change } from '../../core/events/types';
import type { NetworkModel } from '../../core/model/types';
import { revertStepToChange } from '../../core/revert/step-to-change';
import { applyChange } from '../../core/state/apply-change';
import type { RevertPlan } from '../../core/verdict/types';

/** Applies revert plans to an in-memory account (the demo's stand-in for EC2). */
export class InMemoryReverter implements Reverter {
  constructor(
    private readonly account: { get(): NetworkModel; set(model: NetworkModel): void },
    /** Gives re-added rules an id, as AWS does (so the model can be written as a snapshot folder). */
    private readonly options: { newRuleId?: () => string } = {},
  ) {}

  async apply(plan: RevertPlan): Promise<RevertOutcome> {
    const steps: StepOutcome[] = [];
    for (const step of plan.steps) {
      const change = this.withRuleIds(revertStepToChange(step));
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

  private withRuleIds(change: Change | undefined): Change | undefined {
    const next = this.options.newRuleId;
    if (!next || change?.kind !== 'sg-rules-added') return change;
    return { ...change, rules: change.rules.map((r) => (r.ruleId ? r : { ...r, ruleId: next() })) };
  }
}
