import type { GuardianConfig } from '../config/schema';
import type { NetworkModel } from '../model/types';
import type { AffectedResources } from '../state/types';
import { diffDependency } from '../verdict/dependency-diff';
import { dependencyIndexFor } from '../verdict/dependency-index';
import { diffExposure } from '../verdict/exposure-diff';
import type { Finding } from '../verdict/types';

export interface TransitionJudgement {
  /** Dependencies that held before and not after, exposure that is new after. */
  readonly findings: readonly Finding[];
  /** Dependencies already broken before. */
  readonly preexisting: readonly Finding[];
  readonly notEvaluated: readonly string[];
}

/**
 * Judges going from `before` to `after` (both known: a plan is applied to a snapshot taken before
 * it), looking only at what `touched` names, with the same dependency and exposure diffs as judge().
 */
export function judgeTransition(
  before: NetworkModel,
  after: NetworkModel,
  touched: AffectedResources,
  config: GuardianConfig,
): TransitionJudgement {
  const hit = new Set([
    ...dependencyIndexFor(before, config).affectedBy(touched),
    ...dependencyIndexFor(after, config).affectedBy(touched),
  ]);
  const deps = config.dependencies
    .filter((d) => hit.has(d))
    .map((d) => diffDependency(d, before, after, touched));
  const exposure = diffExposure(touched.groupIds, before, after, config);
  return {
    findings: [...deps.flatMap((d) => d.broken), ...exposure.findings],
    preexisting: deps.flatMap((d) => d.preexisting),
    notEvaluated: [...new Set([...exposure.notEvaluated, ...deps.flatMap((d) => d.notEvaluated)])],
  };
}
