import type { Change } from '../events/types';
import { ruleSpecKey } from '../model/rule-key';
import type { Direction, RuleSpec, SgRule } from '../model/types';

/** A rule a change refers to: by id, by spec, or both (id wins when the model knows ids). */
export interface RuleTarget {
  readonly ruleId?: string;
  readonly spec?: RuleSpec;
}

/**
 * Does `rule` match the target? By id when both sides have one, else by spec (protocol, ports, peer;
 * descriptions do not matter).
 */
export function matchesTarget(rule: SgRule, direction: Direction, target: RuleTarget): boolean {
  if (rule.direction !== direction) return false;
  if (target.ruleId !== undefined && rule.ruleId !== undefined) return rule.ruleId === target.ruleId;
  return target.spec !== undefined && ruleSpecKey(rule) === ruleSpecKey(target.spec);
}

export function findRule(
  rules: readonly SgRule[],
  direction: Direction,
  target: RuleTarget,
): SgRule | undefined {
  return rules.find((r) => matchesTarget(r, direction, target));
}

type Removal = Extract<Change, { kind: 'sg-rules-removed' }>;
type RevokedRule = NonNullable<Removal['revoked']>[number];

/** The rules a revoke refers to: its specs, then its rule ids (with content from `revoked` when known). */
export function removalTargets(change: Removal): RuleTarget[] {
  const byId = revokedById(change);
  return [
    ...change.rules.map((spec): RuleTarget => ({ spec })),
    ...change.ruleIds.map((ruleId): RuleTarget => ({ ruleId, spec: byId.get(ruleId) })),
  ];
}

/**
 * The full content of a removed rule as the event knows it (description and id when given).
 * With a `revoked` list, a spec absent from it was not revoked (AWS ignores unknown permissions): undefined.
 * Without one, a spec target is its own content; an id target's content is unknown (undefined).
 */
export function revokedContent(change: Removal, target: RuleTarget): RevokedRule | undefined {
  if (target.ruleId !== undefined) return revokedById(change).get(target.ruleId);
  const spec = target.spec;
  if (!spec || !change.revoked) return spec;
  return change.revoked.find((r) => ruleSpecKey(r) === ruleSpecKey(spec));
}

function revokedById(change: Removal): Map<string, RevokedRule> {
  const out = new Map<string, RevokedRule>();
  for (const r of change.revoked ?? []) if (r.ruleId !== undefined) out.set(r.ruleId, r);
  return out;
}
