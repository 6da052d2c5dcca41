import { bool, child, fail, id, int, isAbsent, ok, optId } from '../read';
import type { Change } from '../types';
import { MAX_DEVICE_INDEX, readNetworkInterface } from './eni-read';
import { type EventParser, fromResult } from './parser';

/**
 * CreateNetworkInterface -> 'eni-created', from `responseElements.networkInterface` (the request
 * has no ENI id). Service ENIs (load balancers, Lambda, RDS...) carry requesterManaged/requesterId.
 */
export const createEniParser: EventParser = ({ response }) => {
  const node = child(response, 'networkInterface');
  if (isAbsent(node.value)) return fromResult(fail(node, 'missing: the new ENI is only in the response'));
  const eni = readNetworkInterface(node);
  return fromResult(eni.ok ? ok<Change>({ kind: 'eni-created', eni: eni.value }) : eni);
};

/** AttachNetworkInterface -> 'eni-attached' (the ENI's groups come from the state, not the event). */
export const attachEniParser: EventParser = ({ request, response }) => {
  const eniId = id(child(request, 'networkInterfaceId'), 'network-interface');
  if (!eniId.ok) return fromResult(eniId);
  const instanceId = id(child(request, 'instanceId'), 'instance');
  if (!instanceId.ok) return fromResult(instanceId);
  const deviceIndex = int(child(request, 'deviceIndex'), 0, MAX_DEVICE_INDEX);
  if (!deviceIndex.ok) return fromResult(deviceIndex);
  const attachmentId = optId(child(response, 'attachmentId'), 'eni-attachment');
  if (!attachmentId.ok) return fromResult(attachmentId);
  const change: Change = {
    kind: 'eni-attached',
    eniId: eniId.value,
    instanceId: instanceId.value,
    deviceIndex: deviceIndex.value,
    ...(attachmentId.value === undefined ? {} : { attachmentId: attachmentId.value }),
  };
  return fromResult(ok(change));
};

/** DetachNetworkInterface -> 'eni-detached' (only the attachment id is in the event). */
export const detachEniParser: EventParser = ({ request }) => {
  const attachmentId = id(child(request, 'attachmentId'), 'eni-attachment');
  if (!attachmentId.ok) return fromResult(attachmentId);
  const forceNode = child(request, 'force');
  const force = isAbsent(forceNode.value) ? ok(undefined) : bool(forceNode);
  if (!force.ok) return fromResult(force);
  const change: Change = {
    kind: 'eni-detached',
    attachmentId: attachmentId.value,
    ...(force.value === undefined ? {} : { force: force.value }),
  };
  return fromResult(ok(change));
};
