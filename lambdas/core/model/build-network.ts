import { tagRecord } from './build-groups';
import { parseDocument, type SnapshotFile } from './documents';
import {
  type NetworkAclDoc,
  NetworkAclsDocumentSchema,
  type NetworkInterfaceDoc,
  NetworkInterfacesDocumentSchema,
  PrefixListEntriesDocumentSchema,
  PrefixListsDocumentSchema,
} from './schemas';
import { SnapshotError } from './snapshot-error';
import type { NaclEntry, NetworkAcl, NetworkInterface, PrefixList } from './types';

export function buildEnis(file: SnapshotFile): NetworkInterface[] {
  const docs = parseDocument(file, NetworkInterfacesDocumentSchema).NetworkInterfaces;
  assertUnique(
    docs.map((d) => d.NetworkInterfaceId),
    `${file.file}: NetworkInterfaces`,
    'NetworkInterfaceId',
  );
  return docs.map(toEni);
}

function toEni(doc: NetworkInterfaceDoc): NetworkInterface {
  const primary = doc.PrivateIpAddress ?? doc.PrivateIpAddresses.find((a) => a.Primary)?.PrivateIpAddress;
  const others = doc.PrivateIpAddresses.map((a) => a.PrivateIpAddress).filter((ip) => ip !== primary);
  return {
    eniId: doc.NetworkInterfaceId,
    subnetId: doc.SubnetId,
    vpcId: doc.VpcId,
    privateIps: primary === undefined ? others : [primary, ...others],
    ipv6Addresses: doc.Ipv6Addresses.map((a) => a.Ipv6Address),
    groupIds: doc.Groups.map((g) => g.GroupId),
    ...(doc.Attachment?.InstanceId === undefined ? {} : { instanceId: doc.Attachment.InstanceId }),
    ...(doc.Attachment?.DeviceIndex === undefined ? {} : { deviceIndex: doc.Attachment.DeviceIndex }),
    ...(doc.Description === undefined ? {} : { description: doc.Description }),
    ...(doc.InterfaceType === undefined ? {} : { interfaceType: doc.InterfaceType }),
    ...(doc.RequesterManaged === undefined ? {} : { requesterManaged: doc.RequesterManaged }),
    ...(doc.RequesterId === undefined ? {} : { requesterId: doc.RequesterId }),
    ...(doc.Attachment?.AttachmentId === undefined ? {} : { attachmentId: doc.Attachment.AttachmentId }),
  };
}

export function buildNacls(file: SnapshotFile): NetworkAcl[] {
  const docs = parseDocument(file, NetworkAclsDocumentSchema).NetworkAcls;
  assertUnique(
    docs.map((d) => d.NetworkAclId),
    `${file.file}: NetworkAcls`,
    'NetworkAclId',
  );
  const subnets = new Set<string>();
  for (const [i, doc] of docs.entries())
    for (const [j, a] of doc.Associations.entries()) {
      if (subnets.has(a.SubnetId))
        throw new SnapshotError(
          `${file.file}: NetworkAcls[${i}].Associations[${j}].SubnetId: subnet ${a.SubnetId} is associated twice`,
        );
      subnets.add(a.SubnetId);
    }
  return docs.map(toNacl);
}

function toNacl(doc: NetworkAclDoc): NetworkAcl {
  return {
    naclId: doc.NetworkAclId,
    vpcId: doc.VpcId,
    isDefault: doc.IsDefault,
    entries: doc.Entries.map(
      (e): NaclEntry => ({
        ruleNumber: e.RuleNumber,
        egress: e.Egress,
        protocol: e.Protocol,
        action: e.RuleAction,
        cidr: (e.CidrBlock ?? e.Ipv6CidrBlock)!, // the schema guarantees exactly one
        ...(e.PortRange ? { portRange: { from: e.PortRange.From, to: e.PortRange.To } } : {}),
        ...(e.IcmpTypeCode ? { icmpTypeCode: { type: e.IcmpTypeCode.Type, code: e.IcmpTypeCode.Code } } : {}),
      }),
    ),
    associations: doc.Associations.map((a) => ({
      associationId: a.NetworkAclAssociationId,
      subnetId: a.SubnetId,
    })),
    tags: tagRecord(doc.Tags),
  };
}

/** Prefix lists from the list file and the per-list entries files; a list without entries has no cidrs. */
export function buildPrefixLists(
  listsFile: SnapshotFile | undefined,
  entryFiles: Readonly<Record<string, SnapshotFile>> | undefined,
): PrefixList[] {
  const lists = listsFile ? parseDocument(listsFile, PrefixListsDocumentSchema).PrefixLists : [];
  const cidrs = new Map(
    Object.entries(entryFiles ?? {}).map(([id, file]) => [
      id,
      parseDocument(file, PrefixListEntriesDocumentSchema).Entries.map((e) => e.Cidr),
    ]),
  );
  const out: PrefixList[] = lists.map((doc) => ({
    prefixListId: doc.PrefixListId,
    ...(doc.PrefixListName === undefined ? {} : { name: doc.PrefixListName }),
    ...(doc.AddressFamily === undefined ? {} : { addressFamily: doc.AddressFamily }),
    ...(cidrs.has(doc.PrefixListId) ? { cidrs: cidrs.get(doc.PrefixListId) } : {}),
  }));
  const listed = new Set(out.map((p) => p.prefixListId));
  for (const [id, entries] of cidrs) if (!listed.has(id)) out.push({ prefixListId: id, cidrs: entries });
  return out;
}

/** Throws a SnapshotError naming the first repeated id: `<at>[i].<field>: duplicate <id>`. */
export function assertUnique(ids: readonly string[], at: string, field: string): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) throw new SnapshotError(`${at}[${i}].${field}: duplicate ${id}`);
    seen.add(id);
  });
}
