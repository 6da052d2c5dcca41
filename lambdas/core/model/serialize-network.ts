import { isIpv6 } from '../util/cidr';
import { protocolNumber } from '../util/protocol';
import { prefixListEntriesFile, SNAPSHOT_FILES } from './documents';
import type { NaclEntry, NetworkAcl, NetworkInterface, NetworkModel, PrefixList } from './types';

export function serializeEnis(model: NetworkModel): unknown {
  return { NetworkInterfaces: [...model.enis()].map((eni) => eniDocument(model, eni)) };
}

function eniDocument(model: NetworkModel, eni: NetworkInterface): Record<string, unknown> {
  const attachment = {
    ...(eni.attachmentId === undefined ? {} : { AttachmentId: eni.attachmentId }),
    ...(eni.deviceIndex === undefined ? {} : { DeviceIndex: eni.deviceIndex }),
    ...(eni.instanceId === undefined ? {} : { InstanceId: eni.instanceId }),
  };
  return {
    ...(Object.keys(attachment).length ? { Attachment: attachment } : {}),
    ...(eni.description === undefined ? {} : { Description: eni.description }),
    Groups: eni.groupIds.map((id) => {
      const name = model.group(id)?.groupName;
      return name === undefined ? { GroupId: id } : { GroupId: id, GroupName: name };
    }),
    ...(eni.interfaceType === undefined ? {} : { InterfaceType: eni.interfaceType }),
    Ipv6Addresses: eni.ipv6Addresses.map((a) => ({ Ipv6Address: a })),
    NetworkInterfaceId: eni.eniId,
    ...(eni.privateIps[0] === undefined ? {} : { PrivateIpAddress: eni.privateIps[0] }),
    PrivateIpAddresses: eni.privateIps.map((ip, i) => ({ Primary: i === 0, PrivateIpAddress: ip })),
    ...(eni.requesterId === undefined ? {} : { RequesterId: eni.requesterId }),
    ...(eni.requesterManaged === undefined ? {} : { RequesterManaged: eni.requesterManaged }),
    SubnetId: eni.subnetId,
    VpcId: eni.vpcId,
  };
}

export function serializeNacls(model: NetworkModel): unknown {
  return { NetworkAcls: [...model.nacls()].map(naclDocument) };
}

function naclDocument(nacl: NetworkAcl): Record<string, unknown> {
  return {
    Associations: nacl.associations.map((a) => ({
      NetworkAclAssociationId: a.associationId,
      NetworkAclId: nacl.naclId,
      SubnetId: a.subnetId,
    })),
    Entries: nacl.entries.map(naclEntryDocument),
    IsDefault: nacl.isDefault,
    NetworkAclId: nacl.naclId,
    Tags: tagList(nacl.tags),
    VpcId: nacl.vpcId,
  };
}

/** One NACL entry in describe-network-acls form (the SDK's NetworkAclEntry shape). */
export function naclEntryDocument(entry: NaclEntry): Record<string, unknown> {
  return {
    ...(isIpv6(entry.cidr) ? { Ipv6CidrBlock: entry.cidr } : { CidrBlock: entry.cidr }),
    Egress: entry.egress,
    ...(entry.icmpTypeCode
      ? { IcmpTypeCode: { Code: entry.icmpTypeCode.code, Type: entry.icmpTypeCode.type } }
      : {}),
    ...(entry.portRange ? { PortRange: { From: entry.portRange.from, To: entry.portRange.to } } : {}),
    Protocol: protocolNumber(entry.protocol),
    RuleAction: entry.action,
    RuleNumber: entry.ruleNumber,
  };
}

/** describe-managed-prefix-lists.json (when that layer was loaded) and one entries file per loaded list. */
export function serializePrefixLists(model: NetworkModel): Record<string, unknown> {
  const lists = model.prefixLists ? [...model.prefixLists()] : referencedPrefixLists(model);
  const files: Record<string, unknown> = {};
  if (model.coverage.prefixLists)
    files[SNAPSHOT_FILES.prefixLists] = {
      PrefixLists: lists.map((p) => ({
        ...(p.addressFamily === undefined ? {} : { AddressFamily: p.addressFamily }),
        PrefixListId: p.prefixListId,
        ...(p.name === undefined ? {} : { PrefixListName: p.name }),
      })),
    };
  for (const list of lists)
    if (list.cidrs)
      files[prefixListEntriesFile(list.prefixListId)] = { Entries: list.cidrs.map((c) => ({ Cidr: c })) };
  return files;
}

function referencedPrefixLists(model: NetworkModel): PrefixList[] {
  const ids = new Set<string>();
  for (const g of model.groups())
    for (const r of g.rules) if (r.peer.kind === 'prefix-list') ids.add(r.peer.prefixListId);
  return [...ids].map((id) => model.prefixList(id)).filter((p): p is PrefixList => p !== undefined);
}

export function tagList(tags: Readonly<Record<string, string>>): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}
