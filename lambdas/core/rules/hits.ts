import type { Direction, Protocol } from '../model/types';
import { intersectRanges, mergeRanges, subtractRanges } from '../util/ports';
import type { ExposureRuleRef, PortRange } from '../verdict/types';
import type { PortClass } from './port-classes';
import type {
  ExposedSegment,
  ExposureContext,
  ExposureSource,
  PublicSpace,
  RuleHit,
  WorldBreadth,
} from './types';

/** Exposed ports of `protocol` in `direction` that no allowPublic entry allows. */
export function unallowedPorts(ctx: ExposureContext, direction: Direction, protocol: Protocol): PortRange[] {
  const entry = ctx.exposure[direction].entries.get(protocol);
  if (!entry) return [];
  return subtractRanges(entry.ranges, ctx.allowed[direction].get(protocol) ?? []);
}

const peerOrder = (p: string) =>
  p === '0.0.0.0/0' ? 0 : p === '::/0' ? 1 : p.startsWith('pl-') ? 4 : p.includes(':') ? 3 : 2;

/** Distinct peers, /0 first, then IPv4, IPv6 and prefix lists. */
export function sortPeers(peers: Iterable<string>): string[] {
  return [...new Set(peers)].sort((a, b) => peerOrder(a) - peerOrder(b) || a.localeCompare(b, 'en'));
}

const ruleRef = (s: ExposureSource): ExposureRuleRef =>
  s.ruleId ? { peer: s.peer, ruleId: s.ruleId } : { peer: s.peer };

const publicSize = (s: PublicSpace) => Number(s.ipv4) + Number(s.ipv6);

/** Segments of one breadth folded into one hit: every peer and rule, the smallest space. */
function fold(
  direction: Direction,
  protocol: Protocol,
  breadth: WorldBreadth,
  parts: readonly { segment: ExposedSegment; ports?: PortRange[] }[],
): RuleHit {
  const sources = parts.flatMap((p) => p.segment.sources);
  const refs = new Map(sources.map((s) => [`${s.peer}|${s.ruleId ?? ''}`, ruleRef(s)]));
  const space = parts
    .map((p) => p.segment.space)
    .reduce((a, b) => (publicSize(b) < publicSize(a) ? b : a));
  const ranges = parts.flatMap((p) => p.ports ?? []);
  return {
    direction,
    protocol,
    ...(ranges.length > 0 ? { ports: mergeRanges(ranges) } : {}),
    peers: sortPeers(sources.map((s) => s.peer)),
    breadth,
    space,
    sources: [...refs.values()].sort(
      (a, b) => peerOrder(a.peer) - peerOrder(b.peer) || a.peer.localeCompare(b.peer, 'en'),
    ),
  };
}

/**
 * Hits on `ports` of `protocol` (all of its exposure when ports are not meaningful): one per breadth,
 * the whole internet first, each with the peers and rules that open those ports.
 */
export function hitOn(
  ctx: ExposureContext,
  direction: Direction,
  protocol: Protocol,
  ports?: readonly PortRange[],
): RuleHit[] {
  const entry = ctx.exposure[direction].entries.get(protocol);
  if (!entry) return [];
  const byBreadth = new Map<WorldBreadth, { segment: ExposedSegment; ports?: PortRange[] }[]>();
  for (const segment of entry.segments) {
    const part = ports ? { segment, ports: intersectRanges(segment.ranges ?? [], ports) } : { segment };
    if (part.ports && part.ports.length === 0) continue;
    byBreadth.set(segment.breadth, [...(byBreadth.get(segment.breadth) ?? []), part]);
  }
  return (['internet', 'wide'] as const).flatMap((breadth) => {
    const parts = byBreadth.get(breadth);
    return parts ? [fold(direction, protocol, breadth, parts)] : [];
  });
}

/** Ingress hits for the unallowed exposed ports that fall into a port class, per protocol and breadth. */
export function portClassHits(ctx: ExposureContext, portClass: PortClass): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const [protocol, classRanges] of portClass) {
    const ports = intersectRanges(unallowedPorts(ctx, 'ingress', protocol), classRanges);
    if (ports.length > 0) hits.push(...hitOn(ctx, 'ingress', protocol, ports));
  }
  return hits;
}

const RANK: Readonly<Record<WorldBreadth, number>> = { internet: 2, wide: 1 };

/**
 * An all-traffic ('-1') exposure is reported once, as all traffic; per-protocol hits are kept only
 * where they reach more of the world than it does (e.g. tcp 443 from 0.0.0.0/0, all traffic from a /8).
 */
export function withAllTraffic(ctx: ExposureContext, direction: Direction, perProtocol: RuleHit[]): RuleHit[] {
  const all = hitOn(ctx, direction, '-1');
  const top = Math.max(0, ...all.map((h) => RANK[h.breadth ?? 'internet']));
  return [...all, ...perProtocol.filter((h) => RANK[h.breadth ?? 'internet'] > top)];
}
