import type { GuardianConfig } from '../core/config/schema';
import type { Change } from '../core/events/types';
import type { LaunchTemplateVersion, NetworkModel } from '../core/model/types';
import { instanceTagsMatch, selectEndpoint } from '../core/reachability/select';
import { eniByAttachment, type ModifiedIds } from '../core/state/modified';
import type { ReadScope } from './ports';

/**
 * What a change's neighbourhood is made of, resolved in the known state: the groups it puts on or
 * takes off network interfaces (or whose rules it edits), the instance tags it brings (a launch, a
 * template version), the subnets whose NACL it changes.
 */
export interface Involvement {
  readonly groupIds: ReadonlySet<string>;
  readonly instanceTags: readonly Readonly<Record<string, string>>[];
  readonly subnetIds: ReadonlySet<string>;
}

/**
 * The first, sequential read a change needs when the known state cannot resolve what its event does
 * not say: the groups of an ENI being attached, the primary ENI of an instance whose groups are set,
 * the template versions a new default moves between. Empty when nothing is missing.
 */
export function resolutionScope(change: Change, view: NetworkModel): ReadScope {
  switch (change.kind) {
    case 'eni-attached':
      return view.eni(change.eniId) ? {} : { eniIds: [change.eniId], instanceIds: [change.instanceId] };
    case 'instance-groups-set':
      return view.instance(change.instanceId) ? {} : { instanceIds: [change.instanceId] };
    case 'launch-template-default-set': {
      const versions = templateVersionsInvolved(change, view).filter(
        (n) => !view.launchTemplateVersion(change.launchTemplateId, n),
      );
      if (versions.length === 0) return {};
      return { launchTemplateVersions: [{ launchTemplateId: change.launchTemplateId, versions: versions.map(String) }] };
    }
    default:
      return {};
  }
}

/** The version numbers a template change is about: the new one and the default it may replace. */
export function templateVersionsInvolved(change: Change, view: NetworkModel): number[] {
  if (change.kind === 'launch-template-version-created') {
    const was = view.launchTemplate(change.version.launchTemplateId)?.defaultVersionNumber;
    return [...new Set([change.version.versionNumber, ...(was === undefined ? [] : [was])])];
  }
  if (change.kind === 'launch-template-default-set') {
    const was = view.launchTemplate(change.launchTemplateId)?.defaultVersionNumber;
    return [...new Set([change.defaultVersion, ...(was === undefined ? [] : [was])])];
  }
  return [];
}

const versionGroups = (v: LaunchTemplateVersion | undefined) => [
  ...(v?.groupIds ?? []),
  ...(v?.networkInterfaces.flatMap((n) => n.groupIds) ?? []),
];

/** What the change involves, in the known state (after the resolution read, when one was needed). */
export function involvement(change: Change, view: NetworkModel, touched: ModifiedIds): Involvement {
  const groups = new Set<string>(touched.groupIds);
  const tags: Readonly<Record<string, string>>[] = [];
  const subnets = new Set<string>();
  const eniGroups = (id: string | undefined) => (id ? (view.eni(id)?.groupIds ?? []) : []);
  const add = (ids: Iterable<string>) => {
    for (const id of ids) groups.add(id);
  };
  switch (change.kind) {
    case 'eni-groups-set':
      add([...change.groupIds, ...eniGroups(change.eniId)]);
      break;
    case 'instances-launched':
      for (const instance of change.instances) {
        tags.push(instance.tags);
        for (const eni of instance.networkInterfaces) add(eni.groupIds);
      }
      break;
    case 'eni-created':
      add(change.eni.groupIds);
      break;
    case 'eni-attached':
      add(eniGroups(change.eniId));
      tags.push(view.instance(change.instanceId)?.tags ?? {});
      break;
    case 'eni-detached': {
      const eni = eniByAttachment(view, change.attachmentId);
      add(eni?.groupIds ?? []);
      if (eni?.instanceId) tags.push(view.instance(eni.instanceId)?.tags ?? {});
      break;
    }
    case 'instance-groups-set': {
      const instance = view.instance(change.instanceId);
      const primary = instance?.networkInterfaces.find((n) => n.deviceIndex === 0);
      add([...change.groupIds, ...eniGroups(primary?.eniId)]);
      if (instance) tags.push(instance.tags);
      break;
    }
    case 'launch-template-version-created':
    case 'launch-template-default-set': {
      const id = change.kind === 'launch-template-default-set' ? change.launchTemplateId : change.version.launchTemplateId;
      const versions = templateVersionsInvolved(change, view).map((n) =>
        change.kind === 'launch-template-version-created' && n === change.version.versionNumber
          ? change.version
          : view.launchTemplateVersion(id, n),
      );
      for (const v of versions) {
        add(versionGroups(v));
        if (v) tags.push(v.instanceTags);
      }
      break;
    }
    case 'prefix-list-modified':
      add(view.groupsReferencingPrefixList(change.prefixListId).map((g) => g.groupId));
      break;
    case 'tags-set':
    case 'tags-removed':
      for (const id of touched.instanceIds) {
        const instance = view.instance(id);
        for (const slot of instance?.networkInterfaces ?? []) add(eniGroups(slot.eniId));
        if (instance) tags.push(instance.tags);
      }
      if (change.kind === 'tags-set') tags.push(change.tags);
      break;
    case 'nacl-entry-created':
    case 'nacl-entry-replaced':
    case 'nacl-entry-deleted':
    case 'nacl-association-replaced':
      for (const a of view.nacl(change.naclId)?.associations ?? []) subnets.add(a.subnetId);
      break;
    default:
      break;
  }
  return { groupIds: groups, instanceTags: tags, subnetIds: subnets };
}

/**
 * The groups of both sides of every dependency the change could involve: one side selects a group
 * involved, an ENI carrying one, an ENI in a subnet involved, or (instance-tag selectors) instances
 * with the tags the change brings. Their ENIs are read through these groups, as before.
 */
export function dependencyGroups(config: GuardianConfig, view: NetworkModel, involved: Involvement): Set<string> {
  const out = new Set<string>();
  for (const dep of config.dependencies) {
    const sides = [dep.from, dep.to];
    const selected = sides.map((side) => selectEndpoint(view, side));
    const groups = selected.flatMap((s) => s.groups.map((g) => g.groupId));
    const enis = selected.flatMap((s) => s.enis);
    const hit =
      groups.some((g) => involved.groupIds.has(g)) ||
      enis.some((e) => e.groupIds.some((g) => involved.groupIds.has(g)) || involved.subnetIds.has(e.subnetId)) ||
      sides.some((side) => involved.instanceTags.some((tags) => instanceTagsMatch(side, tags)));
    if (hit) for (const g of groups) out.add(g);
  }
  return out;
}
