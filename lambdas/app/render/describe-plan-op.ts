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
  }
}

/** `aws_security_group_rule.x.security_group_id`, or the address alone. */
export function describeUnjudged(c: { readonly address: string; readonly attribute?: string }): string {
  return c.attribute ? `${c.address}.${c.attribute}` : c.address;
}
