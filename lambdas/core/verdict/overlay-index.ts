import type { Dependency, EndpointSelector, GuardianConfig } from '../config/schema';
import type { Instance, NetworkInterface, NetworkModel, SecurityGroup } from '../model/types';
import { type DependencyLookup, type HitOptions, inConfigOrder, type Touched } from './dependency-lookup';
import { type InstanceTagIndex, instanceTagIndexFor } from './instance-hits';

const NOTHING: Touched = { groupIds: [], eniIds: [], subnetIds: [] };

/**
 * The index of a patched model, derived from its base's. A dependency's footprint (groups it selects,
 * their ENIs and subnets) changes only when a patched group is added, removed or renamed/retagged, or a
 * patched ENI appears, disappears or changes groups, subnet or VPC. Those dependencies are indexed
 * again on the patched model (`reindex`); every other footprint comes from the base. Rule and NACL
 * edits, what almost every patch holds, change no footprint.
 * Instance-tag dependencies are also stale when a patched instance appears, disappears or changes tags,
 * state, VPC or ENIs (those whose tags it carries before or after), and when a patched ENI is one their
 * instances list (`listing`: whether the base has it or not). The instance-tag hits of a touched ENI or
 * instance are always answered on the patched model itself (InstanceTagIndex), never by the base.
 */
export function overlayIndex(
  base: DependencyLookup,
  model: NetworkModel,
  config: GuardianConfig,
  reindex: (positions: ReadonlySet<number>) => DependencyLookup,
): DependencyLookup {
  const baseModel = model.overlay?.base;
  if (!baseModel) return base;
  const instanceTags = instanceTagIndexFor(config.dependencies);
  const stale = staleDependencies(base, baseModel, model, instanceTags);
  if (stale.size === 0 && !instanceAnswersDiffer(baseModel, model)) return base;
  const fresh = stale.size > 0 ? reindex(stale) : undefined;
  const merged = (fromBase: Set<number>, fromFresh: Set<number> | undefined) => {
    for (const i of stale) fromBase.delete(i);
    for (const i of fromFresh ?? []) fromBase.add(i);
    return fromBase;
  };
  const footprintHits = (touched: Touched) => merged(base.footprintHits(touched), fresh?.footprintHits(touched));
  const hits = (touched: Touched, options?: HitOptions) => {
    const found = footprintHits(touched);
    instanceTags.addHits(model, touched, found, options);
    return found;
  };
  return {
    dependencies: base.dependencies,
    hits,
    footprintHits,
    listing: (eniId) => merged(base.listing(eniId), fresh?.listing(eniId)),
    affectedBy: (touched) => inConfigOrder(hits(touched), base.dependencies),
  };
}

function staleDependencies(
  base: DependencyLookup,
  baseModel: NetworkModel,
  model: NetworkModel,
  instanceTags: InstanceTagIndex,
): Set<number> {
  const stale = new Set<number>();
  const patch = model.overlay?.patch ?? {};
  const dependencies = base.dependencies;
  const byBase = (touched: Partial<Touched>) => {
    for (const i of base.footprintHits({ ...NOTHING, ...touched })) stale.add(i);
  };
  for (const [groupId, patched] of patch.groups ?? []) {
    const answer = patched && groupAnswer(baseModel, groupId, patched);
    const before = answer ? answer.before : baseModel.group(groupId);
    if (before === patched || answer?.same) continue;
    byBase({ groupIds: [groupId] });
    if (patched)
      dependencies.forEach((dep, i) => {
        if (selects(dep, patched)) stale.add(i);
      });
  }
  for (const [eniId, patched] of patch.enis ?? []) {
    const answer = patched && eniAnswer(baseModel, eniId, patched);
    const before = answer ? answer.before : baseModel.eni(eniId);
    if (before === patched || answer?.same) continue;
    byBase({ eniIds: [eniId], groupIds: [...(before?.groupIds ?? []), ...(patched?.groupIds ?? [])] });
    if (instanceTags.positions.length > 0) for (const i of base.listing(eniId)) stale.add(i);
  }
  for (const [instanceId, patched] of patch.instances ?? []) {
    const before = baseModel.instance(instanceId);
    if (before === patched || (before && patched && sameInstance(before, patched))) continue;
    for (const instance of [before, patched]) if (instance) instanceTags.matching(instance.tags, stale);
  }
  return stale;
}

/**
 * Whether a touched ENI or instance may be answered differently on the patched model: an ENI or an
 * instance appears or disappears, an ENI changes instance, an instance changes tags.
 */
function instanceAnswersDiffer(baseModel: NetworkModel, model: NetworkModel): boolean {
  const patch = model.overlay?.patch ?? {};
  for (const [eniId, patched] of patch.enis ?? []) {
    if (!patched) {
      if (baseModel.eni(eniId) !== undefined) return true;
      continue;
    }
    const { before } = eniAnswer(baseModel, eniId, patched);
    if (before !== patched && (!before || before.instanceId !== patched.instanceId)) return true;
  }
  for (const [instanceId, patched] of patch.instances ?? []) {
    const before = baseModel.instance(instanceId);
    if (before !== patched && (!before || !patched || !sameRecord(before.tags, patched.tags))) return true;
  }
  return false;
}

/**
 * A patched entry's version in a base model (models are immutable: one base, one answer) and whether it
 * reads the same there for footprints (a group's selection, an ENI's placement); kept per (immutable)
 * patched entry, so a live view rebuilt per event from the same entries looks each up in its base and
 * compares it only once.
 */
interface BaseAnswer<T> {
  readonly baseModel: NetworkModel;
  readonly id: string;
  readonly before: T | undefined;
  /** The base version reads the same for footprints. */
  readonly same: boolean;
}
type AnswerMemo<T extends object> = WeakMap<T, BaseAnswer<T>>;
const groupAnswers: AnswerMemo<SecurityGroup> = new WeakMap();
const eniAnswers: AnswerMemo<NetworkInterface> = new WeakMap();

const groupAnswer = (baseModel: NetworkModel, groupId: string, patched: SecurityGroup) =>
  baseAnswer(groupAnswers, baseModel, groupId, patched, (m, id) => m.group(id), sameSelection);
const eniAnswer = (baseModel: NetworkModel, eniId: string, patched: NetworkInterface) =>
  baseAnswer(eniAnswers, baseModel, eniId, patched, (m, id) => m.eni(id), samePlacement);

function baseAnswer<T extends object>(
  memo: AnswerMemo<T>,
  baseModel: NetworkModel,
  id: string,
  patched: T,
  lookUp: (model: NetworkModel, id: string) => T | undefined,
  same: (before: T, patched: T) => boolean,
): BaseAnswer<T> {
  let known = memo.get(patched);
  if (!known || known.baseModel !== baseModel || known.id !== id) {
    const before = lookUp(baseModel, id);
    known = { baseModel, id, before, same: before !== undefined && same(before, patched) };
    memo.set(patched, known);
  }
  return known;
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

/** What footprints look at on an ENI: its groups, subnet and VPC (instance-tag narrowing). */
function samePlacement(a: NetworkInterface, b: NetworkInterface): boolean {
  return (
    a.subnetId === b.subnetId &&
    a.vpcId === b.vpcId &&
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
