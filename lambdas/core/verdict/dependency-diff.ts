import type { Dependency } from '../config/schema';
import type { NetworkModel } from '../model/types';
import { evaluateDependency } from '../reachability/evaluate-dependency';
import { selectEnis, selectGroups } from '../reachability/select';
import type { EniPair } from '../reachability/types';
import { stableId } from '../util/hash';
import type { Touched } from './dependency-index';
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
 * both selections, so an ENI that lost the selected group is still judged). Only pairs the change
 * touches can change, so only those are evaluated.
 * `before` undefined = prior unknown: pairs blocked after are reported as broken, flagged as such.
 */
export function diffDependency(
  dep: Dependency,
  before: NetworkModel | undefined,
  after: NetworkModel,
  touched: Touched,
): DependencyDiff {
  const pairs = touchedPairs(dep, before, after, touchTest(touched, before, after));
  if (pairs.length === 0) return { broken: [], preexisting: [], notEvaluated: [] };
  const afterResult = evaluateDependency(after, dep, { pairs });
  const beforeResult = before ? evaluateDependency(before, dep, { pairs, fixes: false }) : undefined;
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
      `${pairs.length} of the ${result.pairs.length} ENI pair(s) this change touches can no longer connect` +
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

/** Does a change touch this ENI: the ENI itself, its subnet, or a group it carries before or after? */
function touchTest(touched: Touched, before: NetworkModel | undefined, after: NetworkModel) {
  const enis = new Set(touched.eniIds);
  const subnets = new Set(touched.subnetIds);
  const groups = new Set(touched.groupIds);
  const cache = new Map<string, boolean>();
  return (eniId: string): boolean => {
    let hit = cache.get(eniId);
    if (hit === undefined) {
      const versions = [before?.eni(eniId), after.eni(eniId)];
      hit =
        enis.has(eniId) ||
        versions.some(
          (e) => e !== undefined && (subnets.has(e.subnetId) || e.groupIds.some((g) => groups.has(g))),
        );
      cache.set(eniId, hit);
    }
    return hit;
  };
}

function pairKey(p: { sourceEniId: string; destinationEniId: string }): string {
  return `${p.sourceEniId}>${p.destinationEniId}`;
}

/**
 * ENI pairs of the dependency in either state (so an ENI that lost the selected group is still judged)
 * with at least one touched side, without building the whole cross product.
 */
function touchedPairs(
  dep: Dependency,
  before: NetworkModel | undefined,
  after: NetworkModel,
  isTouched: (eniId: string) => boolean,
): EniPair[] {
  const side = (selector: Dependency['from']) => {
    const ids = new Set<string>();
    for (const model of before ? [before, after] : [after])
      for (const eni of selectEnis(model, selectGroups(model, selector))) ids.add(eni.eniId);
    return [...ids];
  };
  const sources = side(dep.from);
  const destinations = side(dep.to);
  const pairs: EniPair[] = [];
  for (const s of sources) {
    const sourceTouched = isTouched(s);
    for (const d of destinations)
      if (s !== d && (sourceTouched || isTouched(d))) pairs.push({ sourceEniId: s, destinationEniId: d });
  }
  return pairs;
}
