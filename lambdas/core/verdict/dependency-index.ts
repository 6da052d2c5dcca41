import type { Dependency, GuardianConfig } from '../config/schema';
import type { NetworkModel } from '../model/types';
import { selectEnis, selectGroups } from '../reachability/select';

/** What a dependency's path touches: the groups on its ENIs, the ENIs, and their subnets. */
interface DependencyFootprint {
  readonly dependency: Dependency;
  readonly selectedGroupIds: ReadonlySet<string>;
  readonly attachedGroupIds: ReadonlySet<string>;
  readonly eniIds: ReadonlySet<string>;
  readonly subnetIds: ReadonlySet<string>;
}

export interface Touched {
  readonly groupIds: readonly string[];
  readonly eniIds: readonly string[];
  readonly subnetIds: readonly string[];
}

/**
 * Finds the dependencies a change can affect without evaluating all of them: built once per
 * (model, config) and reused for every change judged against that model.
 */
export class DependencyIndex {
  private readonly byGroup = new Map<string, Set<number>>();
  private readonly byEni = new Map<string, Set<number>>();
  private readonly bySubnet = new Map<string, Set<number>>();
  private readonly footprints: DependencyFootprint[];

  constructor(model: NetworkModel, config: GuardianConfig) {
    this.footprints = config.dependencies.map((dep) => footprint(model, dep));
    this.footprints.forEach((fp, i) => {
      for (const g of [...fp.selectedGroupIds, ...fp.attachedGroupIds]) add(this.byGroup, g, i);
      for (const e of fp.eniIds) add(this.byEni, e, i);
      for (const s of fp.subnetIds) add(this.bySubnet, s, i);
    });
  }

  /** Dependencies whose path includes a touched group, ENI or subnet, in config order. */
  affectedBy(touched: Touched): Dependency[] {
    const hits = new Set<number>();
    for (const g of touched.groupIds) for (const i of this.byGroup.get(g) ?? []) hits.add(i);
    for (const e of touched.eniIds) for (const i of this.byEni.get(e) ?? []) hits.add(i);
    for (const s of touched.subnetIds) for (const i of this.bySubnet.get(s) ?? []) hits.add(i);
    return [...hits].sort((a, b) => a - b).map((i) => this.footprints[i]!.dependency);
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

const cache = new WeakMap<NetworkModel, WeakMap<GuardianConfig, DependencyIndex>>();

/** The index for a model and config, built on first use. */
export function dependencyIndexFor(model: NetworkModel, config: GuardianConfig): DependencyIndex {
  const byConfig = cache.get(model) ?? new WeakMap<GuardianConfig, DependencyIndex>();
  cache.set(model, byConfig);
  const index = byConfig.get(config) ?? new DependencyIndex(model, config);
  byConfig.set(config, index);
  return index;
}
