import type { Change, ChangeKind } from '../events/types';
import * as workload from './affected-workload';
import { NOTHING, statesOf, unique } from './affected-workload';
import type { Derivation } from './derivation';
import { findAssociation } from './nacl-ops';
import type { AffectedResources } from './types';

type Finder<K extends ChangeKind> = (
  change: Extract<Change, { kind: K }>,
  states: Derivation,
) => AffectedResources;

const groupRules = (c: { readonly groupId: string }): AffectedResources => ({
  ...NOTHING,
  groupIds: [c.groupId],
});

const naclEntry = (c: { readonly naclId: string }, d: Derivation): AffectedResources => ({
  ...NOTHING,
  naclIds: [c.naclId],
  subnetIds: unique(statesOf(d).flatMap((m) => m.nacl(c.naclId)?.associations.map((a) => a.subnetId) ?? [])),
});

const FINDERS: { readonly [K in ChangeKind]: Finder<K> } = {
  'sg-rules-added': groupRules,
  'sg-rules-removed': groupRules,
  'sg-rules-modified': groupRules,
  'eni-groups-set': (c, d) => ({
    ...NOTHING,
    groupIds: unique([...statesOf(d).flatMap((m) => m.eni(c.eniId)?.groupIds ?? []), ...c.groupIds]),
    eniIds: [c.eniId],
  }),
  'nacl-entry-created': naclEntry,
  'nacl-entry-replaced': naclEntry,
  'nacl-entry-deleted': naclEntry,
  'nacl-association-replaced': (c, d) => {
    const ids = unique([c.associationId, c.newAssociationId]);
    const held = statesOf(d)
      .flatMap((m) => ids.map((id) => findAssociation(m, id)))
      .filter((h) => h !== undefined);
    return {
      ...NOTHING,
      naclIds: unique([...held.map((h) => h.nacl.naclId), c.naclId]),
      subnetIds: unique(held.map((h) => h.association.subnetId)),
    };
  },
  'instances-launched': workload.launched,
  'eni-created': workload.eniCreated,
  'eni-attached': workload.eniAttached,
  'eni-detached': workload.eniDetached,
  'instance-groups-set': workload.instanceGroups,
  'launch-template-version-created': workload.template,
  'launch-template-default-set': workload.template,
  'prefix-list-modified': workload.prefixList,
  'sg-created': (c) => groupRules(c.group),
  'sg-deleted': groupRules,
  'tags-set': workload.tagged,
  'tags-removed': workload.tagged,
};

/** The groups, ENIs, NACLs and subnets a change touches, in both states. */
export function affectedBy(change: Change, states: Derivation): AffectedResources {
  const find = FINDERS[change.kind] as Finder<ChangeKind>;
  return find(change as never, states);
}
