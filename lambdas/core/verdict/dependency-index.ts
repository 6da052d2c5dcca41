import type { Dependency, GuardianConfig } from '../config/schema';
import type { NetworkModel } from '../model/types';
import { instanceTagsMatch, selectEndpoint, selectsInstances } from '../reachability/select';
import { type DependencyLookup, inConfigOrder, type Touched } from './dependency-lookup';
import { overlayIndex } from './overlay-index';

export type { DependencyLookup, Touched } from './dependency-lookup';

/** What a dependency's path touches: the groups on its ENIs, the ENIs, and their subnets. */
export interface DependencyFootprint {
  readonly dependency: Dependency;
  /** Groups its group selectors select (none for an instance-tag side). */
  readonly selectedGroupIds: ReadonlySet<string>;
  readonly attachedGroupIds: ReadonlySet<string>;
  readonly eniIds: ReadonlySet<string>;
  readonly subnetIds: ReadonlySet<string>;
  /** A side selects by instance tags. */
  readonly byInstances: boolean;
  /** A side selects by instance tags and the model has no instances: hit by every change, judged "not evaluated". */
  readonly notEvaluated: boolean;
}

/**
 * Finds the dependencies a change can affect without evaluating all of them: built once per
 * (model, config) and reused for every change judged against that model.
 *
 * Instance-tag dependencies are also hit by what may move an ENI into or out of their selection in the
 * other state, which an index built on one state cannot see: a touched instance (launched, retagged,
 * stopped, attached: its tags or ENIs may differ) hits all of them; a touched ENI unknown to the model
 * or attached to no known instance (a launch or attach seen from the state before) hits all of them; a
 * touched ENI of a known instance hits those whose tags that instance carries. Without instances in
 * the model they are hit by every change, to be reported "not evaluated".
 */
export class DependencyIndex implements DependencyLookup {
  private readonly byGroup = new Map<string, Set<number>>();
  private readonly byEni = new Map<string, Set<number>>();
  private readonly bySubnet = new Map<string, Set<number>>();
  private readonly byInstances = new Set<number>();
  private readonly notEvaluated = new Set<number>();
  private readonly footprints: DependencyFootprint[];

  readonly dependencies: readonly Dependency[];

  /** The state indexed: touched ENIs are answered through their instances in it. */
  private model: NetworkModel;

  /** Indexes every dependency of `config`, or only those at `positions` (an overlay's refreshed ones). */
  constructor(model: NetworkModel, config: GuardianConfig, positions?: Iterable<number>) {
    this.model = model;
    this.dependencies = config.dependencies;
    this.footprints = [];
    for (const i of positions ?? config.dependencies.keys()) {
      const fp = footprint(model, config.dependencies[i]!);
      this.footprints[i] = fp;
      this.index(fp, i, (map, key) => add(map, key, i));
      if (fp.byInstances) this.byInstances.add(i);
      if (fp.notEvaluated) this.notEvaluated.add(i);
    }
  }

  hits(touched: Touched): Set<number> {
    const hits = new Set<number>();
    for (const g of touched.groupIds) for (const i of this.byGroup.get(g) ?? []) hits.add(i);
    for (const e of touched.eniIds) for (const i of this.byEni.get(e) ?? []) hits.add(i);
    for (const s of touched.subnetIds) for (const i of this.bySubnet.get(s) ?? []) hits.add(i);
    if (this.byInstances.size > 0) this.instanceHits(touched, hits);
    return hits;
  }

  /** The instance-tag dependencies a touch may move an ENI into or out of (see the class comment). */
  private instanceHits(touched: Touched, hits: Set<number>): void {
    const instanceIds = touched.instanceIds ?? [];
    const named = touched.groupIds.length + touched.eniIds.length + touched.subnetIds.length + instanceIds.length;
    if (named > 0) for (const i of this.notEvaluated) hits.add(i);
    const tags = instanceIds.length > 0 ? undefined : this.instanceTagsOf(touched.eniIds);
    for (const i of this.byInstances) {
      const { from, to } = this.dependencies[i]!;
      if (!tags || tags.some((t) => instanceTagsMatch(from, t) || instanceTagsMatch(to, t))) hits.add(i);
    }
  }

