import type { Change } from '../events/types';
import type { NetworkAcl, NetworkModel } from '../model/types';
import { applyChange, sameSet } from './apply-change';
import { type Derivation, notInSnapshot, snapshotAfter, snapshotBefore, undetermined } from './derivation';
import { deleteEntry, entryName, findAssociation, findEntry, sameEntry } from './nacl-ops';

type Of<K extends Change['kind']> = Extract<Change, { kind: K }>;
type NaclChange = Of<'nacl-entry-created' | 'nacl-entry-replaced' | 'nacl-entry-deleted'>;

const applied = (model: NetworkModel, change: Change) => applyChange(model, change).model;

/** The ENI already has the new groups = after (prior groups unknown); otherwise before. */
export function deriveEniGroups(model: NetworkModel, change: Of<'eni-groups-set'>): Derivation {
  const eni = model.eni(change.eniId);
  if (!eni) return notInSnapshot(model, `network interface ${change.eniId} is not in the snapshot`);
  if (sameSet(eni.groupIds, change.groupIds))
    return snapshotAfter(
      model,
      undefined,
      `${change.eniId} already has the new groups; its prior groups are unknown`,
    );
  return snapshotBefore(model, applied(model, change));
}

/** The NACL of an entry change, or why the snapshot cannot tell. */
function naclOf(model: NetworkModel, naclId: string): NetworkAcl | string {
  if (!model.coverage.nacls)
    return 'network ACLs are not in the snapshot (describe-network-acls.json missing)';
  return model.nacl(naclId) ?? `network ACL ${naclId} is not in the snapshot`;
}

export function deriveNaclEntry(model: NetworkModel, change: NaclChange): Derivation {
  const nacl = naclOf(model, change.naclId);
  if (typeof nacl === 'string') return notInSnapshot(model, nacl);
  return change.kind === 'nacl-entry-deleted'
    ? deriveDeleted(model, nacl, change)
    : deriveSet(model, nacl, change);
}

function deriveSet(
  model: NetworkModel,
  nacl: NetworkAcl,
  change: Of<'nacl-entry-created' | 'nacl-entry-replaced'>,
): Derivation {
  const { entry } = change;
  const name = entryName(nacl.naclId, entry.ruleNumber, entry.egress);
  const current = findEntry(nacl, entry.ruleNumber, entry.egress);
  const created = change.kind === 'nacl-entry-created';
  if (current && sameEntry(current, entry)) {
    if (created)
      return snapshotAfter(model, deleteEntry(model, nacl.naclId, entry.ruleNumber, entry.egress).model);
    return snapshotAfter(
      model,
      undefined,
      `the snapshot already shows the new ${name}; its prior content is unknown`,
    );
  }
  if (created && !current) return snapshotBefore(model, applied(model, change));
  if (!created && current) return snapshotBefore(model, applied(model, change));
  if (created) {
    const before = deleteEntry(model, nacl.naclId, entry.ruleNumber, entry.egress).model;
    return undetermined(
      before,
      applied(model, change),
      `${name} exists with other content (AWS rejects a duplicate create)`,
    );
  }
  return undetermined(
    undefined,
    applied(model, change),
    `${name} is not in the snapshot (AWS replaces only existing entries)`,
  );
}

function deriveDeleted(model: NetworkModel, nacl: NetworkAcl, change: Of<'nacl-entry-deleted'>): Derivation {
  if (findEntry(nacl, change.ruleNumber, change.egress)) return snapshotBefore(model, applied(model, change));
  const name = entryName(nacl.naclId, change.ruleNumber, change.egress);
  return snapshotAfter(
    model,
    undefined,
    `${name} is already deleted in the snapshot; its prior content is unknown`,
  );
}

/** Old association present = before; new association present = after (prior NACL unknown). */
export function deriveAssociation(model: NetworkModel, change: Of<'nacl-association-replaced'>): Derivation {
  const target = naclOf(model, change.naclId);
  if (typeof target === 'string') return notInSnapshot(model, target);
  if (findAssociation(model, change.associationId)) return snapshotBefore(model, applied(model, change));
  if (change.newAssociationId && findAssociation(model, change.newAssociationId))
    return snapshotAfter(
      model,
      undefined,
      `${change.newAssociationId} is already in the snapshot; the subnet's prior NACL is unknown`,
    );
  return notInSnapshot(model, `association ${change.associationId} is not in the snapshot`);
}
