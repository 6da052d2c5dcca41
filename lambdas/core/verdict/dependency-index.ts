import type { Dependency, GuardianConfig } from '../config/schema';
import type { NetworkModel } from '../model/types';
import { selectEnis, selectGroups } from '../reachability/select';
import { type DependencyLookup, inConfigOrder, type Touched } from './dependency-lookup';
import { overlayIndex } from './overlay-index';

export type { DependencyLookup, Touched } from './dependency-lookup';

/** What a dependency's path touches: the groups on its ENIs, the ENIs, and their subnets. */
export interface DependencyFootprint {
  readonly dependency: Dependency;
  readonly selectedGroupIds: ReadonlySet<string>;
  readonly attachedGroupIds: ReadonlySet<string>;
  readonly eniIds: ReadonlySet<string>;
  readonly subnetIds: ReadonlySet<string>;
}

/**
 * Finds the dependencies a change can affect without evaluating all of them: built once per
 * (model, config) and reused for every change judged against that model.
 */
export class DependencyIndex implements DependencyLookup {
  private readonly byGroup = new Map<string, Set<number>>();
  private readonly byEni = new Map<string, Set<number>>();
  private readonly bySubnet = new Map<string, Set<number>>();
  private readonly footprints: DependencyFootprint[];

  readonly dependencies: readonly Dependency[];

  /** Indexes every dependency of `config`, or only those at `positions` (an overlay's refreshed ones). */
  constructor(model: NetworkModel, config: GuardianConfig, positions?: Iterable<number>) {
    this.dependencies = config.dependencies;
    this.footprints = [];
    for (const i of positions ?? config.dependencies.keys()) {
      const fp = footprint(model, config.dependencies[i]!);
      this.footprints[i] = fp;
      this.index(fp, i, (map, key) => add(map, key, i));
    }
  }

  hits(touched: Touched): Set<number> {
    const hits = new Set<number>();
    for (const g of touched.groupIds) for (const i of this.byGroup.get(g) ?? []) hits.add(i);
    for (const e of touched.eniIds) for (const i of this.byEni.get(e) ?? []) hits.add(i);
    for (const s of touched.subnetIds) for (const i of this.bySubnet.get(s) ?? []) hits.add(i);
    return hits;
  }

  affectedBy(touched: Touched): Dependency[] {
    return inConfigOrder(this.hits(touched), this.dependencies);
  }

  /**
   * Follows an ENI whose groups changed (from `groupIdsBefore`) in `model` without a rebuild: only the
   * dependencies selecting one of its old or new groups are re-footprinted. For callers that own the
   * index across a sequence of models (a replay); the cached indexes of dependencyIndexFor are never
   * touched.
   */
  refreshEni(model: NetworkModel, eniId: string, groupIdsBefore: readonly string[]): void {
    const groups = [...groupIdsBefore, ...(model.eni(eniId)?.groupIds ?? [])];
    this.footprints.forEach((old, i) => {
      if (!old || !groups.some((g) => old.selectedGroupIds.has(g))) return;
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
  const groups = [...selectGroups(model, dependency.from), ...selectGroups(model, dependency.to)];
  const enis = selectEnis(model, groups);
  return {
    dependency,
    selectedGroupIds: new Set(groups.map((g) => g.groupId)),
    attachedGroupIds: new Set(enis.flatMap((e) => e.groupIds)),
    eniIds: new Set(enis.map((e) => e.eniId)),
    subnetIds: new Set(enis.map((e) => e.subnetId)),
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
