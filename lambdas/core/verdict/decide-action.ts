import type { GuardianConfig } from '../config/schema';
import type { Actor } from '../events/types';
import type { NetworkModel } from '../model/types';
import type { BreakGlassOpenings, BreakGlassStatus } from './break-glass';
import { breakGlassTags, exemptPrincipal } from './exemptions';
import type { Finding, RevertPlan } from './types';

export interface ActionDecision {
  readonly action: 'revert' | 'notify' | 'none';
  readonly reason?: string;
  /** Break-glass tags worth a remark (longer than breakGlassMaxHours, or not a time), whatever the action. */
  readonly breakGlass?: readonly BreakGlassStatus[];
}

/**
 * What policy says to do with a violation: revert when a finding kind is set to revert and nothing
 * casts doubt (rule error, no plan, exempt principal, break-glass tag): on doubt, notify. A break-glass
 * tag exempts for at most exemptions.breakGlassMaxHours (breakGlassStatus); a longer one is reported.
 */
export function decideAction(input: {
  readonly findings: readonly Finding[];
  readonly revert: RevertPlan;
  readonly actor?: Actor;
  readonly groupIds: readonly string[];
  readonly model: NetworkModel;
  readonly config: GuardianConfig;
  readonly now: Date;
  readonly breakGlassOpenings?: BreakGlassOpenings | undefined;
}): ActionDecision {
  const { findings, config } = input;
  if (findings.length === 0) return { action: 'none' };
  const glass = breakGlassTags(input.groupIds, input.model, config, input.now, input.breakGlassOpenings);
  const remarks = glass.filter((s) => s.message);
  const decision = decide(input, glass.find((s) => s.honoured));
  if (!remarks.length) return decision;
  const noted = remarks.filter((r) => !decision.reason?.includes(r.message)).map((r) => r.message);
  const reason = [decision.reason, ...noted].filter(Boolean).join('; ');
  return { ...decision, ...(reason && { reason }), breakGlass: remarks };
}

function decide(
  input: Parameters<typeof decideAction>[0],
  honoured: BreakGlassStatus | undefined,
): ActionDecision {
  const { findings, config } = input;
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
  if (honoured)
    return {
      action: 'notify',
      reason: honoured.message || `break-glass tag on ${honoured.groupId} until ${honoured.until}`,
    };
  return { action: 'revert' };
}
