import { child, type Node, ok, type Result } from '../../events/read';
import type { PlanOp } from '../types';
import { unknownAttributes } from '../unknown';
import { text } from '../values';
import { knownAfterApply, makesNew, touchesOld, type Translator } from './translator';

interface Attachment {
  readonly eniId: string;
  readonly groupId: string;
}

/** aws_network_interface_sg_attachment: one group on one ENI (both attributes force a replacement). */
export const eniSgAttachment: Translator = (resource) => {
  const old = touchesOld(resource.action) ? readAttachment(resource.before) : ok(undefined);
  if (!old.ok) return old;
  const unknown = makesNew(resource.action)
    ? unknownAttributes(resource.afterUnknown, ['network_interface_id', 'security_group_id'])
    : [];
  const next =
    makesNew(resource.action) && unknown.length === 0 ? readAttachment(resource.after) : ok(undefined);
  if (!next.ok) return next;
  const same =
    old.value !== undefined &&
    next.value !== undefined &&
    old.value.eniId === next.value.eniId &&
    old.value.groupId === next.value.groupId;
  const ops: PlanOp[] = [];
  if (next.value && !same) ops.push({ op: 'attach-group', ...next.value });
  if (old.value && !same) ops.push({ op: 'detach-group', ...old.value });
  return ok({ ops, cannotJudge: knownAfterApply(resource, unknown), notes: [] });
};

function readAttachment(node: Node): Result<Attachment> {
  const eniId = text(child(node, 'network_interface_id'));
  if (!eniId.ok) return eniId;
  const groupId = text(child(node, 'security_group_id'));
  if (!groupId.ok) return groupId;
  return ok({ eniId: eniId.value, groupId: groupId.value });
}
