import type { Dependency, GuardianConfig } from '../config/schema';
import type { NetworkModel } from '../model/types';
import { instanceCoverageGap } from '../reachability/select';
import type { AffectedResources } from '../state/types';
import { diffDependency } from './dependency-diff';
import { diffExposure } from './exposure-diff';
import type { DependencyScope } from './prefix-list-scope';
import type { Finding } from './types';

export interface TransitionDiff {
  /** Dependencies that held before and not after, exposure that is new after. */
  readonly findings: readonly Finding[];
  /** Dependencies already broken before. */
  readonly preexisting: readonly Finding[];
  readonly notEvaluated: readonly string[];
}

/**
 * What going from `before` to `after` did, looking only at what `touched` names: each given dependency
 * judged in both states, and the exposure of the touched groups. `before` undefined = prior unknown.
 * Shared by judge() (one event) and preflight (a planned change). `scope`, when given, narrows what
 * each dependency is re-judged on (null = the change cannot change it: only its selector gaps count);
 * a dependency found broken is judged again on all of `touched`, so its finding is the same either way.
 */
export function diffTransition(
  dependencies: readonly Dependency[],
  before: NetworkModel | undefined,
  after: NetworkModel,
  touched: AffectedResources,
  config: GuardianConfig,
  scope?: DependencyScope,
): TransitionDiff {
  const exposure = diffExposure(touched.groupIds, before, after, config);
  const deps = dependencies.map((dep) => {
    const narrowed = scope ? scope(dep) : touched;
    if (!narrowed) return untouched(dep, before, after);
    const diff = diffDependency(dep, before, after, narrowed);
    // A broken dependency is reported as judged on everything the change touches (same pair count, fixes).
    return diff.broken.length > 0 && narrowed !== touched ? diffDependency(dep, before, after, touched) : diff;
  });
  return {
    findings: [...deps.flatMap((d) => d.broken), ...exposure.findings],
    preexisting: deps.flatMap((d) => d.preexisting),
    notEvaluated: [...new Set([...exposure.notEvaluated, ...deps.flatMap((d) => d.notEvaluated)])],
  };
}

/** A dependency the change cannot alter: only what keeps it from being evaluated at all is reported. */
function untouched(dep: Dependency, before: NetworkModel | undefined, after: NetworkModel) {
  const gaps = new Set<string>();
  for (const model of before ? [before, after] : [after])
    for (const selector of [dep.from, dep.to]) {
      const gap = instanceCoverageGap(model, selector);
      if (gap) gaps.add(`${dep.name}: ${gap}`);
    }
  return { broken: [], preexisting: [], notEvaluated: [...gaps] };
}
