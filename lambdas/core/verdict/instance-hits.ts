import type { Dependency } from '../config/schema';
import { tagKey } from '../model/indexed-model';
import type { NetworkModel } from '../model/types';
import { instanceTagsMatch, selectsInstances } from '../reachability/select';
import type { HitOptions, Touched } from './dependency-lookup';

/**
 * The instance-tag dependencies of a config, indexed by the tags their selectors ask for: which of them
 * an instance's tags match is found in O(tags + matches), not by testing every one of them.
 */
export class InstanceTagIndex {
  /** Every dependency with an instance-tag side, in config order. */
  readonly positions: readonly number[];
  /** By one tag (`key\0value`) of an instance-tag side: a dependency is listed under its sides' first tags. */
  private readonly byTag = new Map<string, number[]>();
  /** Dependencies with an instance-tag side asking for no tag at all: every instance matches. */
  private readonly untagged: number[] = [];

  constructor(private readonly dependencies: readonly Dependency[]) {
    const positions: number[] = [];
    dependencies.forEach((dep, i) => {
      const sides = [dep.from, dep.to].filter(selectsInstances);
      if (sides.length === 0) return;
      positions.push(i);
      for (const side of sides) {
        const first = Object.entries(side.instanceTags)[0];
        if (!first) this.untagged.push(i);
        else push(this.byTag, tagKey(first[0], first[1]), i);
      }
    });
    this.positions = positions;
  }

  /** Adds to `into` the dependencies one of whose instance-tag sides these tags match (state, VPC and devices aside). */
  matching(tags: Readonly<Record<string, string>>, into: Set<number>): void {
    for (const i of this.untagged) into.add(i);
    for (const [k, v] of Object.entries(tags))
      for (const i of this.byTag.get(tagKey(k, v)) ?? []) {
        const { from, to } = this.dependencies[i]!;
        if (instanceTagsMatch(from, tags) || instanceTagsMatch(to, tags)) into.add(i);
      }
  }

  /**
   * The instance-tag dependencies a touch may move an ENI into or out of in `model`, added to `hits`.
   * A touched ENI hits those whose tags its instance carries; an ENI unknown to the model or attached to
   * no known instance (a launch or attach seen from the state before) hits all of them. A touched
   * instance hits all of them (its tags or ENIs may differ in the other state), or, when the caller
   * asks the index of every state (`everyState`), those whose tags it carries in this one (all when the
   * model does not know it). Without instances in the model they are hit by any touch ("not evaluated").
   */
  addHits(model: NetworkModel, touched: Touched, hits: Set<number>, options?: HitOptions): void {
    if (this.positions.length === 0) return;
    const instanceIds = touched.instanceIds ?? [];
    const named = touched.groupIds.length + touched.eniIds.length + touched.subnetIds.length + instanceIds.length;
    if (named > 0 && !model.coverage.instances) return this.all(hits);
    if (instanceIds.length > 0 && !options?.everyState) return this.all(hits);
    const seen = new Set<string>();
    const carried = (instanceId: string | undefined): boolean => {
      if (instanceId !== undefined && seen.has(instanceId)) return true;
      const instance = instanceId === undefined ? undefined : model.instance(instanceId);
      if (!instance) return false;
      seen.add(instance.instanceId);
      this.matching(instance.tags, hits);
      return true;
    };
    for (const instanceId of instanceIds) if (!carried(instanceId)) return this.all(hits);
    for (const eniId of touched.eniIds) if (!carried(model.eni(eniId)?.instanceId)) return this.all(hits);
  }

  private all(hits: Set<number>): void {
    for (const i of this.positions) hits.add(i);
  }
}

const cache = new WeakMap<readonly Dependency[], InstanceTagIndex>();

/** The instance-tag index of these dependencies, built once. */
export function instanceTagIndexFor(dependencies: readonly Dependency[]): InstanceTagIndex {
  let index = cache.get(dependencies);
  if (!index) {
    index = new InstanceTagIndex(dependencies);
    cache.set(dependencies, index);
  }
  return index;
}

function push(map: Map<string, number[]>, key: string, i: number): void {
  const list = map.get(key);
  if (list) list.push(i);
  else map.set(key, [i]);
}
