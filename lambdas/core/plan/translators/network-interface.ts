import { child, ok } from '../../events/read';
import { sameSet } from '../../state/apply-change';
import type { PlanOp } from '../types';
import { hasUnknown } from '../unknown';
import { text, texts } from '../values';
import { change, knownAfterApply, type Translator } from './translator';

/**
 * aws_network_interface: an update of `security_groups` sets the ENI's groups. A new ENI is not in
 * the snapshot and carries no traffic yet, a deleted one carries none any more: both are noted only.
 */
export const networkInterface: Translator = (resource) => {
  const { action, address } = resource;
  if (action === 'create')
    return noted(`${address}: a new network interface is not in the snapshot; not judged`);
  if (action === 'delete')
    return noted(`${address}: the network interface is deleted; its traffic is not judged`);
  if (action !== 'update')
    return noted(`${address}: the network interface is replaced by a new one (new id); not judged`);
  if (hasUnknown(child(resource.afterUnknown, 'security_groups')))
    return ok({ ops: [], cannotJudge: knownAfterApply(resource, ['security_groups']), notes: [] });
  const eniId = text(child(resource.before, 'id'));
  if (!eniId.ok) return eniId;
  const old = texts(child(resource.before, 'security_groups'));
  if (!old.ok) return old;
  const next = texts(child(resource.after, 'security_groups'));
  if (!next.ok) return next;
  const ops: PlanOp[] = sameSet(old.value, next.value)
    ? []
    : [change({ kind: 'eni-groups-set', eniId: eniId.value, groupIds: next.value })];
  return ok({ ops, cannotJudge: [], notes: [] });
};

function noted(note: string) {
  return ok({ ops: [], cannotJudge: [], notes: [note] });
}
