import type { Dependency, GuardianConfig } from '../config/schema';
import type { NetworkModel } from '../model/types';
import { selectEndpointOnce, selectsInstances } from '../reachability/select';
import { type DependencyLookup, type HitOptions, inConfigOrder, type Touched } from './dependency-lookup';
import { type InstanceTagIndex, instanceTagIndexFor } from './instance-hits';
import { overlayIndex } from './overlay-index';

export type { DependencyLookup, HitOptions, Touched } from './dependency-lookup';

/** What a dependency's path touches: the groups on its ENIs, the ENIs, and their subnets. */
export interface DependencyFootprint {
  readonly dependency: Dependency;
  /** Groups its group selectors select (none for an instance-tag side). */
  readonly selectedGroupIds: ReadonlySet<string>;
  readonly attachedGroupIds: ReadonlySet<string>;
  readonly eniIds: ReadonlySet<string>;
  readonly subnetIds: ReadonlySet<string>;
  /** ENIs its instance-tag sides' instances list (selected or not: missing, out of the VPC). */
  readonly listedEniIds: ReadonlySet<string>;
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
 * other state, which an index built on one state cannot see: answered on the indexed state by
 * InstanceTagIndex.addHits (a touched ENI through the tags of its instance, a touched instance by its
 * tags or, asked of one state only, all of them).
 */
export class DependencyIndex implements DependencyLookup {
  private readonly byGroup = new Map<string, Set<number>>();
  private readonly byEni = new Map<string, Set<number>>();
  private readonly bySubnet = new Map<string, Set<number>>();
  private readonly byListedEni = new Map<string, Set<number>>();
  private readonly footprints: DependencyFootprint[];
  private readonly instanceTags: InstanceTagIndex;

  readonly dependencies: readonly Dependency[];

  /** The state indexed: touched ENIs are answered through their instances in it. */
  private model: NetworkModel;

  /** Indexes every dependency of `config`, or only those at `positions` (an overlay's refreshed ones). */
  constructor(model: NetworkModel, config: GuardianConfig, positions?: Iterable<number>) {
    this.model = model;
    this.dependencies = config.dependencies;
    this.instanceTags = instanceTagIndexFor(config.dependencies);
    this.footprints = [];
    for (const i of positions ?? config.dependencies.keys()) {
      const fp = footprint(model, config.dependencies[i]!);
      this.footprints[i] = fp;
      this.index(fp, i, (map, key) => add(map, key, i));
    }
  }

  hits(touched: Touched, options?: HitOptions): Set<number> {
    const hits = this.footprintHits(touched);
    this.instanceTags.addHits(this.model, touched, hits, options);
    return hits;
  }

  footprintHits(touched: Touched): Set<number> {
    const hits = new Set<number>();
    for (const g of touched.groupIds) for (const i of this.byGroup.get(g) ?? []) hits.add(i);
    for (const e of touched.eniIds) for (const i of this.byEni.get(e) ?? []) hits.add(i);
    for (const s of touched.subnetIds) for (const i of this.bySubnet.get(s) ?? []) hits.add(i);
    return hits;
  }

  listing(eniId: string): Set<number> {
    return new Set(this.byListedEni.get(eniId));
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
      if (!old || !(old.eniIds.has(eniId) || old.listedEniIds.has(eniId) || groups.some((g) => old.selectedGroupIds.has(g))))
        return;
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
    for (const g of fp.selectedGroupIds) visit(this.byGroup, g);
    for (const g of fp.attachedGroupIds) visit(this.byGroup, g);
    for (const e of fp.eniIds) visit(this.byEni, e);
    for (const s of fp.subnetIds) visit(this.bySubnet, s);
    for (const e of fp.listedEniIds) visit(this.byListedEni, e);
  }
}

function footprint(model: NetworkModel, dependency: Dependency): DependencyFootprint {
  const selectedGroupIds = new Set<string>();
  const attachedGroupIds = new Set<string>();
  const eniIds = new Set<string>();
  const subnetIds = new Set<string>();
  const listedEniIds = new Set<string>();
  let byInstances = false;
  let notEvaluated = false;
  // Loops, not flatMap: footprints are computed for every stale dependency of every patched state.
  for (const selector of [dependency.from, dependency.to]) {
    const selection = selectEndpointOnce(model, selector);
    const instances = selectsInstances(selector);
    byInstances ||= instances;
    notEvaluated ||= selection.notEvaluated !== undefined;
    if (!instances) for (const g of selection.groups) selectedGroupIds.add(g.groupId);
    for (const e of selection.listedEniIds ?? []) listedEniIds.add(e);
    for (const eni of selection.enis) {
      for (const g of eni.groupIds) attachedGroupIds.add(g);
      eniIds.add(eni.eniId);
      subnetIds.add(eni.subnetId);
    }
  }
  return { dependency, selectedGroupIds, attachedGroupIds, eniIds, subnetIds, listedEniIds, byInstances, notEvaluated };
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
