import { createModel } from '../core/model/indexed-model';
import type { ModelCoverage, NetworkModel } from '../core/model/types';
import type { CachedCoverage, CachedState } from './ports';

/** Every resource of a model as a state to cache (versions of every template; prefix lists with entries). */
export function cachedStateOf(model: NetworkModel): CachedState {
  const launchTemplates = [...model.launchTemplates()];
  return {
    groups: [...model.groups()],
    enis: [...model.enis()],
    nacls: [...model.nacls()],
    instances: [...model.instances()],
    prefixLists: [...(model.prefixLists?.() ?? [])],
    launchTemplates,
    launchTemplateVersions: launchTemplates.flatMap((t) => model.launchTemplateVersions(t.launchTemplateId)),
  };
}

/** The optional layers a full read covered, as the cache records them. */
export function cachedCoverageOf(coverage: ModelCoverage): CachedCoverage {
  return {
    prefixLists: coverage.prefixLists,
    instances: coverage.instances ?? false,
    launchTemplates: coverage.launchTemplates ?? false,
  };
}

/**
 * A model of cached state. Rule ids and NACLs as `base` says (always cached); prefix lists, instances
 * and launch templates only when the cached coverage says the full read that wrote them covered them.
 */
export function modelOfCache(cached: CachedState, base: Pick<ModelCoverage, 'ruleIds' | 'nacls'>): NetworkModel {
  const { coverage, ...parts } = cached;
  return createModel({
    ...parts,
    coverage: {
      ruleIds: base.ruleIds,
      nacls: base.nacls,
      prefixLists: coverage?.prefixLists ?? false,
      instances: coverage?.instances ?? false,
      launchTemplates: coverage?.launchTemplates ?? false,
    },
  });
}
