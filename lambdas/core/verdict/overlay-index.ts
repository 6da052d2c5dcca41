import type { Dependency, EndpointSelector, GuardianConfig } from '../config/schema';
import type { Instance, NetworkInterface, NetworkModel, SecurityGroup } from '../model/types';
import { instanceTagsMatch, selectsInstances } from '../reachability/select';
import { type DependencyLookup, inConfigOrder, type Touched } from './dependency-lookup';

const NOTHING: Touched = { groupIds: [], eniIds: [], subnetIds: [] };

/**
 * The index of a patched model, derived from its base's. A dependency's footprint (groups it selects,
 * their ENIs and subnets) changes only when a patched group is added, removed or renamed/retagged, or a
 * patched ENI appears, disappears or changes groups or subnet. Those dependencies are indexed again on
 * the patched model (`reindex`); every other answer comes from the base. Rule and NACL edits, what
 * almost every patch holds, change no footprint.
 * Instance-tag dependencies are also stale when a patched instance changes tags, state, VPC or ENIs
 * (those whose tags it carries before or after), and all of them when an instance appears or
 * disappears or an ENI appears, disappears, or changes instance or VPC (the index answers a touched
 * ENI through its instance: see DependencyIndex).
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
  const byInstances = () =>
    config.dependencies.forEach((dep, i) => {
      if (selectsInstances(dep.from) || selectsInstances(dep.to)) stale.add(i);
    });
  for (const [eniId, patched] of patch.enis ?? []) {
    const before = baseModel.eni(eniId);
    if (before === patched || (before && patched && samePlacement(before, patched))) continue;
    byBase({ eniIds: [eniId], groupIds: [...(before?.groupIds ?? []), ...(patched?.groupIds ?? [])] });
    if (!before || !patched || before.instanceId !== patched.instanceId || before.vpcId !== patched.vpcId)
      byInstances();
  }
  for (const [instanceId, patched] of patch.instances ?? []) {
    const before = baseModel.instance(instanceId);
    if (before === patched || (before && patched && sameInstance(before, patched))) continue;
    if (!before || !patched) byInstances();
    else
      config.dependencies.forEach((dep, i) => {
        if ([before, patched].some((inst) => carriesTags(dep, inst))) stale.add(i);
      });
  }
  return stale;
}

function carriesTags(dep: Dependency, instance: Instance): boolean {
  return instanceTagsMatch(dep.from, instance.tags) || instanceTagsMatch(dep.to, instance.tags);
}

/** What instance-tag selectors look at on an instance: tags, state, VPC and attached ENIs by device. */
function sameInstance(a: Instance, b: Instance): boolean {
  const ifaces = (i: Instance) => i.networkInterfaces.map((n) => `${n.eniId}@${n.deviceIndex}`).join(',');
  return a.state === b.state && a.vpcId === b.vpcId && sameRecord(a.tags, b.tags) && ifaces(a) === ifaces(b);
}

/** What group selectors look at: id, name, VPC and tags. */
function sameSelection(a: SecurityGroup, b: SecurityGroup): boolean {
  return a.groupName === b.groupName && a.vpcId === b.vpcId && sameRecord(a.tags, b.tags);
}

/** What footprints look at on an ENI: its groups, subnet, VPC (instance-tag narrowing) and instance. */
function samePlacement(a: NetworkInterface, b: NetworkInterface): boolean {
  return (
    a.subnetId === b.subnetId &&
    a.vpcId === b.vpcId &&
    a.instanceId === b.instanceId &&
    a.groupIds.length === b.groupIds.length &&
    a.groupIds.every((g) => b.groupIds.includes(g))
  );
}

function sameRecord(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

function selects(dep: Dependency, group: SecurityGroup): boolean {
  return matches(dep.from, group) || matches(dep.to, group);
}

/** Whether a group selector picks this group (as selectGroups would among all groups); never an instance-tag one. */
function matches(selector: EndpointSelector, group: SecurityGroup): boolean {
  if (selector.vpcId !== undefined && group.vpcId !== selector.vpcId) return false;
  if (selector.groupId !== undefined) return selector.groupId === group.groupId;
  if (selector.groupName !== undefined) return selector.groupName === group.groupName;
  if (selector.tags !== undefined) return Object.entries(selector.tags).every(([k, v]) => group.tags[k] === v);
  return false;
}
