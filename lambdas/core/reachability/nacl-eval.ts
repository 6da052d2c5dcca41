import type { NaclEntry, Protocol } from '../model/types';
import { cidrContains } from '../util/cidr';
import { ALL_PORTS, intersectRanges, mergeRanges, subtractRanges } from '../util/ports';
import { protocolCovers } from '../util/protocol';
import type { PortRange } from '../verdict/types';

/** Traffic as one NACL direction sees it: `ip` is the peer (destination for egress, source for ingress). */
export interface NaclQuery {
  readonly egress: boolean;
  readonly protocol: Protocol;
  readonly ip: string;
  /** Destination ports of the traffic; undefined for protocols without ports. */
  readonly ports?: PortRange;
}

/** Ports decided by one entry (or by the default deny when `entry` is undefined). */
export interface NaclSegment {
  readonly action: 'allow' | 'deny';
  /** Empty when the query has no ports. */
  readonly ranges: readonly PortRange[];
  readonly entry?: NaclEntry;
}

export interface NaclDecision {
  readonly allowed: boolean;
  /** In rule-number order; the default deny last. */
  readonly segments: readonly NaclSegment[];
  /** Union of denied ports (empty when the query has no ports). */
  readonly denied: readonly PortRange[];
}

/** Stand-in "port space" for protocols without ports: one unit that an entry decides entirely. */
const UNIT: readonly PortRange[] = [{ from: 0, to: 0 }];

function decidesProtocol(entry: NaclEntry, protocol: Protocol): boolean {
  // All-traffic needs an all-traffic allow; a deny of any single protocol already blocks part of it.
  if (protocol === '-1') return entry.protocol === '-1' || entry.action === 'deny';
  return protocolCovers(entry.protocol, protocol);
}

function entryPorts(entry: NaclEntry): readonly PortRange[] {
  return entry.protocol === '-1' || !entry.portRange ? [ALL_PORTS] : [entry.portRange];
}

/** Entries of one direction in rule-number order, cached per (immutable) entry list: pairs share NACLs. */
const orderedCache = new WeakMap<readonly NaclEntry[], Readonly<Record<'egress' | 'ingress', NaclEntry[]>>>();

export function orderedEntries(entries: readonly NaclEntry[], egress: boolean): readonly NaclEntry[] {
  let hit = orderedCache.get(entries);
  if (!hit) {
    const sorted = [...entries].sort((a, b) => a.ruleNumber - b.ruleNumber);
    hit = { egress: sorted.filter((e) => e.egress), ingress: sorted.filter((e) => !e.egress) };
    orderedCache.set(entries, hit);
  }
  return egress ? hit.egress : hit.ingress;
}

/**
 * NACL semantics: entries of the direction in ascending rule number, first match wins per port, no match
 * is denied. Evaluates a whole port range at once with interval arithmetic. IPv4 and IPv6 never mix.
 */
export function evaluateNaclEntries(entries: readonly NaclEntry[], query: NaclQuery): NaclDecision {
  const ordered = orderedEntries(entries, query.egress);
  let rest: PortRange[] = query.ports ? [query.ports] : [...UNIT];
  const segments: NaclSegment[] = [];
  for (const entry of ordered) {
    if (rest.length === 0) break;
    if (!decidesProtocol(entry, query.protocol) || !cidrContains(entry.cidr, query.ip)) continue;
    const decided = query.ports ? intersectRanges(rest, entryPorts(entry)) : rest;
    if (decided.length === 0) continue;
    segments.push({ action: entry.action, ranges: query.ports ? decided : [], entry });
    rest = subtractRanges(rest, decided);
  }
  if (rest.length > 0) segments.push({ action: 'deny', ranges: query.ports ? rest : [] });
  const denied: PortRange[] = [];
  let allowed = true;
  for (const s of segments)
    if (s.action === 'deny') {
      allowed = false;
      for (const r of s.ranges) denied.push(r);
    }
  return { allowed, segments, denied: allowed ? [] : mergeRanges(denied) };
}
