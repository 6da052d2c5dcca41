import type { PlanOp } from '../../core/plan/types';
import { describeChange, describeRule } from './describe-change';

/** One line saying what a planned effect does, for people. */
export function describePlanOp(op: PlanOp): string {
  switch (op.op) {
    case 'change':
      return describeChange(op.change);
    case 'create-group': {
      const g = op.group;
      const rules = g.rules.map((r) => `${r.direction} ${describeRule(r, r.direction)}`);
      const what = rules.length ? `: ${rules.join('; ')}` : ' without inline rules';
      return `new group ${g.groupId} (${g.groupName})${what}`;
    }
    case 'delete-group':
      return `${op.groupId}: group deleted`;
    case 'attach-group':
      return `${op.eniId}: ${op.groupId} attached`;
    case 'detach-group':
      return `${op.eniId}: ${op.groupId} detached`;
    case 'launch':
      return describeLaunch(op);
  }
}

/** `aws_autoscaling_group.web launches instances from lt-0abc version 8 in subnet-1, subnet-2 (Role=web)`. */
function describeLaunch(op: Extract<PlanOp, { op: 'launch' }>): string {
  const t = op.template;
  const parts = [`${op.address} launches instances`];
  if (t) parts.push(` from ${t.launchTemplateId ?? t.launchTemplateName} version ${t.version ?? '$Default'}`);
  if (op.groupIds?.length) parts.push(` with ${op.groupIds.join(', ')}`);
  if (op.subnetIds.length) parts.push(` in ${op.subnetIds.join(', ')}`);
  if (op.attach?.length)
    parts.push(`, attaching ${op.attach.map((a) => `${a.eniId} as device ${a.deviceIndex}`).join(', ')}`);
  const tags = Object.entries(op.tags).map(([k, v]) => `${k}=${v}`);
  if (tags.length) parts.push(` (${tags.join(', ')})`);
  return parts.join('');
}

/** `aws_security_group_rule.x.security_group_id`, or the address alone. */
export function describeUnjudged(c: { readonly address: string; readonly attribute?: string }): string {
  return c.attribute ? `${c.address}.${c.attribute}` : c.address;
}
