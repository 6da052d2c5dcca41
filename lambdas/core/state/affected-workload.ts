import type { Change } from '../events/types';
import type { NetworkModel } from '../model/types';
import type { Derivation } from './derivation';
import { eniByAttachment } from './modified';
import type { AffectedResources } from './types';
import { virtualInstanceId } from './virtual-instances';

type Of<K extends Change['kind']> = Extract<Change, { kind: K }>;

export const NOTHING: AffectedResources = { groupIds: [], eniIds: [], naclIds: [], subnetIds: [] };
export const unique = (ids: readonly (string | undefined)[]) => [
  ...new Set(ids.filter((id): id is string => id !== undefined)),
];
export const statesOf = (d: Derivation): NetworkModel[] => (d.before ? [d.before, d.after] : [d.after]);

/**
 * ENIs and the groups they carry in either state. Their subnets are left out: a new or re-attached ENI
 * changes no other ENI's path through a NACL, and naming the subnet would re-judge every pair in it.
 */
function enisAndGroups(d: Derivation, eniIds: readonly string[], extraGroups: readonly string[] = []) {
  const groups = statesOf(d).flatMap((m) => eniIds.flatMap((id) => m.eni(id)?.groupIds ?? []));
  return { ...NOTHING, eniIds: unique(eniIds), groupIds: unique([...groups, ...extraGroups]) };
}

export const launched = (c: Of<'instances-launched'>, d: Derivation): AffectedResources => ({
  ...enisAndGroups(
    d,
    c.instances.flatMap((i) => i.networkInterfaces.map((e) => e.eniId)),
    c.instances.flatMap((i) => i.networkInterfaces.flatMap((e) => e.groupIds)),
  ),
  instanceIds: c.instances.map((i) => i.instanceId),
});

export const eniCreated = (c: Of<'eni-created'>, d: Derivation) => enisAndGroups(d, [c.eni.eniId], c.eni.groupIds);

export const eniAttached = (c: Of<'eni-attached'>, d: Derivation): AffectedResources => ({
  ...enisAndGroups(d, [c.eniId]),
  instanceIds: [c.instanceId],
});

export const eniDetached = (c: Of<'eni-detached'>, d: Derivation): AffectedResources => {
  const eni = statesOf(d)
    .map((m) => eniByAttachment(m, c.attachmentId))
    .find((e) => e !== undefined);
  return eni
    ? { ...enisAndGroups(d, [eni.eniId]), instanceIds: eni.instanceId ? [eni.instanceId] : [] }
    : NOTHING;
};

export const instanceGroups = (c: Of<'instance-groups-set'>, d: Derivation): AffectedResources => {
  const primary = statesOf(d)
    .map((m) => m.instance(c.instanceId)?.networkInterfaces.find((n) => n.deviceIndex === 0)?.eniId)
    .find((id) => id !== undefined);
  return primary
    ? { ...enisAndGroups(d, [primary], c.groupIds), instanceIds: [c.instanceId] }
    : { ...NOTHING, groupIds: [...c.groupIds] };
};

/** The virtual instance's ENIs (a launch from the template) in either state. */
export const template = (
  c: Of<'launch-template-version-created' | 'launch-template-default-set'>,
  d: Derivation,
): AffectedResources => {
  const id = c.kind === 'launch-template-default-set' ? c.launchTemplateId : c.version.launchTemplateId;
  const enis = statesOf(d).flatMap(
    (m) => m.instance(virtualInstanceId(id))?.networkInterfaces.map((n) => n.eniId) ?? [],
  );
  return { ...enisAndGroups(d, enis), instanceIds: enis.length ? [virtualInstanceId(id)] : [] };
};

export const prefixList = (c: Of<'prefix-list-modified'>, d: Derivation): AffectedResources => ({
  ...NOTHING,
  groupIds: unique(
    statesOf(d).flatMap((m) => m.groupsReferencingPrefixList(c.prefixListId).map((g) => g.groupId)),
  ),
});

/** Tagged groups, and the ENIs of tagged instances (in either state). */
export const tagged = (c: Of<'tags-set' | 'tags-removed'>, d: Derivation): AffectedResources => {
  const states = statesOf(d);
  const groupIds = c.resourceIds.filter((id) => states.some((m) => m.group(id)));
  const eniIds = states.flatMap((m) =>
    c.resourceIds.flatMap((id) => m.instance(id)?.networkInterfaces.map((n) => n.eniId) ?? []),
  );
  const instanceIds = c.resourceIds.filter((id) => states.some((m) => m.instance(id)));
  return { ...NOTHING, groupIds: unique(groupIds), eniIds: unique(eniIds), instanceIds };
};
