import { child, fail, type Node, ok, type Result, show } from '../../events/read';
import { normalizeCidr } from '../../util/cidr';
import type { PlanOp } from '../types';
import { text } from '../values';
import { afterValue } from './after-values';
import { cannotKnow } from './launch-reads';
import { change, makesNew, touchesOld, type Translator } from './translator';

interface Entry {
  readonly prefixListId: string;
  readonly cidr: string;
}

/**
 * aws_ec2_managed_prefix_list_entry: one CIDR of one list (both force a replacement; a description
 * change is in place and changes no traffic). The rules referencing the list are judged again.
 */
export const managedPrefixListEntry: Translator = (resource, plan) => {
  const { action } = resource;
  if (action === 'update') return ok({ ops: [], cannotJudge: [], notes: [] });
  const { before } = resource;
  const old = touchesOld(action)
    ? readEntry(child(before, 'prefix_list_id'), child(before, 'cidr'))
    : ok(undefined);
  if (!old.ok) return old;
  let next: Entry | undefined;
  if (makesNew(action)) {
    const list = afterValue(resource, plan, ['prefix_list_id']);
    const cidr = afterValue(resource, plan, ['cidr']);
    const unknown = [list, cidr].flatMap((v) => ('unknown' in v ? [v.unknown] : []));
    if (unknown.length || !('node' in list) || !('node' in cidr))
      return ok({
        ops: removal(old.value),
        cannotJudge: unknown.map((a) => cannotKnow(resource, a, 'the rules referencing the list').cannotJudge),
        notes: [],
      });
    const read = readEntry(list.node, cidr.node);
    if (!read.ok) return read;
    next = read.value;
  }
  if (old.value && next && old.value.prefixListId === next.prefixListId && old.value.cidr === next.cidr)
    return ok({ ops: [], cannotJudge: [], notes: [] });
  const ops: PlanOp[] = [];
  const add = next ? [modified(next.prefixListId, [next.cidr], [])] : [];
  if (action === 'create-delete') ops.push(...add, ...removal(old.value));
  else ops.push(...removal(old.value), ...add);
  return ok({ ops, cannotJudge: [], notes: [] });
};

function removal(entry: Entry | undefined): PlanOp[] {
  return entry ? [modified(entry.prefixListId, [], [entry.cidr])] : [];
}

function modified(prefixListId: string, added: string[], removed: string[]): PlanOp {
  return change({ kind: 'prefix-list-modified', prefixListId, added, removed });
}

function readEntry(listNode: Node, cidrNode: Node): Result<Entry> {
  const prefixListId = text(listNode);
  if (!prefixListId.ok) return prefixListId;
  const raw = text(cidrNode);
  if (!raw.ok) return raw;
  const cidr = normalizeCidr(raw.value);
  if (cidr === undefined) return fail(cidrNode, `expected a CIDR, got ${show(raw.value)}`);
  return ok({ prefixListId: prefixListId.value, cidr });
}
