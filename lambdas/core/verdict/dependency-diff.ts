import type { Dependency } from '../config/schema';
import type { NetworkInterface, NetworkModel } from '../model/types';
import { evaluateDependency, type SideSelections, selectSides } from '../reachability/evaluate-dependency';
import { type EndpointSelection, instanceCoverageGap } from '../reachability/select';
import type { EniPair } from '../reachability/types';
import { stableId } from '../util/hash';
import { blockedBeforeFlags, NONE_BLOCKED } from './blocked-before';
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
  const inAfter = selectSides(after, dep);
  const inBefore = before && selectSides(before, dep);
  const { pairs, selectedBefore } = touchedPairs(inBefore, inAfter, touchTest(touched, before, after));
  if (pairs.length === 0) return { broken: [], preexisting: [], notEvaluated: [] };
  const afterResult = evaluateDependency(after, dep, { pairs, selection: inAfter });
  const flags =
    before && inBefore
      ? blockedBeforeFlags({ before, selection: inBefore, after, dep, pairs, resultsAfter: afterResult.pairs, selectedBefore })
      : NONE_BLOCKED;
  const wasBlocked = blockedBeforeTest(flags, pairs, afterResult.pairs);
  const broken: PairResult[] = [];
  const still: PairResult[] = [];
  afterResult.pairs.forEach((p, i) => {
    if (!p.reachable) (wasBlocked(p, i) ? still : broken).push(p);
  });
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
  const blocking = new Set<PairResult['layers'][number]['layer']>();
  for (const p of pairs) for (const l of p.layers) if (l.status === 'block') blocking.add(l.layer);
  const blockedBy = [...blocking];
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
  const made = touchTests.get(touched);
  if (made && made.before === before && made.after === after) return made.test;
  const test = newTouchTest(touched, before, after);
  touchTests.set(touched, { before, after, test });
  return test;
}

/**
 * The touch test of the last (before, after) per Touched object: every dependency a change affects is
 * asked about the same touched resources in the same states (their answers are kept per ENI).
 */
const touchTests = new WeakMap<
  Touched,
  { before: NetworkModel | undefined; after: NetworkModel; test: (eniId: string) => boolean }
>();

function newTouchTest(touched: Touched, before: NetworkModel | undefined, after: NetworkModel) {
  const enis = new Set(touched.eniIds);
  for (const instanceId of touched.instanceIds ?? [])
    for (const model of before ? [before, after] : [after])
      for (const attached of model.instance(instanceId)?.networkInterfaces ?? []) enis.add(attached.eniId);
  const subnets = new Set(touched.subnetIds);
  const groups = new Set(touched.groupIds);
  const touches = (e: NetworkInterface | undefined): boolean => {
    if (e === undefined) return false;
    if (subnets.has(e.subnetId)) return true;
    for (const g of e.groupIds) if (groups.has(g)) return true;
    return false;
  };
  const cache = new Map<string, boolean>();
  return (eniId: string): boolean => {
    let hit = cache.get(eniId);
    if (hit === undefined) {
      // The ENI in either state (one object when the change left it alone: asked once).
      const inBefore = before?.eni(eniId);
      const inAfter = after.eni(eniId);
      hit = enis.has(eniId) || touches(inBefore) || (inAfter !== inBefore && touches(inAfter));
      cache.set(eniId, hit);
    }
    return hit;
  };
}

function pairKey(p: { sourceEniId: string; destinationEniId: string }): string {
  return `${p.sourceEniId}>${p.destinationEniId}`;
}

/**
 * Whether the result after at position i was blocked before, from the flags of blockedBeforeFlags
 * (one per judged pair): by position when every pair was resolved after, else by key.
 */
function blockedBeforeTest(flags: readonly boolean[], pairs: readonly EniPair[], resultsAfter: readonly PairResult[]) {
  if (flags.length === 0) return () => false;
  if (resultsAfter.length === pairs.length) return (_: PairResult, i: number) => flags[i] === true;
  const keys = new Set<string>();
  for (let i = 0; i < pairs.length; i++) if (flags[i]) keys.add(pairKey(pairs[i]!));
  return (p: PairResult) => keys.has(pairKey(p));
}

/**
 * ENI pairs of the dependency in either state (so an ENI that lost the selected group is still judged)
 * with at least one touched side, without building the whole cross product; and whether a pair was
 * the dependency's before the change. A pair that joins it blocked (an instance launched or attached
 * with a stale group) was not broken before: the change broke the dependency.
 */
function touchedPairs(
  before: SideSelections | undefined,
  after: SideSelections,
  isTouched: (eniId: string) => boolean,
): { pairs: EniPair[]; selectedBefore: (pair: EniPair) => boolean } {
  const sources = sideIds(before?.source, after.source);
  const destinations = sideIds(before?.destination, after.destination);
  const destinationTouched = destinations.ids.map(isTouched);
  const pairs: EniPair[] = [];
  for (const s of sources.ids) {
    const sourceTouched = isTouched(s);
    for (let i = 0; i < destinations.ids.length; i++) {
      const d = destinations.ids[i]!;
      if (s !== d && (sourceTouched || destinationTouched[i])) pairs.push({ sourceEniId: s, destinationEniId: d });
    }
  }
  if (sources.allBefore && destinations.allBefore) return { pairs, selectedBefore: () => true };
  const selectedBefore = (p: EniPair) =>
    sources.inBefore.has(p.sourceEniId) && destinations.inBefore.has(p.destinationEniId);
  return { pairs, selectedBefore };
}

/** A side's ENI ids in either state (those of the state before first), and those it had before. */
function sideIds(selectedBefore: EndpointSelection | undefined, selectedAfter: EndpointSelection) {
  // The same selection in both states (a NACL change selects through its base): its ids, all before.
  if (selectedBefore === selectedAfter) return { ...idsOf(selectedAfter), allBefore: true };
  const inBefore = new Set<string>();
  for (const eni of selectedBefore?.enis ?? []) inBefore.add(eni.eniId);
  const ids = new Set(inBefore);
  for (const eni of selectedAfter.enis) ids.add(eni.eniId);
  return { ids: [...ids], inBefore, allBefore: false };
}

/** The ENI ids of a selection, once each, in order; kept per (immutable) selection object. */
const selectionIds = new WeakMap<EndpointSelection, { ids: string[]; inBefore: Set<string> }>();

function idsOf(selection: EndpointSelection): { ids: string[]; inBefore: Set<string> } {
  let known = selectionIds.get(selection);
  if (!known) {
    const inBefore = new Set<string>();
    for (const eni of selection.enis) inBefore.add(eni.eniId);
    known = { ids: [...inBefore], inBefore };
    selectionIds.set(selection, known);
  }
  return known;
}
