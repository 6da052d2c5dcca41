import type { GuardianConfig } from '../config/schema';
import type { Actor } from '../events/types';
import type { NetworkModel } from '../model/types';
import { breakGlass, exemptPrincipal } from './exemptions';
import type { Finding, RevertPlan } from './types';

export interface ActionDecision {
  readonly action: 'revert' | 'notify' | 'none';
  readonly reason?: string;
}

/**
 * What policy says to do with a violation: revert when a finding kind is set to revert and nothing
 * casts doubt (rule error, no plan, exempt principal, break-glass tag): on doubt, notify.
 */
export function decideAction(input: {
  readonly findings: readonly Finding[];
  readonly revert: RevertPlan;
  readonly actor?: Actor;
  readonly groupIds: readonly string[];
  readonly model: NetworkModel;
  readonly config: GuardianConfig;
  readonly now: Date;
}): ActionDecision {
  const { findings, config } = input;
  if (findings.length === 0) return { action: 'none' };
  if (findings.some((f) => f.kind === 'rule-error'))
    return { action: 'notify', reason: 'a rule failed to evaluate; never revert on doubt' };
  const wantsRevert = findings.some(
    (f) =>
      (f.kind === 'world-exposure' || f.kind === 'dependency-broken') && config.actions[f.kind] === 'revert',
  );
  if (!wantsRevert) return { action: 'notify', reason: 'policy for these findings is notify' };
  if (input.revert.status !== 'ready')
    return { action: 'notify', reason: input.revert.reason ?? 'no revert plan could be built' };
  if (!input.actor?.arn && !input.actor?.sessionIssuerArn)
    return {
      action: 'notify',
      reason: 'who made the change is unknown (e.g. found by the sweep); never revert on doubt',
    };
  const principal = exemptPrincipal(input.actor, config);
  if (principal) return { action: 'notify', reason: `exempt principal ${principal}` };
  const glass = breakGlass(input.groupIds, input.model, config, input.now);
  if (glass) return { action: 'notify', reason: `break-glass tag on ${glass.groupId} until ${glass.until}` };
  return { action: 'revert' };
}
