import type { NetworkInterface } from '../../model/types';
import type { ResourceKind } from '../../util/resource-ids';
import {
  bool,
  child,
  collect,
  definedOnly,
  fail,
  id,
  isAbsent,
  isRecord,
  looseStr,
  type Node,
  ok,
  optId,
  optInt,
  optStr,
  type Result,
  show,
  str,
} from '../read';
import { readGroupIds, setEntries } from './ec2-sets';

/** Highest attachment device index accepted (instances have far fewer network cards and slots). */
export const MAX_DEVICE_INDEX = 255;

/** Values the enclosing record knows (RunInstances: the instance's id, subnet and VPC). */
export interface EniContext {
  readonly instanceId?: string;
  readonly subnetId?: string;
  readonly vpcId?: string;
}

/**
 * A network interface as CloudTrail writes it in responses (`responseElements.networkInterface` of
 * CreateNetworkInterface, `networkInterfaceSet.items[i]` of a RunInstances instance).
 */
export function readNetworkInterface(node: Node, context: EniContext = {}): Result<NetworkInterface> {
  if (!isRecord(node.value)) return fail(node, `expected a network interface, got ${show(node.value)}`);
  const eniId = id(child(node, 'networkInterfaceId'), 'network-interface');
  if (!eniId.ok) return eniId;
  const subnetId = withDefault(child(node, 'subnetId'), 'subnet', context.subnetId);
  if (!subnetId.ok) return subnetId;
  const vpcId = withDefault(child(node, 'vpcId'), 'vpc', context.vpcId);
  if (!vpcId.ok) return vpcId;
  const groupIds = readGroupIds(child(node, 'groupSet'));
  if (!groupIds.ok) return groupIds;
  const privateIps = readPrivateIps(node);
  if (!privateIps.ok) return privateIps;
  const ipv6 = setEntries(child(node, 'ipv6AddressesSet'));
  if (!ipv6.ok) return ipv6;
  const ipv6Addresses = collect(ipv6.value, (entry) => str(child(entry, 'ipv6Address')));
  if (!ipv6Addresses.ok) return ipv6Addresses;
  const attachment = readAttachment(child(node, 'attachment'));
  if (!attachment.ok) return attachment;
  const managed = child(node, 'requesterManaged');
  const requesterManaged = isAbsent(managed.value) ? ok(undefined) : bool(managed);
  if (!requesterManaged.ok) return requesterManaged;
  const optional = {
    instanceId: context.instanceId ?? attachment.value.instanceId,
    deviceIndex: attachment.value.deviceIndex,
    attachmentId: attachment.value.attachmentId,
    description: looseStr(child(node, 'description')),
    interfaceType: looseStr(child(node, 'interfaceType')),
    requesterManaged: requesterManaged.value,
    requesterId: looseStr(child(node, 'requesterId')),
  };
  return ok({
    eniId: eniId.value,
    subnetId: subnetId.value,
    vpcId: vpcId.value,
    privateIps: privateIps.value,
    ipv6Addresses: ipv6Addresses.value,
    groupIds: groupIds.value,
    ...definedOnly(optional),
  });
}

function withDefault(node: Node, kind: ResourceKind, fallback: string | undefined): Result<string> {
  const value = optId(node, kind);
  if (!value.ok) return value;
  const found = value.value ?? fallback;
  return found === undefined ? fail(node, 'missing') : ok(found);
}

/** The primary private IPv4 (`privateIpAddress`) first, then the others of `privateIpAddressesSet`. */
function readPrivateIps(node: Node): Result<string[]> {
  const primary = optStr(child(node, 'privateIpAddress'));
  if (!primary.ok) return primary;
  const entries = setEntries(child(node, 'privateIpAddressesSet'));
  if (!entries.ok) return entries;
  const listed = collect(entries.value, (entry) => str(child(entry, 'privateIpAddress')));
  if (!listed.ok) return listed;
  const all = primary.value === undefined ? listed.value : [primary.value, ...listed.value];
  return ok([...new Set(all)]);
}

interface Attachment {
  readonly attachmentId?: string;
  readonly deviceIndex?: number;
  readonly instanceId?: string;
}

/** `attachment: { attachmentId, deviceIndex, instanceId }`; absent for an unattached ENI. */
function readAttachment(node: Node): Result<Attachment> {
  if (isAbsent(node.value)) return ok({});
  if (!isRecord(node.value)) return fail(node, `expected an attachment, got ${show(node.value)}`);
  const attachmentId = optId(child(node, 'attachmentId'), 'eni-attachment');
  if (!attachmentId.ok) return attachmentId;
  const deviceIndex = optInt(child(node, 'deviceIndex'), 0, MAX_DEVICE_INDEX);
  if (!deviceIndex.ok) return deviceIndex;
  return ok({
    attachmentId: attachmentId.value,
    deviceIndex: deviceIndex.value,
    instanceId: looseStr(child(node, 'instanceId')),
  });
}
