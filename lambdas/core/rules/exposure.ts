import { DEFAULT_WORLD_THRESHOLD } from '../config/defaults';
import type { WorldThreshold } from '../config/schema';
import type { Direction, NetworkModel, PrefixList, Protocol, SecurityGroup, SgRule } from '../model/types';
import { type AddressSet, addressSetOf, unionAddresses } from '../util/cidr-set';
import { ALL_PORTS, formatRanges, intersectRanges, mergeRanges, subtractRanges } from '../util/ports';
import { hasPorts } from '../util/protocol';
import type { PortRange } from '../verdict/types';
import { segmentsOf } from './segments';
import type { ExposedEntry, ExposureSource, GroupExposure } from './types';
import { hasPublic } from './world-breadth';

type PublicPeer =
  | { readonly peer: string; readonly addresses: AddressSet }
  | { readonly unknownPrefixList: string }
  | undefined;

const LIMIT = 50_000;
const cidrCache = new Map<string, AddressSet>();

function addressesOf(cidr: string): AddressSet {
  const hit = cidrCache.get(cidr);
  if (hit) return hit;
  if (cidrCache.size >= LIMIT) cidrCache.clear();
  const set = addressSetOf([cidr]);
  cidrCache.set(cidr, set);
  return set;
}

/**
 * The public addresses a rule admits: its CIDR, every entry of its prefix list (entries count as
 * direct), or a prefix list we cannot read. Undefined for group peers and peers with no public address.
 */
function publicPeer(model: NetworkModel, rule: SgRule): PublicPeer {
  const peer = rule.peer;
  if (peer.kind === 'sg') return undefined;
  if (peer.kind === 'cidr') return cidrPeer(peer.cidr);
  const list = model.prefixList(peer.prefixListId);
  if (list?.cidrs === undefined) return { unknownPrefixList: peer.prefixListId };
  return listPeer(list);
}

const cidrPeers = new Map<string, PublicPeer>();

function cidrPeer(cidr: string): PublicPeer {
  if (cidrPeers.has(cidr)) return cidrPeers.get(cidr);
  if (cidrPeers.size >= LIMIT) cidrPeers.clear();
  const addresses = addressesOf(cidr);
  const peer = hasPublic(addresses) ? { peer: cidr, addresses } : undefined;
  cidrPeers.set(cidr, peer);
  return peer;
}

/** Lists are immutable values (a change patches in a new one): their union is computed once per list. */
const listCache = new WeakMap<PrefixList, PublicPeer>();

function listPeer(list: PrefixList): PublicPeer {
  if (listCache.has(list)) return listCache.get(list);
  const addresses = unionAddresses((list.cidrs ?? []).map(addressesOf));
  const peer = hasPublic(addresses) ? { peer: list.prefixListId, addresses } : undefined;
  listCache.set(list, peer);
  return peer;
}

/** Ports a tcp/udp rule opens; AWS reports -1/-1 for "all ports". */
function ruleRange(rule: SgRule): PortRange {
  if (rule.fromPort < 0 || rule.toPort < 0) return ALL_PORTS;
  return {
    from: Math.min(rule.fromPort, rule.toPort),
    to: Math.min(65535, Math.max(rule.fromPort, rule.toPort)),
  };
}

/** Protocol entries a rule contributes to: '-1' opens every port of tcp and udp and every other protocol. */
function contributions(rule: SgRule): { protocol: Protocol; ranges?: PortRange[] }[] {
  if (rule.protocol === '-1')
    return [
      { protocol: 'tcp', ranges: [ALL_PORTS] },
      { protocol: 'udp', ranges: [ALL_PORTS] },
      { protocol: '-1' },
    ];
  if (hasPorts(rule.protocol)) return [{ protocol: rule.protocol, ranges: [ruleRange(rule)] }];
  return [{ protocol: rule.protocol }];
}

function describeRule(rule: SgRule): string {
  const ports = hasPorts(rule.protocol) ? ` ${formatRanges([ruleRange(rule)])}` : '';
  const proto = rule.protocol === '-1' ? 'all traffic' : `${rule.protocol}${ports}`;
  return `${rule.ruleId ? `rule ${rule.ruleId} ` : ''}(${proto})`;
}

/**
 * World exposure of one group in one direction, per protocol: the union of the public addresses its
 * rules admit on each port, judged against `world`, with the rules that make it up.
 */
export function exposedPorts(
  model: NetworkModel,
  group: SecurityGroup,
  direction: Direction,
  world: WorldThreshold = DEFAULT_WORLD_THRESHOLD,
): GroupExposure {
  const sources = new Map<Protocol, ExposureSource[]>();
  const unevaluated: string[] = [];
  for (const rule of group.rules) {
    if (rule.direction !== direction) continue;
    const peer = publicPeer(model, rule);
    if (peer === undefined) continue;
    if ('unknownPrefixList' in peer) {
      unevaluated.push(
        `${group.groupId} ${direction} ${describeRule(rule)} references prefix list ${peer.unknownPrefixList} ` +
          'whose entries are not loaded: its world exposure is not evaluated',
      );
      continue;
    }
    for (const part of contributions(rule)) {
      const list = sources.get(part.protocol) ?? [];
      const ruleId = rule.ruleId ? { ruleId: rule.ruleId } : {};
      list.push({ peer: peer.peer, addresses: peer.addresses, ranges: part.ranges, ...ruleId });
      sources.set(part.protocol, list);
    }
  }
  const entries = new Map<Protocol, ExposedEntry>();
  for (const [protocol, list] of sources) {
    const segments = segmentsOf(list, hasPorts(protocol), world);
    if (segments.length === 0) continue;
    entries.set(protocol, {
      protocol,
      ranges: mergeRanges(segments.flatMap((s) => s.ranges ?? [])),
      sources: [...new Set(segments.flatMap((s) => s.sources))],
      segments,
    });
  }
  return { groupId: group.groupId, direction, entries, unevaluated };
}

/** What `after` exposes that `before` did not (per protocol; ports subtracted for tcp/udp). */
export function newlyExposed(before: GroupExposure, after: GroupExposure): GroupExposure {
  const entries = new Map<Protocol, ExposedEntry>();
  for (const [protocol, entry] of after.entries) {
    const old = before.entries.get(protocol);
    if (!hasPorts(protocol)) {
      if (!old) entries.set(protocol, entry);
      continue;
    }
    const ranges = subtractRanges(entry.ranges, old?.ranges ?? []);
    if (ranges.length === 0) continue;
    const segments = entry.segments.flatMap((s) => {
      const opened = intersectRanges(s.ranges ?? [], ranges);
      return opened.length > 0 ? [{ ...s, ranges: opened }] : [];
    });
    const sources = [...new Set(segments.flatMap((s) => s.sources))];
    entries.set(protocol, { protocol, ranges, sources, segments });
  }
  const known = new Set(before.unevaluated);
  return { ...after, entries, unevaluated: after.unevaluated.filter((u) => !known.has(u)) };
}
