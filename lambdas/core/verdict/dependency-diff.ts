import type { Dependency } from '../config/schema';
import type { NetworkModel } from '../model/types';
import { evaluateDependency, selectPairs } from '../reachability/evaluate-dependency';
import { stableId } from '../util/hash';
import type { DependencyResult, Finding, PairResult } from './types';

export interface DependencyDiff {
  /** Pairs that held before and not after. */
  readonly broken: readonly Finding[];
  /** Pairs already blocked before the change. */
  readonly preexisting: readonly Finding[];
  readonly notEvaluated: readonly string[];
}

/**
 * Judges one dependency in the states before and after a change, on the same ENI pairs (the union of
 * both selections, so an ENI that lost the selected group is still judged).
 * `before` undefined = prior unknown: pairs blocked after are reported as broken, flagged as such.
 */
export function diffDependency(
  dep: Dependency,
  before: NetworkModel | undefined,
  after: NetworkModel,
): DependencyDiff {
  const pairs = uniquePairs([...(before ? selectPairs(before, dep) : []), ...selectPairs(after, dep)]);
  const afterResult = evaluateDependency(after, dep, { pairs });
  const beforeResult = before ? evaluateDependency(before, dep, { pairs }) : undefined;
  const blockedBefore = new Set(
    (beforeResult?.pairs ?? []).filter((p) => !p.reachable).map((p) => pairKey(p)),
  );
  const blockedAfter = afterResult.pairs.filter((p) => !p.reachable);
  const broken = blockedAfter.filter((p) => !blockedBefore.has(pairKey(p)));
  const still = blockedAfter.filter((p) => blockedBefore.has(pairKey(p)));
  const notEvaluated = afterResult.notEvaluated.map((l) => `${dep.name}: ${l} not evaluated`);
  return {
    broken: broken.length ? [toFinding(afterResult, broken, before === undefined)] : [],
    preexisting: still.length ? [toFinding(afterResult, still, false)] : [],
    notEvaluated,
  };
}

function toFinding(result: DependencyResult, pairs: readonly PairResult[], priorUnknown: boolean): Finding {
  const blockedBy = [
    ...new Set(pairs.flatMap((p) => p.layers.filter((l) => l.status === 'block').map((l) => l.layer))),
  ];
  const what = `${result.protocol === '-1' ? 'all traffic' : result.protocol}${result.port === undefined ? '' : `/${result.port}`}`;
  return {
    id: stableId('fnd', ['dependency-broken', result.dependency, blockedBy, pairs.map(pairKey)]),
    kind: 'dependency-broken',
    ruleId: 'SG-DEPENDENCY-BROKEN',
    severity: 'critical',
    title: `${result.dependency}: ${what} blocked by ${blockedBy.join(', ')}`,
    explanation:
      `${pairs.length} of ${result.pairs.length} ENI pair(s) can no longer connect` +
      (priorUnknown ? ' (the state before the change is unknown, so this may predate it).' : '.'),
    groupId: result.destinationGroupIds[0],
    dependency: result.dependency,
    protocol: result.protocol,
    ports: result.port === undefined ? undefined : [{ from: result.port, to: result.port }],
    blockedBy,
    pairs,
    fixes: result.fixes,
  };
}

function pairKey(p: { sourceEniId: string; destinationEniId: string }): string {
  return `${p.sourceEniId}>${p.destinationEniId}`;
}

function uniquePairs<T extends { sourceEniId: string; destinationEniId: string }>(pairs: readonly T[]): T[] {
  const seen = new Map<string, T>();
  for (const p of pairs) if (!seen.has(pairKey(p))) seen.set(pairKey(p), p);
  return [...seen.values()];
}
