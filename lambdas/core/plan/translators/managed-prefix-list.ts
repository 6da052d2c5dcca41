import { child, type Node, ok, type Result } from '../../events/read';
import type { PlanOp } from '../types';
import { readCidr } from '../rule-specs';
import { entries, text } from '../values';
import { cannotKnow } from './launch-reads';
import { unknownAt } from './after-values';
import { change, NOTHING, type Translator } from './translator';

/**
 * aws_ec2_managed_prefix_list with inline `entry` blocks: an update adds and removes the CIDRs that
 * differ (ModifyManagedPrefixList), and every rule referencing the list is judged again. A new list
 * is referenced by no rule of the snapshot, a deleted one by none any more (AWS refuses otherwise):
 * both are noted.
 */
export const managedPrefixList: Translator = (resource) => {
  const { action, address } = resource;
  const noted = (note: string) => ok({ ...NOTHING, notes: [`${address}: ${note}`] });
  if (action === 'create') return noted('a new prefix list; no rule of the snapshot references it');
  if (action === 'delete') return noted('the prefix list is deleted (AWS refuses while a rule references it)');
  if (action !== 'update') return noted('the prefix list is replaced by a new one (new id); not judged');
  if (unknownAt(resource, ['entry'])) {
    const unknown = cannotKnow(resource, 'entry', 'the rules that reference it').cannotJudge;
    return ok({ ops: [], cannotJudge: [unknown], notes: [] });
  }
  const id = text(child(resource.before, 'id'));
  if (!id.ok) return id;
  const family = child(resource.before, 'address_family').value === 'IPv6' ? 'ipv6' : 'ipv4';
  const old = cidrs(child(resource.before, 'entry'), family);
  if (!old.ok) return old;
  const next = cidrs(child(resource.after, 'entry'), family);
  if (!next.ok) return next;
  const added = [...next.value].filter((c) => !old.value.has(c));
  const removed = [...old.value].filter((c) => !next.value.has(c));
  const ops: PlanOp[] =
    added.length || removed.length
      ? [change({ kind: 'prefix-list-modified', prefixListId: id.value, added, removed })]
      : [];
  return ok({ ops, cannotJudge: [], notes: [] });
};

/** The normalised CIDRs of `entry` blocks (a description-only change changes no traffic). */
export function cidrs(node: Node, family: 'ipv4' | 'ipv6'): Result<Set<string>> {
  const list = entries(node);
  if (!list.ok) return list;
  const out = new Set<string>();
  for (const block of list.value) {
    const cidr = readCidr(child(block, 'cidr'), family);
    if (!cidr.ok) return cidr;
    out.add(cidr.value);
  }
  return ok(out);
}
