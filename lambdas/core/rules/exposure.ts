import type { Direction, NetworkModel, Protocol, SecurityGroup, SgRule } from '../model/types';
import { isWorldCidr } from '../util/cidr';
import { ALL_PORTS, formatRanges, intersectRanges, mergeRanges, subtractRanges } from '../util/ports';
import { hasPorts } from '../util/protocol';
import type { PortRange } from '../verdict/types';
import type { ExposedEntry, ExposureSource, GroupExposure } from './types';

type WorldPeer = { readonly peer: string } | { readonly unknownPrefixList: string } | undefined;

/** The world peer a rule opens to: a /0 CIDR, a prefix list holding one, or a prefix list we cannot read. */
function worldPeer(model: NetworkModel, rule: SgRule): WorldPeer {
  const peer = rule.peer;
  if (peer.kind === 'cidr') return isWorldCidr(peer.cidr) ? { peer: peer.cidr } : undefined;
  if (peer.kind === 'sg') return undefined;
  const list = model.prefixList(peer.prefixListId);
  if (list?.cidrs === undefined) return { unknownPrefixList: peer.prefixListId };
  return list.cidrs.some(isWorldCidr) ? { peer: peer.prefixListId } : undefined;
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

/** World exposure of one group in one direction, per protocol, with the rules that cause it. */
export function exposedPorts(model: NetworkModel, group: SecurityGroup, direction: Direction): GroupExposure {
  const sources = new Map<Protocol, ExposureSource[]>();
  const unevaluated: string[] = [];
  for (const rule of group.rules) {
    if (rule.direction !== direction) continue;
    const world = worldPeer(model, rule);
    if (world === undefined) continue;
    if ('unknownPrefixList' in world) {
      unevaluated.push(
        `${group.groupId} ${direction} ${describeRule(rule)} references prefix list ${world.unknownPrefixList} ` +
          'whose entries are not loaded: its world exposure is not evaluated',
      );
      continue;
    }
    for (const part of contributions(rule)) {
      const list = sources.get(part.protocol) ?? [];
      list.push({ peer: world.peer, ranges: part.ranges, ...(rule.ruleId ? { ruleId: rule.ruleId } : {}) });
      sources.set(part.protocol, list);
    }
  }
  const entries = new Map<Protocol, ExposedEntry>();
  for (const [protocol, list] of sources) {
    entries.set(protocol, {
      protocol,
      ranges: mergeRanges(list.flatMap((s) => s.ranges ?? [])),
      sources: list,
    });
  }
  return { groupId: group.groupId, direction, entries, unevaluated };
}

const peerOrder = (p: string) => (p === '0.0.0.0/0' ? 0 : p === '::/0' ? 1 : isWorldCidr(p) ? 2 : 3);

/** Distinct world peers of an entry that open any of `ports` (all of its peers when ports are not meaningful). */
export function peersFor(entry: ExposedEntry, ports?: readonly PortRange[]): string[] {
  const peers = new Set<string>();
  for (const source of entry.sources) {
    const opens = !ports || !source.ranges || intersectRanges(source.ranges, ports).length > 0;
    if (opens) peers.add(source.peer);
  }
  return [...peers].sort((a, b) => peerOrder(a) - peerOrder(b) || a.localeCompare(b));
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
    const sources = entry.sources.filter((s) => intersectRanges(s.ranges ?? [], ranges).length > 0);
    entries.set(protocol, { protocol, ranges, sources });
  }
  const known = new Set(before.unevaluated);
  return { ...after, entries, unevaluated: after.unevaluated.filter((u) => !known.has(u)) };
}