  /** Tags of the instances of these ENIs; undefined when one is unknown or attached to no known instance. */
  private instanceTagsOf(eniIds: readonly string[]): Readonly<Record<string, string>>[] | undefined {
    const tags: Readonly<Record<string, string>>[] = [];
    for (const eniId of eniIds) {
      const instanceId = this.model.eni(eniId)?.instanceId;
      const instance = instanceId === undefined ? undefined : this.model.instance(instanceId);
      if (!instance) return undefined;
      tags.push(instance.tags);
    }
    return tags;
  }

  affectedBy(touched: Touched): Dependency[] {
    return inConfigOrder(this.hits(touched), this.dependencies);
  }

  /**
   * Follows an ENI whose groups changed (from `groupIdsBefore`) in `model` without a rebuild: only the
   * dependencies selecting one of its old or new groups, or selecting the ENI, are re-footprinted. For callers that own the
   * index across a sequence of models (a replay); the cached indexes of dependencyIndexFor are never
   * touched.
   */
  refreshEni(model: NetworkModel, eniId: string, groupIdsBefore: readonly string[]): void {
    this.model = model;
    const groups = [...groupIdsBefore, ...(model.eni(eniId)?.groupIds ?? [])];
    this.footprints.forEach((old, i) => {
      if (!old || !(old.eniIds.has(eniId) || groups.some((g) => old.selectedGroupIds.has(g)))) return;
      this.index(old, i, (map, key) => map.get(key)?.delete(i));
      const fresh = footprint(model, old.dependency);
      this.footprints[i] = fresh;
      this.index(fresh, i, (map, key) => add(map, key, i));
    });
  }

  private index(
    fp: DependencyFootprint,
    i: number,
    visit: (map: Map<string, Set<number>>, key: string) => void,
  ): void {
    for (const g of [...fp.selectedGroupIds, ...fp.attachedGroupIds]) visit(this.byGroup, g);
    for (const e of fp.eniIds) visit(this.byEni, e);
    for (const s of fp.subnetIds) visit(this.bySubnet, s);
  }
}

function footprint(model: NetworkModel, dependency: Dependency): DependencyFootprint {
  const sides = [dependency.from, dependency.to].map((selector) => ({
    selector,
    selection: selectEndpoint(model, selector),
  }));
  const enis = sides.flatMap((s) => s.selection.enis);
  return {
    dependency,
    selectedGroupIds: new Set(
      sides.flatMap((s) => (selectsInstances(s.selector) ? [] : s.selection.groups.map((g) => g.groupId))),
    ),
    attachedGroupIds: new Set(enis.flatMap((e) => e.groupIds)),
    eniIds: new Set(enis.map((e) => e.eniId)),
    subnetIds: new Set(enis.map((e) => e.subnetId)),
    byInstances: sides.some((s) => selectsInstances(s.selector)),
    notEvaluated: sides.some((s) => s.selection.notEvaluated !== undefined),
  };
}

function add(map: Map<string, Set<number>>, key: string, i: number): void {
  const set = map.get(key);
  if (set) set.add(i);
  else map.set(key, new Set([i]));
}

const cache = new WeakMap<NetworkModel, WeakMap<GuardianConfig, DependencyLookup>>();

/**
 * The index for a model and config, built on first use. A patched model's index is derived from its
 * base's: only the dependencies whose footprint the patch can change are indexed again.
 */
export function dependencyIndexFor(model: NetworkModel, config: GuardianConfig): DependencyLookup {
  const byConfig = cache.get(model) ?? new WeakMap<GuardianConfig, DependencyLookup>();
  cache.set(model, byConfig);
  const index =
    byConfig.get(config) ??
    (model.overlay
      ? overlayIndex(dependencyIndexFor(model.overlay.base, config), model, config, (positions) =>
          new DependencyIndex(model, config, positions),
        )
      : new DependencyIndex(model, config));
  byConfig.set(config, index);
  return index;
}
