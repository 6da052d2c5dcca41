import type { Dependency, GuardianConfig } from '../config/schema';
import type { NetworkModel } from '../model/types';
import type { AffectedResources, DerivedStates } from '../state/types';
import { DependencyIndex, type DependencyLookup, dependencyIndexFor } from './dependency-index';
import { inConfigOrder } from './dependency-lookup';
import { overlayIndex } from './overlay-index';

/**
 * The dependencies a change can affect, looked up in the index of EITHER state: a launch seen from the
 * state before has no new ENIs in that state's index, a deletion seen from after none of the old ones.
 * The index of a patched state is derived from its base's (cheap). `given` is the caller's own index of
 * `model` (a replay keeps it current); the other state's index is then derived from it.
 */
export function affectedDependencies(
  states: DerivedStates,
  model: NetworkModel,
  config: GuardianConfig,
  given?: DependencyLookup,
): Dependency[] {
  const indexOf = (state: NetworkModel): DependencyLookup => {
    if (!given) return dependencyIndexFor(state, config);
    if (state === model) return given;
    const base = state.overlay?.base;
    if (!base) return dependencyIndexFor(state, config);
    return overlayIndex(indexOf(base), state, config, (positions) => new DependencyIndex(state, config, positions));
  };
  const hits = new Set<number>();
  const { before, after, affected } = states;
  // Both states asked: a touched instance hits only the dependencies whose tags it carries in either.
  const options = { everyState: before !== undefined };
  for (const [state, other] of before ? [[before, after], [after, before]] : [[after, undefined]])
    for (const i of indexOf(state!).hits(presentIn(state!, other, affected), options)) hits.add(i);
  return inConfigOrder(hits, config.dependencies);
}

/**
 * What a state's index is asked about: the touched ENIs that exist in that state, and the touched
 * instances that exist in both (their tags or ENIs may differ). An ENI or instance only one state has
 * is answered by that state's index through its ENIs, precisely: an index asked about an ENI it does
 * not know, or about an instance it does not know, must hit every instance-tag dependency.
 */
function presentIn(
  state: NetworkModel,
  other: NetworkModel | undefined,
  touched: AffectedResources,
): AffectedResources {
  const eniIds = touched.eniIds.filter((id) => state.eni(id) !== undefined);
  const instanceIds = (touched.instanceIds ?? []).filter(
    (id) => state.instance(id) !== undefined && (other === undefined || other.instance(id) !== undefined),
  );
  return { ...touched, eniIds, instanceIds };
}
