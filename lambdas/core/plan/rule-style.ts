import { child, isRecord, type Node } from '../events/read';
import { declarationAddress, modulePrefix, referencesAt } from './configuration';
import type { PlanResource } from './types';

/** Resource types that each declare one rule of a group named by `security_group_id`. */
const RULE_RESOURCES: ReadonlySet<string> = new Set([
  'aws_security_group_rule',
  'aws_vpc_security_group_ingress_rule',
  'aws_vpc_security_group_egress_rule',
]);

const INLINE_ATTRIBUTES = ['ingress', 'egress'] as const;

/**
 * The groups whose rules the plan writes inline in `aws_security_group` (`ingress {}` / `egress {}`
 * blocks), by group id (a new group's id is its address, as the model names it) -> the address of
 * that resource. Terraform cannot mix the two styles on one group (a rule resource and inline blocks
 * overwrite each other on every apply), so a fix for such a group must be an inline block too.
 *
 * Inline when the group's configuration writes an `ingress` or `egress` argument, or, for a plan
 * without configuration, when the change itself adds or removes inline rules (a rule resource's
 * rule only shows in the group's state). A group that any rule resource of the plan targets keeps
 * the resource style: the plan has chosen it (or is moving to it).
 */
export function inlineRuleGroups(resources: readonly PlanResource[]): Map<string, string> {
  const targeted = ruleResourceTargets(resources);
  const inline = new Map<string, string>();
  for (const r of resources) {
    if (r.type !== 'aws_security_group' || r.mode !== 'managed' || !writesInline(r)) continue;
    const ids = groupIdsOf(r);
    if (ids.some((id) => targeted.has(id)) || targeted.has(declarationAddress(r.address))) continue;
    for (const id of ids) inline.set(id, r.address);
  }
  return inline;
}

function writesInline(r: PlanResource): boolean {
  if (r.action === 'delete') return false;
  if (r.expressions && isRecord(r.expressions.value)) {
    const written = r.expressions.value;
    return INLINE_ATTRIBUTES.some((a) => a in written);
  }
  return INLINE_ATTRIBUTES.some((a) => {
    const before = listOf(child(r.before, a));
    const after = listOf(child(r.after, a));
    if (r.action === 'create') return after.length > 0;
    return JSON.stringify(before) !== JSON.stringify(after);
  });
}

function listOf(node: Node): unknown[] {
  return Array.isArray(node.value) ? node.value : [];
}

/** The id before and after the change, or the address of a group created with an id not known yet. */
function groupIdsOf(r: PlanResource): string[] {
  const ids = [child(r.before, 'id').value, child(r.after, 'id').value].filter(
    (v): v is string => typeof v === 'string' && v.length > 0,
  );
  return ids.length ? [...new Set(ids)] : [r.address];
}

/**
 * Groups that rule resources of the plan target: known ids, and the declaration addresses of the
 * groups whose id they reference (`security_group_id = aws_security_group.x.id`).
 */
function ruleResourceTargets(resources: readonly PlanResource[]): Set<string> {
  const out = new Set<string>();
  for (const r of resources) {
    if (!RULE_RESOURCES.has(r.type) || r.mode !== 'managed') continue;
    for (const side of [r.before, r.after]) {
      const id = child(side, 'security_group_id').value;
      if (typeof id === 'string' && id) out.add(id);
    }
    const prefix = modulePrefix(declarationAddress(r.address));
    for (const ref of referencesAt(r.expressions, ['security_group_id']) ?? [])
      if (ref.startsWith('aws_security_group.')) out.add(prefix + declarationAddress(ref.replace(/\.id$/, '')));
  }
  return out;
}
