import type { Dependency } from '../config/schema';
import type { NetworkModel } from '../model/types';
import { evaluateDependency } from '../reachability/evaluate-dependency';
import { instanceCoverageGap, selectEndpoint } from '../reachability/select';
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
  const gaps = notEvaluatedSelectors(dep, before, after);
  if (gaps.length > 0) return { broken: [], preexisting: [], notEvaluated: gaps };
  const { pairs, selectedBefore } = touchedPairs(dep, before, after, touchTest(touched, before, after));
  if (pairs.length === 0) return { broken: [], preexisting: [], notEvaluated: [] };
  const afterResult = evaluateDependency(after, dep, { pairs });
  const beforeResult = before ? evaluateDependency(before, dep, { pairs, fixes: false }) : undefined;
  const blockedBefore = new Set(
    (beforeResult?.pairs ?? []).filter((p) => !p.reachable && selectedBefore(p)).map((p) => pairKey(p)),
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

/** An instance-tag side on a state without instances: the dependency is not evaluated, never fine. */
function notEvaluatedSelectors(dep: Dependency, before: NetworkModel | undefined, after: NetworkModel): string[] {
  const gaps = new Set<string>();
  for (const model of before ? [before, after] : [after])
    for (const selector of [dep.from, dep.to]) {
      const gap = instanceCoverageGap(model, selector);
      if (gap) gaps.add(`${dep.name}: ${gap}`);
    }
  return [...gaps];
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

/**
 * Does a change touch this ENI: the ENI itself, its subnet, a group it carries before or after, or a
 * touched instance it is attached to in either state?
 */
function touchTest(touched: Touched, before: NetworkModel | undefined, after: NetworkModel) {
  const enis = new Set(touched.eniIds);
  for (const instanceId of touched.instanceIds ?? [])
    for (const model of before ? [before, after] : [after])
      for (const attached of model.instance(instanceId)?.networkInterfaces ?? []) enis.add(attached.eniId);
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
 * with at least one touched side, without building the whole cross product; and whether a pair was
 * the dependency's before the change. A pair that joins it blocked (an instance launched or attached
 * with a stale group) was not broken before: the change broke the dependency.
 */
function touchedPairs(
  dep: Dependency,
  before: NetworkModel | undefined,
  after: NetworkModel,
  isTouched: (eniId: string) => boolean,
): { pairs: EniPair[]; selectedBefore: (pair: EniPair) => boolean } {
  const side = (selector: Dependency['from']) => {
    const inBefore = new Set(before ? selectEndpoint(before, selector).enis.map((e) => e.eniId) : []);
    const ids = new Set(inBefore);
    for (const eni of selectEndpoint(after, selector).enis) ids.add(eni.eniId);
    return { ids: [...ids], inBefore };
  };
  const sources = side(dep.from);
  const destinations = side(dep.to);
  const pairs: EniPair[] = [];
  for (const s of sources.ids) {
    const sourceTouched = isTouched(s);
    for (const d of destinations.ids)
      if (s !== d && (sourceTouched || isTouched(d))) pairs.push({ sourceEniId: s, destinationEniId: d });
  }
  const selectedBefore = (p: EniPair) =>
    sources.inBefore.has(p.sourceEniId) && destinations.inBefore.has(p.destinationEniId);
  return { pairs, selectedBefore };
}
