import type { Actor, Change, ChangeKind } from '../events/types';
import type { FindingKind, Layer, Severity, VerdictStatus } from '../verdict/types';

/** An event as the report refers to it. */
export interface EventRef {
  readonly eventId: string;
  readonly eventName: string;
  readonly eventTime?: string;
  /** The caller's ARN (or principal id) when known. */
  readonly principal?: string;
  /** Where the record was read: file and JSON path. */
  readonly source?: string;
}

/** A dependency broken from one event until another restored it (or until the end of the history). */
export interface Outage {
  readonly dependency: string;
  /** The event that broke it; undefined = already broken in the snapshot, before the first event. */
  readonly brokenBy?: EventRef;
  /** The event after which every pair it broke connects again; undefined = still broken at the end. */
  readonly restoredBy?: EventRef;
  /** From broken to restored (or to the last event when still broken); undefined without both times. */
  readonly durationMs?: number;
  readonly blockedBy: readonly Layer[];
  /** ENI pairs that could not connect during the outage. */
  readonly pairs: number;
}

export interface DependencyOutages {
  readonly dependency: string;
  readonly outages: number;
  readonly totalMs: number;
  readonly longestMs: number;
  readonly brokenAtEnd: boolean;
}

export interface FindingSummary {
  readonly kind: FindingKind;
  readonly severity: Severity;
  readonly title: string;
  readonly dependency?: string;
  readonly groupId?: string;
}

/** A violation as listed in the report. */
export interface ViolationItem extends EventRef {
  readonly actor?: Actor;
  readonly change?: Change;
  readonly findings: readonly FindingSummary[];
  readonly action: 'revert' | 'notify' | 'none';
  readonly actionReason?: string;
  readonly revertStatus: 'ready' | 'unknown-prior' | 'none';
  /** The revert steps: API and one-line summary. */
  readonly revert: readonly { readonly api: string; readonly summary: string }[];
}

export interface PrincipalStats {
  readonly principal: string;
  /** Changes judged (applied calls of the supported APIs). */
  readonly changes: number;
  readonly violations: number;
  /** Violations the guardrail would have reverted. */
  readonly reverts: number;
  /** Supported calls that failed (errorCode): not applied. */
  readonly failedCalls: number;
}

export interface HourBucket {
  /** `YYYY-MM-DDTHH` (UTC). */
  readonly hour: string;
  /** Every record read. */
  readonly records: number;
  /** Supported changes judged. */
  readonly judged: number;
  readonly violations: number;
}

export interface InvalidItem {
  readonly file: string;
  /** JSON path of the bad record or field ('' when the whole file is unreadable). */
  readonly path: string;
  readonly reason: string;
}

/** Everything `sg-guardian replay` reports. Lists are capped (`limit`); totals are always complete. */
export interface ReplaySummary {
  readonly mode: 'enforce' | 'dry-run';
  /** Time of the first and last record read (any record). */
  readonly firstEventTime?: string;
  readonly lastEventTime?: string;
  readonly records: number;
  readonly verdicts: Readonly<Record<VerdictStatus, number>>;
  readonly changes: Readonly<Partial<Record<ChangeKind, number>>>;
  readonly findings: Readonly<Partial<Record<FindingKind, number>>>;
  readonly severities: Readonly<Partial<Record<Severity, number>>>;
  /** What policy says for each violation (and notify for each malformed supported event). */
  readonly actions: { readonly revert: number; readonly notify: number };
  readonly violations: { readonly total: number; readonly items: readonly ViolationItem[] };
  readonly reverts: { readonly total: number; readonly items: readonly ViolationItem[] };
  /** By violations, then changes; at most `limit`. */
  readonly principals: readonly PrincipalStats[];
  readonly outages: {
    readonly total: number;
    readonly items: readonly Outage[];
    readonly byDependency: readonly DependencyOutages[];
  };
  readonly timeline: readonly HourBucket[];
  readonly invalid: { readonly total: number; readonly items: readonly InvalidItem[] };
  readonly ordering: {
    readonly windowMinutes: number;
    /** Changes that arrived after later ones had been judged (beyond the reorder window). */
    readonly late: number;
    /** Records seen twice (same eventID), judged once. */
    readonly duplicates: number;
    /** Changes released before the window closed because too many were held. */
    readonly releasedEarly: number;
  };
  /**
   * Input files: read to the end, and those that could not be read at all (missing, not gzip, not
   * JSON, truncated) with why (up to `limit`); an unreadable file is not an invalid record.
   */
  readonly files: {
    readonly read: number;
    readonly unreadable: number;
    readonly problems: readonly { readonly file: string; readonly reason: string }[];
  };
  readonly limit: number;
}
