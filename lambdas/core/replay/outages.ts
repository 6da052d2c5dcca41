import type { Dependency, GuardianConfig } from '../config/schema';
import type { Change } from '../events/types';
import type { NetworkModel } from '../model/types';
import { evaluateDependency } from '../reachability/evaluate-dependency';
import type { EniPair } from '../reachability/types';
import { affectedBy } from '../state/affected';
import type { AffectedResources } from '../state/types';
import type { DependencyIndex } from '../verdict/dependency-index';
import type { Layer, PairResult, Verdict } from '../verdict/types';
import type { DependencyOutages, EventRef, Outage } from './types';

interface OpenOutage {
  readonly dependency: Dependency;
  readonly pairs: Map<string, EniPair>;
  readonly layers: Set<Layer>;
  readonly brokenBy?: EventRef;
  readonly startMs?: number;
}

interface Totals {
  outages: number;
  totalMs: number;
  longestMs: number;
}

const pairKey = (p: EniPair) => `${p.sourceEniId}>${p.destinationEniId}`;

/**
 * Follows every declared dependency through the replay: an outage opens at the event whose verdict
 * says it broke the dependency, grows while later events break more of its ENI pairs, and closes at
 * the first applied change after which every pair it broke connects again (re-checked only when a
 * change touches the dependency). Closed outages beyond `limit` are counted, not kept.
 */
export class OutageTracker {
  readonly #byName: ReadonlyMap<string, Dependency>;
  readonly #open = new Map<string, OpenOutage>();
  readonly #closed: Outage[] = [];
  readonly #totals = new Map<string, Totals>();
  #count = 0;

  constructor(
    config: GuardianConfig,
    private readonly limit: number,
  ) {
    this.#byName = new Map(config.dependencies.map((d) => [d.name, d]));
  }

  /** Opens an outage, with no breaking event, for every dependency already blocked in the snapshot. */
  start(model: NetworkModel): void {
    for (const dependency of this.#byName.values()) {
      const result = evaluateDependency(model, dependency, { fixes: false });
      if (result.status === 'blocked') this.#extend(dependency, result.pairs, undefined, undefined);
    }
  }

  /**
   * After an applied change: closes the open outages it restored. Call before `broken` for the same
   * event. Only a change that touches every blocked pair can restore them all (an untouched pair stays
   * blocked), and revoking security-group rules (allow-only) never unblocks anything: both are skipped.
   */
  changed(
    index: DependencyIndex,
    before: NetworkModel,
    after: NetworkModel,
    change: Change,
    at: { ref: EventRef; timeMs: number },
  ): void {
    if (this.#open.size === 0 || change.kind === 'sg-rules-removed') return;
    const touched = affectedBy(change, { position: 'before', before, after, notes: [] });
    const isTouched = touchTest(touched, before, after);
    for (const dependency of index.affectedBy(touched)) {
      const open = this.#open.get(dependency.name);
      if (open === undefined) continue;
      const pairs = [...open.pairs.values()];
      if (!pairs.every((p) => isTouched(p.sourceEniId) || isTouched(p.destinationEniId))) continue;
      const result = evaluateDependency(after, dependency, { pairs, fixes: false });
      if (result.pairs.every((p) => p.reachable)) this.#close(open, at);
    }
  }

  /** Opens or extends an outage for each dependency the verdict says the change broke. */
  broken(verdict: Verdict, at: { ref: EventRef; timeMs: number }): void {
    for (const finding of verdict.findings) {
      if (finding.kind !== 'dependency-broken' || finding.dependency === undefined) continue;
      const dependency = this.#byName.get(finding.dependency);
      if (dependency) this.#extend(dependency, finding.pairs ?? [], at.ref, at.timeMs);
    }
  }

  /** Every outage (open ones end at `lastMs`, the last event), and totals by dependency. */
  finish(lastMs: number | undefined): {
    total: number;
    items: Outage[];
    byDependency: DependencyOutages[];
  } {
    const stillOpen = [...this.#open.values()].map((o) => toOutage(o, undefined, span(o.startMs, lastMs)));
    const items = [...this.#closed, ...stillOpen.slice(0, Math.max(0, this.limit - this.#closed.length))];
    const openNames = new Set(this.#open.keys());
    for (const o of stillOpen) this.#tally(o);
    const byDependency = [...this.#totals.entries()]
      .map(([dependency, t]) => ({ dependency, ...t, brokenAtEnd: openNames.has(dependency) }))
      .sort((a, b) => b.totalMs - a.totalMs || b.outages - a.outages);
    return { total: this.#count + stillOpen.length, items, byDependency };
  }

  #extend(
    dependency: Dependency,
    pairs: readonly PairResult[],
    brokenBy: EventRef | undefined,
    startMs: number | undefined,
  ): void {
    let open = this.#open.get(dependency.name);
    if (open === undefined) {
      open = { dependency, pairs: new Map(), layers: new Set(), brokenBy, startMs };
      this.#open.set(dependency.name, open);
    }
    for (const p of pairs) {
      if (p.reachable) continue;
      open.pairs.set(pairKey(p), { sourceEniId: p.sourceEniId, destinationEniId: p.destinationEniId });
      for (const l of p.layers) if (l.status === 'block') open.layers.add(l.layer);
    }
  }

  #close(open: OpenOutage, at: { ref: EventRef; timeMs: number }): void {
    this.#open.delete(open.dependency.name);
    const outage = toOutage(open, at.ref, span(open.startMs, at.timeMs));
    this.#count += 1;
    this.#tally(outage);
    if (this.#closed.length < this.limit) this.#closed.push(outage);
  }

  #tally(outage: Outage): void {
    const t = this.#totals.get(outage.dependency) ?? { outages: 0, totalMs: 0, longestMs: 0 };
    t.outages += 1;
    t.totalMs += outage.durationMs ?? 0;
    t.longestMs = Math.max(t.longestMs, outage.durationMs ?? 0);
    this.#totals.set(outage.dependency, t);
  }
}

/** Whether a change can alter what an ENI's traffic meets: the ENI, its subnet, or a group it carries. */
function touchTest(touched: AffectedResources, before: NetworkModel, after: NetworkModel) {
  const enis = new Set(touched.eniIds);
  const subnets = new Set(touched.subnetIds);
  const groups = new Set(touched.groupIds);
  return (eniId: string): boolean =>
    enis.has(eniId) ||
    [before.eni(eniId), after.eni(eniId)].some(
      (e) => e !== undefined && (subnets.has(e.subnetId) || e.groupIds.some((g) => groups.has(g))),
    );
}

function span(startMs: number | undefined, endMs: number | undefined): number | undefined {
  return startMs === undefined || endMs === undefined ? undefined : Math.max(0, endMs - startMs);
}

function toOutage(
  open: OpenOutage,
  restoredBy: EventRef | undefined,
  durationMs: number | undefined,
): Outage {
  return {
    dependency: open.dependency.name,
    ...(open.brokenBy ? { brokenBy: open.brokenBy } : {}),
    ...(restoredBy ? { restoredBy } : {}),
    ...(durationMs === undefined ? {} : { durationMs }),
    blockedBy: [...open.layers],
    pairs: open.pairs.size,
  };
}
