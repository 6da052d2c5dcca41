import type { FlowRecord } from './types';

/** What a set of flow-log records adds up to. Times are Unix seconds. */
export interface FlowAmount {
  readonly records: number;
  readonly bytes: number;
  readonly packets: number;
  /** Start of the earliest record. */
  readonly first: number;
  /** End of the latest record. */
  readonly last: number;
}

export interface FlowStats extends FlowAmount {
  /** Records of return traffic (server to client) folded into this edge. */
  readonly returnRecords: number;
  /**
   * Records logged on the service's own ENI (or without interface-id). An ACCEPT logged only on the
   * client's ENI proves only that it left the client: the server may have rejected it.
   */
  readonly atService: number;
}

/** A running FlowStats. */
export class Tally implements FlowStats {
  records = 0;
  bytes = 0;
  packets = 0;
  first = Number.POSITIVE_INFINITY;
  last = Number.NEGATIVE_INFINITY;
  returnRecords = 0;
  atService = 0;

  add(amount: FlowAmount, response = false, atService = false): void {
    this.records += amount.records;
    this.bytes += amount.bytes;
    this.packets += amount.packets;
    if (amount.first < this.first) this.first = amount.first;
    if (amount.last > this.last) this.last = amount.last;
    if (response) this.returnRecords += amount.records;
    if (atService) this.atService += amount.records;
  }

  /** Adds another edge's stats (merging edges). */
  merge(stats: FlowStats): void {
    this.add(stats);
    this.returnRecords += stats.returnRecords;
    this.atService += stats.atService;
  }
}

/** Counts of one pass, for the summary line. */
export interface FlowTally {
  records: number;
  accepted: number;
  rejected: number;
  /** Records recognised as return traffic (folded into the request they answer). */
  returnTraffic: number;
  /** Records whose direction the ports alone could not tell (settled by port evidence). */
  ambiguous: number;
  /** NODATA / SKIPDATA records, and records without action, time, protocol or addresses. */
  skipped: number;
  /** Records outside --since/--until (used only for rule last-seen). */
  outsideWindow: number;
}

/** The record's time span and whether it overlaps [since, until]; undefined when it has no time. */
export function windowOf(
  record: FlowRecord,
  options: { readonly since?: number; readonly until?: number },
): { first: number; last: number; inWindow: boolean } | undefined {
  const first = record.start ?? record.end;
  const last = record.end ?? record.start;
  if (first === undefined || last === undefined) return undefined;
  const inWindow =
    (options.since === undefined || last >= options.since) && (options.until === undefined || first <= options.until);
  return { first, last, inWindow };
}
