import type { Change, ChangeKind } from '../events/types';
import type { NetworkModel } from '../model/types';
import {
  createGroup,
  createVersion,
  deleteGroup,
  modifyPrefixList,
  retag,
  setDefaultVersion,
} from './apply-resources';
import { addRules, modifyRules, removeRules } from './apply-sg';
import {
  attachEni,
  createEni,
  detachEni,
  launchInstances,
  setInstanceGroups,
} from './apply-workload';
import { unchanged, withEni } from './edit';
import { deleteEntry, moveAssociation, setEntry } from './nacl-ops';
import { removalTargets } from './rule-match';
import type { ApplyResult } from './types';

type Applier<K extends ChangeKind> = (
  model: NetworkModel,
  change: Extract<Change, { kind: K }>,
) => ApplyResult;

const APPLIERS: { readonly [K in ChangeKind]: Applier<K> } = {
  'sg-rules-added': (m, c) => addRules(m, c.groupId, c.direction, c.rules),
  'sg-rules-removed': (m, c) => removeRules(m, c.groupId, c.direction, removalTargets(c)),
  'sg-rules-modified': (m, c) => modifyRules(m, c.groupId, c.updates),
  'eni-groups-set': setEniGroups,
  'nacl-entry-created': (m, c) => setEntry(m, c.naclId, c.entry),
  'nacl-entry-replaced': (m, c) => setEntry(m, c.naclId, c.entry),
  'nacl-entry-deleted': (m, c) => deleteEntry(m, c.naclId, c.ruleNumber, c.egress),
  'nacl-association-replaced': (m, c) => moveAssociation(m, c.associationId, c.naclId, c.newAssociationId),
  'instances-launched': launchInstances,
  'eni-created': createEni,
  'eni-attached': attachEni,
  'eni-detached': detachEni,
  'instance-groups-set': setInstanceGroups,
  'launch-template-version-created': createVersion,
  'launch-template-default-set': setDefaultVersion,
  'prefix-list-modified': modifyPrefixList,
  'sg-created': createGroup,
  'sg-deleted': deleteGroup,
  'tags-set': retag,
  'tags-removed': retag,
};

/** The state after `change`, as a patch over `model` (which is not modified). */
export function applyChange(model: NetworkModel, change: Change): ApplyResult {
  const apply = APPLIERS[change.kind] as Applier<ChangeKind>;
  return apply(model, change as never);
}

function setEniGroups(model: NetworkModel, change: Extract<Change, { kind: 'eni-groups-set' }>): ApplyResult {
  const eni = model.eni(change.eniId);
  if (!eni) return unchanged(model, `network interface ${change.eniId} is not in the snapshot`);
  if (sameSet(eni.groupIds, change.groupIds))
    return unchanged(model, `${change.eniId} already has these groups`);
  return { model: withEni(model, { ...eni, groupIds: [...change.groupIds] }), effective: true, notes: [] };
}

export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((x) => set.has(x));
}
