import type { AddedRule, RuleUpdate } from '../events/types';
import { describeRule, makeSgRule, sameRuleContent } from '../model/rule-key';
import type { Direction, NetworkModel, SgRule } from '../model/types';
import { unchanged, withGroup } from './edit';
import { findRule, matchesTarget, type RuleTarget } from './rule-match';
import type { ApplyResult } from './types';

/** Adds the rules the group does not have yet (AWS rejects duplicates, so present = already added). */
export function addRules(
  model: NetworkModel,
  groupId: string,
  direction: Direction,
  rules: readonly AddedRule[],
): ApplyResult {
  const group = model.group(groupId);
  if (!group) return unchanged(model, `security group ${groupId} is not in the snapshot`);
  const notes: string[] = [];
  const added: SgRule[] = [];
  for (const rule of rules) {
    if (findRule([...group.rules, ...added], direction, { ruleId: rule.ruleId, spec: rule })) {
      notes.push(`${groupId}: ${direction} rule ${describeRule(direction, rule)} already present`);
    } else added.push(makeSgRule(rule, groupId, direction, rule.ruleId));
  }
  if (added.length === 0) return unchanged(model, ...notes);
  return { model: withGroup(model, { ...group, rules: [...group.rules, ...added] }), effective: true, notes };
}

/** Removes the rules matching the targets; targets not found are noted. */
export function removeRules(
  model: NetworkModel,
  groupId: string,
  direction: Direction,
  targets: readonly RuleTarget[],
): ApplyResult {
  const group = model.group(groupId);
  if (!group) return unchanged(model, `security group ${groupId} is not in the snapshot`);
  const notes = targets
    .filter((t) => !findRule(group.rules, direction, t))
    .map((t) => `${groupId}: ${direction} rule ${targetName(direction, t)} not present`);
  const kept = group.rules.filter((r) => !targets.some((t) => matchesTarget(r, direction, t)));
  if (kept.length === group.rules.length) return unchanged(model, ...notes);
  return { model: withGroup(model, { ...group, rules: kept }), effective: true, notes };
}

/** Replaces the content of rules by id; each rule keeps its direction and id. */
export function modifyRules(
  model: NetworkModel,
  groupId: string,
  updates: readonly RuleUpdate[],
): ApplyResult {
  const group = model.group(groupId);
  if (!group) return unchanged(model, `security group ${groupId} is not in the snapshot`);
  const notes: string[] = [];
  const byId = new Map(updates.map((u) => [u.ruleId, u.rule]));
  let effective = false;
  const rules = group.rules.map((r) => {
    const update = r.ruleId === undefined ? undefined : byId.get(r.ruleId);
    if (!update) return r;
    const next = makeSgRule(update, groupId, r.direction, r.ruleId);
    effective ||= !sameRuleContent(update, r);
    return next;
  });
  const known = new Set(group.rules.map((r) => r.ruleId));
  for (const u of updates) if (!known.has(u.ruleId)) notes.push(`${groupId}: rule ${u.ruleId} not present`);
  if (!effective) return unchanged(model, ...notes);
  return { model: withGroup(model, { ...group, rules }), effective, notes };
}

export function targetName(direction: Direction, target: RuleTarget): string {
  const spec = target.spec ? describeRule(direction, target.spec) : undefined;
  return [target.ruleId, spec].filter(Boolean).join(' ') || 'unknown';
}
