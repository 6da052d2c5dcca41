import { child, ok, type Result } from '../../events/read';
import type { Change } from '../../events/types';
import type { CannotJudge, PlanContext, PlanResource } from '../types';
import { integer, text } from '../values';
import { afterValue } from './after-values';
import { cannotKnow } from './launch-reads';
import { change, makesNew, touchesOld, type Translator } from './translator';

/**
 * aws_network_interface_attachment: an ENI attached to an instance at a device index
 * (AttachNetworkInterface), detached by its attachment id (DetachNetworkInterface). Every attribute
 * forces a replacement: the old attachment goes first, then the new one comes.
 */
export const networkInterfaceAttachment: Translator = (resource, plan) => {
  const cannotJudge: CannotJudge[] = [];
  const changes: Change[] = [];
  if (touchesOld(resource.action) && resource.action !== 'update') {
    const attachmentId = text(child(resource.before, 'attachment_id'));
    if (!attachmentId.ok) return attachmentId;
    changes.push({ kind: 'eni-detached', attachmentId: attachmentId.value });
  }
  if (makesNew(resource.action) && resource.action !== 'update') {
    const attached = readAttach(resource, plan, cannotJudge);
    if (!attached.ok) return attached;
    if (attached.value) changes.push(attached.value);
  }
  if (resource.action === 'create-delete') changes.reverse();
  return ok({ ops: changes.map(change), cannotJudge, notes: [] });
};

function readAttach(
  resource: PlanResource,
  plan: PlanContext,
  cannotJudge: CannotJudge[],
): Result<Change | undefined> {
  const values: string[] = [];
  for (const key of ['network_interface_id', 'instance_id']) {
    const value = afterValue(resource, plan, [key]);
    if ('unknown' in value) {
      cannotJudge.push(cannotKnow(resource, value.unknown, 'the attachment').cannotJudge);
      continue;
    }
    const read = text(value.node);
    if (!read.ok) return read;
    values.push(read.value);
  }
  const deviceIndex = afterValue(resource, plan, ['device_index']);
  if ('unknown' in deviceIndex) {
    cannotJudge.push(cannotKnow(resource, deviceIndex.unknown, 'the attachment').cannotJudge);
    return ok(undefined);
  }
  const index = integer(deviceIndex.node, 0, 1023);
  if (!index.ok) return index;
  const [eniId, instanceId] = values;
  if (eniId === undefined || instanceId === undefined) return ok(undefined);
  return ok({ kind: 'eni-attached', eniId, instanceId, deviceIndex: index.value });
}
