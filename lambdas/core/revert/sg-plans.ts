import type { Change } from '../events/types';
import { toIpPermissions } from '../model/ip-permissions';
import { describeRule, directedRuleKey } from '../model/rule-key';
import type { Direction, SgRule } from '../model/types';
import { findRule, removalTargets } from '../state/rule-match';
import type { DerivedStates } from '../state/types';
import type { RevertPlan } from '../verdict/types';
import { securityGroupRuleRequest } from './sdk-input';
import { nothingToUndo, priorUnknownReason, ready, step, unknownPrior } from './steps';

type Of<K extends Change['kind']> = Extract<Change, { kind: K }>;

const side = (direction: Direction) => (direction === 'ingress' ? 'Ingress' : 'Egress');

/** Revokes exactly the rules the authorize added: by id when every id is known, else by exact spec. */
export function revertAdded(change: Of<'sg-rules-added'>, states: DerivedStates): RevertPlan {
  const { groupId, direction, rules } = change;
  if (rules.length === 0) return nothingToUndo('the change added no rules');
  const group = states.after.group(groupId);
  const ids = rules.map(
    (r) => r.ruleId ?? (group ? findRule(group.rules, direction, { spec: r })?.ruleId : undefined),
  );
  const api = `RevokeSecurityGroup${side(direction)}` as const;
  if (ids.every((id): id is string => id !== undefined))
    return ready(
      step(
        api,
        { GroupId: groupId, SecurityGroupRuleIds: ids },
        `Revoke ${direction} rule(s) ${ids.join(', ')} from ${groupId}`,
      ),
    );
  const IpPermissions = toIpPermissions(rules, { style: 'sdk', descriptions: false });
  return ready(
    step(api, { GroupId: groupId, IpPermissions }, `Revoke ${list(direction, rules)} from ${groupId}`),
  );
}

/** Re-authorizes the rules the revoke removed, with their descriptions from the prior state. */
export function revertRemoved(change: Of<'sg-rules-removed'>, states: DerivedStates): RevertPlan {
  const { groupId, direction } = change;
  const targets = removalTargets(change);
  if (targets.length === 0) return nothingToUndo('the change removed no rules');
  if (!states.before) return unknownPrior(priorUnknownReason(states.notes, 'the removed rules are unknown'));
  const prior = states.before.group(groupId);
  if (!prior) return unknownPrior(`security group ${groupId} is not in the prior state`);
  const stillThere = new Set(
    (states.after.group(groupId)?.rules ?? []).map((r) => directedRuleKey(r.direction, r)),
  );
  const removed = unique(targets.flatMap((t) => findRule(prior.rules, direction, t) ?? []));
  const readd = removed.filter((r) => !stillThere.has(directedRuleKey(r.direction, r)));
  if (readd.length === 0)
    return nothingToUndo(`the revoke removed no rule the prior state of ${groupId} shows`);
  const IpPermissions = toIpPermissions(readd, { style: 'sdk' });
  const api = `AuthorizeSecurityGroup${side(direction)}` as const;
  return ready(
    step(api, { GroupId: groupId, IpPermissions }, `Re-authorize ${list(direction, readd)} on ${groupId}`),
  );
}

/** Restores each modified rule's prior content. */
export function revertModified(change: Of<'sg-rules-modified'>, states: DerivedStates): RevertPlan {
  const { groupId, updates } = change;
  if (updates.length === 0) return nothingToUndo('the change modified no rules');
  if (!states.before)
    return unknownPrior(priorUnknownReason(states.notes, 'the prior rule content is unknown'));
  const rules = states.before.group(groupId)?.rules ?? [];
  const prior = updates.map((u) => ({ id: u.ruleId, rule: rules.find((r) => r.ruleId === u.ruleId) }));
  const missing = prior.filter((p) => !p.rule).map((p) => p.id);
  if (missing.length)
    return unknownPrior(`prior content of rule(s) ${missing.join(', ')} of ${groupId} is unknown`);
  const SecurityGroupRules = prior.map((p) => ({
    SecurityGroupRuleId: p.id,
    SecurityGroupRule: securityGroupRuleRequest(p.rule!),
  }));
  const summary = `Restore rule(s) ${prior.map((p) => p.id).join(', ')} of ${groupId} to their prior content`;
  return ready(step('ModifySecurityGroupRules', { GroupId: groupId, SecurityGroupRules }, summary));
}

function list(direction: Direction, specs: readonly Parameters<typeof describeRule>[1][]): string {
  return specs.map((s) => describeRule(direction, s)).join(', ');
}

function unique(rules: readonly SgRule[]): SgRule[] {
  return [...new Set(rules)];
}
