import type { NaclAssociation, NaclEntry, NetworkAcl, NetworkModel } from '../model/types';
import { hasPorts } from '../util/protocol';
import { unchanged, withNacls } from './edit';
import type { ApplyResult } from './types';

/** Entries are keyed by rule number and direction. */
export function findEntry(nacl: NetworkAcl, ruleNumber: number, egress: boolean): NaclEntry | undefined {
  return nacl.entries.find((e) => e.ruleNumber === ruleNumber && e.egress === egress);
}

const isIcmp = (protocol: string) => protocol === 'icmp' || protocol === 'icmpv6';

/** Same entry content; port ranges count only for tcp/udp and ICMP type/code only for ICMP. */
export function sameEntry(a: NaclEntry, b: NaclEntry): boolean {
  const ports = (e: NaclEntry) =>
    hasPorts(e.protocol) && e.portRange ? `${e.portRange.from}-${e.portRange.to}` : '';
  const icmp = (e: NaclEntry) =>
    isIcmp(e.protocol) && e.icmpTypeCode ? `${e.icmpTypeCode.type}/${e.icmpTypeCode.code}` : '';
  return (
    a.ruleNumber === b.ruleNumber &&
    a.egress === b.egress &&
    a.protocol === b.protocol &&
    a.action === b.action &&
    a.cidr === b.cidr &&
    ports(a) === ports(b) &&
    icmp(a) === icmp(b)
  );
}

export function entryName(naclId: string, ruleNumber: number, egress: boolean): string {
  return `${naclId} ${egress ? 'egress' : 'ingress'} rule #${ruleNumber}`;
}

/** Creates or replaces the entry with the same rule number and direction. */
export function setEntry(model: NetworkModel, naclId: string, entry: NaclEntry): ApplyResult {
  const nacl = model.nacl(naclId);
  if (!nacl) return unchanged(model, `network ACL ${naclId} is not in the snapshot`);
  const current = findEntry(nacl, entry.ruleNumber, entry.egress);
  if (current && sameEntry(current, entry))
    return unchanged(model, `${entryName(naclId, entry.ruleNumber, entry.egress)} already as wanted`);
  const entries = [...nacl.entries.filter((e) => e !== current), entry];
  return { model: withNacls(model, [{ ...nacl, entries }]), effective: true, notes: [] };
}

export function deleteEntry(
  model: NetworkModel,
  naclId: string,
  ruleNumber: number,
  egress: boolean,
): ApplyResult {
  const nacl = model.nacl(naclId);
  if (!nacl) return unchanged(model, `network ACL ${naclId} is not in the snapshot`);
  const current = findEntry(nacl, ruleNumber, egress);
  if (!current) return unchanged(model, `${entryName(naclId, ruleNumber, egress)} not present`);
  const entries = nacl.entries.filter((e) => e !== current);
  return { model: withNacls(model, [{ ...nacl, entries }]), effective: true, notes: [] };
}

/** The NACL holding an association id (NACLs are few: a scan is fine). */
export function findAssociation(
  model: NetworkModel,
  associationId: string,
): { nacl: NetworkAcl; association: NaclAssociation } | undefined {
  for (const nacl of model.nacls()) {
    const association = nacl.associations.find((a) => a.associationId === associationId);
    if (association) return { nacl, association };
  }
  return undefined;
}

/**
 * Moves the subnet of `associationId` to `naclId` under `newAssociationId`; without a new id the old
 * one is kept (noted) so the subnet still resolves to its NACL.
 */
export function moveAssociation(
  model: NetworkModel,
  associationId: string,
  naclId: string,
  newAssociationId: string | undefined,
): ApplyResult {
  const target = model.nacl(naclId);
  if (!target) return unchanged(model, `network ACL ${naclId} is not in the snapshot`);
  const held = findAssociation(model, associationId);
  if (!held) {
    const done =
      newAssociationId !== undefined && target.associations.some((a) => a.associationId === newAssociationId);
    return unchanged(
      model,
      done
        ? `${newAssociationId} already on ${naclId}`
        : `association ${associationId} is not in the snapshot`,
    );
  }
  const moved: NaclAssociation = {
    associationId: newAssociationId ?? associationId,
    subnetId: held.association.subnetId,
  };
  const notes = newAssociationId ? [] : [`new association id unknown; kept ${associationId}`];
  const source = { ...held.nacl, associations: held.nacl.associations.filter((a) => a !== held.association) };
  const base = source.naclId === target.naclId ? source : target;
  const destination = { ...base, associations: [...base.associations, moved] };
  const nacls = source.naclId === target.naclId ? [destination] : [source, destination];
  return { model: withNacls(model, nacls), effective: true, notes };
}
