import { describeRule, ruleSpecKey } from '../model/rule-key';
import type { PlanOp } from './types';

/**
 * Rules the plan adds, by the resource that adds them. After apply a rule exists if any resource
 * declares it, whatever the order: when one resource removes a rule another adds (a rule moved from
 * an inline block to its own resource), the removal must not undo the addition.
 */
export class DeclaredRules {
  private readonly addedBy = new Map<string, string>();

  /** Remembers the rules `op` adds for `address`. */
  record(op: PlanOp, address: string): void {
    if (op.op !== 'change' || op.change.kind !== 'sg-rules-added') return;
    const { groupId, direction } = op.change;
    for (const rule of op.change.rules) this.addedBy.set(key(groupId, direction, ruleSpecKey(rule)), address);
  }

  /** `op` without the removals of rules that another resource of the plan adds. */
  keep(op: PlanOp, address: string): { readonly op?: PlanOp; readonly notes: readonly string[] } {
    if (op.op !== 'change' || op.change.kind !== 'sg-rules-removed') return { op, notes: [] };
    const c = op.change;
    const notes: string[] = [];
    const rules = c.rules.filter((rule) => {
      const owner = this.addedBy.get(key(c.groupId, c.direction, ruleSpecKey(rule)));
      if (owner === undefined || owner === address) return true;
      const name = describeRule(c.direction, rule);
      notes.push(`${c.groupId}: ${c.direction} rule ${name} stays: ${owner} declares it`);
      return false;
    });
    if (rules.length === c.rules.length) return { op, notes };
    if (rules.length === 0 && c.ruleIds.length === 0) return { notes };
    return { op: { op: 'change', change: { ...c, rules } }, notes };
  }
}

function key(groupId: string, direction: string, spec: string): string {
  return `${groupId}|${direction}|${spec}`;
}
