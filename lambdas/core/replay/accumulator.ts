import type { DeploymentConfig } from '../config/deployment-schema';
import type { FindingKind, Severity, Verdict, VerdictStatus } from '../verdict/types';
import { principalOf, refOf } from './event-ref';
import { hourOf } from './time';
import type { HourBucket, InvalidItem, PrincipalStats, ReplaySummary, ViolationItem } from './types';

/** Distinct principals tracked one by one; beyond that they are counted together. */
const MAX_PRINCIPALS = 10_000;
const OTHER_PRINCIPALS = 'other principals';
/** Principals listed in the report. */
export const TOP_PRINCIPALS = 10;

type Counts<K extends string> = Partial<Record<K, number>>;
type MutablePrincipal = { -readonly [K in keyof PrincipalStats]: PrincipalStats[K] };
type MutableBucket = { -readonly [K in keyof HourBucket]: HourBucket[K] };

const bump = <K extends string>(counts: Counts<K>, key: K, n = 1) => {
  counts[key] = (counts[key] ?? 0) + n;
};

/**
 * Aggregates a replay as it goes, in memory bounded by `limit` (items kept per list), the number of
 * hours the history spans and the distinct principals (capped): totals by verdict, change and finding
 * kind, the violations and reverts, principals, an hourly timeline and the invalid records.
 */
export class ReplayAccumulator {
  readonly #verdicts: Record<VerdictStatus, number> = {
    ok: 0,
    violation: 0,
    ignored: 0,
    'not-applied': 0,
    invalid: 0,
  };
  readonly #changes: Counts<string> = {};
  readonly #findings: Counts<FindingKind> = {};
  readonly #severities: Counts<Severity> = {};
  readonly #actions = { revert: 0, notify: 0 };
  readonly #violations: ViolationItem[] = [];
  readonly #reverts: ViolationItem[] = [];
  readonly #principals = new Map<string, MutablePrincipal>();
  readonly #hours = new Map<string, MutableBucket>();
  readonly #invalid: InvalidItem[] = [];
  #invalidTotal = 0;
  #records = 0;
  #first: string | undefined;
  #last: string | undefined;

  constructor(
    private readonly limit: number,
    private readonly mode: DeploymentConfig['mode'],
  ) {}

  /** One record read, judged or not, at its eventTime (UTC ISO text when known). */
  record(time: string | undefined): void {
    this.#records += 1;
    if (time === undefined) return;
    if (this.#first === undefined || time < this.#first) this.#first = time;
    if (this.#last === undefined || time > this.#last) this.#last = time;
    this.#bucket(time.slice(0, 13)).records += 1;
  }

  /** A record that is not a supported change: ignored without being parsed further. */
  ignored(): void {
    this.#verdicts.ignored += 1;
  }

  /**
   * A record, entry or file that could not be read (never a reason to stop the replay); `notify` when
   * the guardrail would have notified (a supported change it could not read).
   */
  invalid(item: InvalidItem, notify = false): void {
    this.#verdicts.invalid += 1;
    if (notify) this.#actions.notify += 1;
    this.#invalidTotal += 1;
    if (this.#invalid.length < this.limit) this.#invalid.push(item);
  }

  get recordCount(): number {
    return this.#records;
  }

  /** Time of the last record read, UTC ISO text. */
  get lastEventTime(): string | undefined {
    return this.#last;
  }

  /** The verdict on a supported change (any status), where it was read. */
  verdict(v: Verdict, source: string | undefined): void {
    if (v.verdict === 'invalid') {
      this.invalid({ file: source ?? '', path: '', reason: v.reason ?? 'invalid' }, true);
      return;
    }
    this.#verdicts[v.verdict] += 1;
    if (v.verdict === 'not-applied') {
      this.#principal(principalOf(v.actor)).failedCalls += 1;
      return;
    }
    if (v.verdict !== 'ok' && v.verdict !== 'violation') return;
    if (v.change) bump(this.#changes, v.change.kind);
    const hour = hourOf(v.eventTime);
    const bucket = hour === undefined ? undefined : this.#bucket(hour);
    if (bucket) bucket.judged += 1;
    const who = this.#principal(principalOf(v.actor));
    who.changes += 1;
    if (v.verdict !== 'violation') return;
    if (bucket) bucket.violations += 1;
    who.violations += 1;
    for (const f of v.findings) {
      bump(this.#findings, f.kind);
      bump(this.#severities, f.severity);
    }
    const item = toItem(v, source);
    if (this.#violations.length < this.limit) this.#violations.push(item);
    if (v.action === 'revert') {
      this.#actions.revert += 1;
      who.reverts += 1;
      if (this.#reverts.length < this.limit) this.#reverts.push(item);
    } else if (v.action === 'notify') this.#actions.notify += 1;
  }

  /** The summary; outages, ordering and file counts come from their own trackers. */
  summary(
    parts: Pick<ReplaySummary, 'outages' | 'ordering' | 'files'>,
  ): ReplaySummary {
    const principals = [...this.#principals.values()]
      .sort((a, b) => b.violations - a.violations || b.changes - a.changes || b.failedCalls - a.failedCalls)
      .slice(0, TOP_PRINCIPALS);
    return {
      mode: this.mode,
      ...(this.#first === undefined ? {} : { firstEventTime: this.#first }),
      ...(this.#last === undefined ? {} : { lastEventTime: this.#last }),
      records: this.#records,
      verdicts: { ...this.#verdicts },
      changes: { ...this.#changes },
      findings: { ...this.#findings },
      severities: { ...this.#severities },
      actions: { ...this.#actions },
      violations: { total: this.#verdicts.violation, items: [...this.#violations] },
      reverts: { total: this.#actions.revert, items: [...this.#reverts] },
      principals,
      timeline: [...this.#hours.values()].sort((a, b) => (a.hour < b.hour ? -1 : 1)),
      invalid: { total: this.#invalidTotal, items: [...this.#invalid] },
      limit: this.limit,
      ...parts,
    };
  }

  #bucket(hour: string): MutableBucket {
    let bucket = this.#hours.get(hour);
    if (bucket === undefined) {
      bucket = { hour, records: 0, judged: 0, violations: 0 };
      this.#hours.set(hour, bucket);
    }
    return bucket;
  }

  #principal(name: string): MutablePrincipal {
    let stats = this.#principals.get(name);
    if (stats === undefined) {
      const key = this.#principals.size < MAX_PRINCIPALS ? name : OTHER_PRINCIPALS;
      stats = this.#principals.get(key) ?? {
        principal: key,
        changes: 0,
        violations: 0,
        reverts: 0,
        failedCalls: 0,
      };
      this.#principals.set(key, stats);
    }
    return stats;
  }
}

function toItem(v: Verdict, source: string | undefined): ViolationItem {
  return {
    ...refOf(v, source),
    ...(v.actor ? { actor: v.actor } : {}),
    ...(v.change ? { change: v.change } : {}),
    findings: v.findings.map((f) => ({
      kind: f.kind,
      severity: f.severity,
      title: f.title,
      ...(f.dependency === undefined ? {} : { dependency: f.dependency }),
      ...(f.groupId === undefined ? {} : { groupId: f.groupId }),
    })),
    action: v.action,
    ...(v.actionReason === undefined ? {} : { actionReason: v.actionReason }),
    revertStatus: v.revert.status,
    revert: v.revert.steps.map((s) => ({ api: s.api, summary: s.summary })),
  };
}
