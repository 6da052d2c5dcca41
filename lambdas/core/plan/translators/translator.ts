import type { Result } from '../../events/read';
import type { Change } from '../../events/types';
import { ruleSpecKey } from '../../model/rule-key';
import type { Direction, RuleSpec } from '../../model/types';
import type { CannotJudge, PlanAction, PlanContext, PlanOp, PlanResource, Translation } from '../types';

/**
 * Turns one resource change into planned effects. Pure; a bad attribute value is a failure with its
 * path. `plan` resolves values known only after apply that the plan itself decides.
 */
export type Translator = (resource: PlanResource, plan: PlanContext) => Result<Translation>;

export const NOTHING: Translation = { ops: [], cannotJudge: [], notes: [] };

/** Does the action remove (or change) the object that exists now? */
export function touchesOld(action: PlanAction): boolean {
  return action === 'delete' || action === 'update' || isReplace(action);
}

/** Does the action leave a new or changed object behind? */
export function makesNew(action: PlanAction): boolean {
  return action === 'create' || action === 'update' || isReplace(action);
}

export function isReplace(action: PlanAction): boolean {
  return action === 'delete-create' || action === 'create-delete';
}

export function knownAfterApply(resource: PlanResource, attributes: readonly string[]): CannotJudge[] {
  return attributes.map((attribute) => ({
    address: resource.address,
    attribute,
    reason: `${attribute} is known only after apply`,
  }));
}

export function change(c: Change): PlanOp {
  return { op: 'change', change: c };
}

/** Rules of one group and direction, as Terraform describes them before or after the change. */
export interface RuleSet {
  readonly groupId: string;
  readonly direction: Direction;
  readonly specs: readonly RuleSpec[];
}

/**
 * The rules to add and remove to go from `old` to `next` (either may be absent). Rules are compared
 * on protocol, ports and peer: a description-only change changes no traffic.
 */
export function ruleDiff(old: RuleSet | undefined, next: RuleSet | undefined): PlanOp[] {
  const same = old && next && old.groupId === next.groupId && old.direction === next.direction;
  const keys = (set: RuleSet | undefined) => new Set(set?.specs.map(ruleSpecKey));
  const oldKeys = same ? keys(old) : new Set<string>();
  const nextKeys = same ? keys(next) : new Set<string>();
  const ops: PlanOp[] = [];
  const added = uniqueSpecs(next?.specs.filter((s) => !oldKeys.has(ruleSpecKey(s))) ?? []);
  const removed = uniqueSpecs(old?.specs.filter((s) => !nextKeys.has(ruleSpecKey(s))) ?? []);
  if (next && added.length)
    ops.push(
      change({ kind: 'sg-rules-added', groupId: next.groupId, direction: next.direction, rules: added }),
    );
  if (old && removed.length)
    ops.push(
      change({
        kind: 'sg-rules-removed',
        groupId: old.groupId,
        direction: old.direction,
        rules: removed,
        ruleIds: [],
      }),
    );
  return ops;
}

/** One spec per (protocol, ports, peer): AWS keeps one rule for each. */
export function uniqueSpecs(specs: readonly RuleSpec[]): RuleSpec[] {
  const seen = new Map<string, RuleSpec>();
  for (const s of specs) if (!seen.has(ruleSpecKey(s))) seen.set(ruleSpecKey(s), s);
  return [...seen.values()];
}
