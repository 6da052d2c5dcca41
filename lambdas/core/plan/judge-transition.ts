import type { GuardianConfig } from '../config/schema';
import type { NetworkModel } from '../model/types';
import type { AffectedResources } from '../state/types';
import { dependencyIndexFor } from '../verdict/dependency-index';
import { diffTransition, type TransitionDiff } from '../verdict/diff-transition';

export type TransitionJudgement = TransitionDiff;

/**
 * Judges going from `before` to `after` (both known: a plan is applied to a snapshot taken before
 * it), looking only at what `touched` names: the dependencies either state's index finds, with the
 * same dependency and exposure diffs as judge().
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
  const dependencies = config.dependencies.filter((d) => hit.has(d));
  return diffTransition(dependencies, before, after, touched, config);
}
