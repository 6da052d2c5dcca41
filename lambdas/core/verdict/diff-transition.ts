import type { Dependency, GuardianConfig } from '../config/schema';
import type { NetworkModel } from '../model/types';
import type { AffectedResources } from '../state/types';
import { diffDependency } from './dependency-diff';
import { diffExposure } from './exposure-diff';
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
 * Shared by judge() (one event) and preflight (a planned change).
 */
export function diffTransition(
  dependencies: readonly Dependency[],
  before: NetworkModel | undefined,
  after: NetworkModel,
  touched: AffectedResources,
  config: GuardianConfig,
): TransitionDiff {
  const exposure = diffExposure(touched.groupIds, before, after, config);
  const deps = dependencies.map((dep) => diffDependency(dep, before, after, touched));
  return {
    findings: [...deps.flatMap((d) => d.broken), ...exposure.findings],
    preexisting: deps.flatMap((d) => d.preexisting),
    notEvaluated: [...new Set([...exposure.notEvaluated, ...deps.flatMap((d) => d.notEvaluated)])],
  };
}
