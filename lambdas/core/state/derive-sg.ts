import type { AddedRule, Change } from '../events/types';
import { sameRuleContent } from '../model/rule-key';
import type { NetworkModel, SecurityGroup } from '../model/types';
import { addRules, modifyRules, removeRules, targetName } from './apply-sg';
import { type Derivation, notInSnapshot, snapshotAfter, snapshotBefore, undetermined } from './derivation';
import { findRule, type RuleTarget, removalTargets, revokedContent } from './rule-match';

type Of<K extends Change['kind']> = Extract<Change, { kind: K }>;

const missingGroup = (model: NetworkModel, groupId: string) =>
  notInSnapshot(model, `security group ${groupId} is not in the snapshot`);

/** A successful authorize always adds new rules: all present = after, none = before. */
export function deriveAdded(model: NetworkModel, change: Of<'sg-rules-added'>): Derivation {
  const group = model.group(change.groupId);
  if (!group) return missingGroup(model, change.groupId);
  const { groupId, direction } = change;
  const targets = change.rules.map((r): RuleTarget => ({ ruleId: r.ruleId, spec: r }));
  const present = countPresent(group, change.direction, targets);
  const without = () => removeRules(model, groupId, direction, targets).model;
  const withAdded = () => addRules(model, groupId, direction, change.rules).model;
  if (targets.length === 0) return undetermined(model, model, 'the change adds no rules');
  if (present === targets.length) return snapshotAfter(model, without());
  if (present === 0) return snapshotBefore(model, withAdded());
  return undetermined(
    without(),
    withAdded(),
    `${present} of ${targets.length} added ${direction} rules of ${groupId} are in the snapshot (AWS rejects duplicates, so it shows neither state)`,
  );
}

/** Present = before. Absent = after, and the prior rules come from the change (or are unknown). */
export function deriveRemoved(model: NetworkModel, change: Of<'sg-rules-removed'>): Derivation {
  const group = model.group(change.groupId);
  if (!group) return missingGroup(model, change.groupId);
  const { groupId, direction } = change;
  const targets = removalTargets(change);
  if (targets.length === 0) return undetermined(model, model, 'the change removes no rules');
  const absent = targets.filter((t) => !findRule(group.rules, direction, t));
  const after = () => removeRules(model, groupId, direction, targets).model;
  if (absent.length === 0) return snapshotBefore(model, after());
  // A revoke by spec ignores unknown permissions: absent specs alone do not tell the snapshot is "after".
  if (absent.length < targets.length && absent.every((t) => t.ruleId === undefined))
    return snapshotBefore(
      model,
      after(),
      ...absent.map((t) => `${groupId}: ${targetName(direction, t)} was not present`),
    );
  const prior = absent.map((t) => ({ target: t, content: revokedContent(change, t) }));
  const unknown = prior.filter((p) => p.content === undefined && p.target.ruleId !== undefined);
  const readd: AddedRule[] = prior.flatMap((p) => (p.content ? [p.content] : []));
  const before = unknown.length ? undefined : addRules(model, groupId, direction, readd).model;
  const notes = unknown.length
    ? [
        `content of revoked rule(s) ${unknown.map((p) => p.target.ruleId).join(', ')} unknown: not in the snapshot or the event`,
      ]
    : [];
  if (absent.length === targets.length) {
    if (unknown.length && !model.coverage.ruleIds)
      return undetermined(
        undefined,
        model,
        ...notes,
        'the snapshot has no rule ids (describe-security-group-rules.json)',
      );
    return snapshotAfter(model, before, ...notes);
  }
  return undetermined(before, after(), ...notes, `only some revoked rules of ${groupId} are in the snapshot`);
}

/** The rules show the new content = after (prior content unknown); otherwise before. */
export function deriveModified(model: NetworkModel, change: Of<'sg-rules-modified'>): Derivation {
  const group = model.group(change.groupId);
  if (!group) return missingGroup(model, change.groupId);
  if (change.updates.length === 0) return undetermined(model, model, 'the change modifies no rules');
  const current = change.updates.map((u) => ({
    update: u,
    rule: group.rules.find((r) => r.ruleId === u.ruleId),
  }));
  const missing = current.filter((c) => c.rule === undefined).map((c) => c.update.ruleId);
  if (missing.length) {
    const why = model.coverage.ruleIds ? '' : ' (the snapshot has no describe-security-group-rules.json)';
    return undetermined(
      undefined,
      model,
      `rule(s) ${missing.join(', ')} of ${change.groupId} not in the snapshot${why}`,
    );
  }
  if (current.every((c) => c.rule && sameRuleContent(c.rule, c.update.rule)))
    return snapshotAfter(
      model,
      undefined,
      `the snapshot already shows the modified rules of ${change.groupId}; their prior content is unknown`,
    );
  return snapshotBefore(model, modifyRules(model, change.groupId, change.updates).model);
}

function countPresent(
  group: SecurityGroup,
  direction: 'ingress' | 'egress',
  targets: readonly RuleTarget[],
): number {
  return targets.filter((t) => findRule(group.rules, direction, t)).length;
}
