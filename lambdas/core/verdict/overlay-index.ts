import type { Dependency, GroupSelector, GuardianConfig } from '../config/schema';
import type { NetworkInterface, NetworkModel, SecurityGroup } from '../model/types';
import { type DependencyLookup, inConfigOrder, type Touched } from './dependency-lookup';

const NOTHING: Touched = { groupIds: [], eniIds: [], subnetIds: [] };

/**
 * The index of a patched model, derived from its base's. A dependency's footprint (groups it selects,
 * their ENIs and subnets) changes only when a patched group is added, removed or renamed/retagged, or a
 * patched ENI appears, disappears or changes groups or subnet. Those dependencies are indexed again on
 * the patched model (`reindex`); every other answer comes from the base. Rule and NACL edits, what
 * almost every patch holds, change no footprint.
 */
export function overlayIndex(
  base: DependencyLookup,
  model: NetworkModel,
  config: GuardianConfig,
  reindex: (positions: ReadonlySet<number>) => DependencyLookup,
): DependencyLookup {
  const baseModel = model.overlay?.base;
  if (!baseModel) return base;
  const stale = staleDependencies(base, baseModel, model, config);
  if (stale.size === 0) return base;
  const fresh = reindex(stale);
  const hits = (touched: Touched) => {
    const found = new Set([...base.hits(touched)].filter((i) => !stale.has(i)));
    for (const i of fresh.hits(touched)) found.add(i);
    return found;
  };
  return {
    dependencies: base.dependencies,
    hits,
    affectedBy: (touched) => inConfigOrder(hits(touched), base.dependencies),
  };
}

function staleDependencies(
  base: DependencyLookup,
  baseModel: NetworkModel,
  model: NetworkModel,
  config: GuardianConfig,
): Set<number> {
  const stale = new Set<number>();
  const patch = model.overlay?.patch ?? {};
  const byBase = (touched: Partial<Touched>) => {
    for (const i of base.hits({ ...NOTHING, ...touched })) stale.add(i);
  };
  for (const [groupId, patched] of patch.groups ?? []) {
    const before = baseModel.group(groupId);
    if (before === patched || (before && patched && sameSelection(before, patched))) continue;
    byBase({ groupIds: [groupId] });
    if (patched)
      config.dependencies.forEach((dep, i) => {
        if (selects(dep, patched)) stale.add(i);
      });
  }
  for (const [eniId, patched] of patch.enis ?? []) {
    const before = baseModel.eni(eniId);
    if (before === patched || (before && patched && samePlacement(before, patched))) continue;
    byBase({ eniIds: [eniId], groupIds: [...(before?.groupIds ?? []), ...(patched?.groupIds ?? [])] });
  }
  return stale;
}

/** What group selectors look at: id, name, VPC and tags. */
function sameSelection(a: SecurityGroup, b: SecurityGroup): boolean {
  return a.groupName === b.groupName && a.vpcId === b.vpcId && sameRecord(a.tags, b.tags);
}

/** What footprints look at on an ENI: its groups and subnet. */
function samePlacement(a: NetworkInterface, b: NetworkInterface): boolean {
  return a.subnetId === b.subnetId && a.groupIds.length === b.groupIds.length && a.groupIds.every((g) => b.groupIds.includes(g));
}

function sameRecord(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

function selects(dep: Dependency, group: SecurityGroup): boolean {
  return matches(dep.from, group) || matches(dep.to, group);
}

/** Whether a selector picks this group (as selectGroups would among all groups). */
function matches(selector: GroupSelector, group: SecurityGroup): boolean {
  if (selector.vpcId !== undefined && group.vpcId !== selector.vpcId) return false;
  if (selector.groupId !== undefined) return selector.groupId === group.groupId;
  if (selector.groupName !== undefined) return selector.groupName === group.groupName;
  if (selector.tags !== undefined) return Object.entries(selector.tags).every(([k, v]) => group.tags[k] === v);
  return false;
}
