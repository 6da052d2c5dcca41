import type { Change, ChangeKind } from '../events/types';
import type { NetworkModel } from '../model/types';
import { affectedBy } from './affected';
import type { Derivation } from './derivation';
import { deriveAssociation, deriveEniGroups, deriveNaclEntry } from './derive-network';
import { deriveGroupCreated, deriveGroupDeleted, derivePrefixList, deriveTags } from './derive-resources';
import { deriveAdded, deriveModified, deriveRemoved } from './derive-sg';
import { deriveDefaultSet, deriveVersionCreated } from './derive-template';
import {
  deriveAttached,
  deriveDetached,
  deriveEniCreated,
  deriveInstanceGroups,
  deriveLaunched,
} from './derive-workload';
import type { DerivedStates } from './types';

type Deriver<K extends ChangeKind> = (
  model: NetworkModel,
  change: Extract<Change, { kind: K }>,
) => Derivation;

const DERIVERS: { readonly [K in ChangeKind]: Deriver<K> } = {
  'sg-rules-added': deriveAdded,
  'sg-rules-removed': deriveRemoved,
  'sg-rules-modified': deriveModified,
  'eni-groups-set': deriveEniGroups,
  'nacl-entry-created': deriveNaclEntry,
  'nacl-entry-replaced': deriveNaclEntry,
  'nacl-entry-deleted': deriveNaclEntry,
  'nacl-association-replaced': deriveAssociation,
  'instances-launched': deriveLaunched,
  'eni-created': deriveEniCreated,
  'eni-attached': deriveAttached,
  'eni-detached': deriveDetached,
  'instance-groups-set': deriveInstanceGroups,
  'launch-template-version-created': deriveVersionCreated,
  'launch-template-default-set': deriveDefaultSet,
  'prefix-list-modified': derivePrefixList,
  'sg-created': deriveGroupCreated,
  'sg-deleted': deriveGroupDeleted,
  'tags-set': deriveTags,
  'tags-removed': deriveTags,
};

/**
 * The states before and after `change`, from a snapshot taken either before or after it: the same
 * event judged against either snapshot gives the same pair. Never throws on unknown ids.
 */
export function deriveStates(model: NetworkModel, change: Change): DerivedStates {
  const derive = DERIVERS[change.kind] as Deriver<ChangeKind>;
  const states = derive(model, change as never);
  return { ...states, affected: affectedBy(change, states) };
}
