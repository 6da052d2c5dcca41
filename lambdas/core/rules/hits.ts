import type { Direction, Protocol } from '../model/types';
import { intersectRanges, subtractRanges } from '../util/ports';
import type { PortRange } from '../verdict/types';
import { peersFor } from './exposure';
import type { PortClass } from './port-classes';
import type { ExposureContext, RuleHit } from './types';

/** Exposed ports of `protocol` in `direction` that no allowPublic entry allows. */
export function unallowedPorts(ctx: ExposureContext, direction: Direction, protocol: Protocol): PortRange[] {
  const entry = ctx.exposure[direction].entries.get(protocol);
  if (!entry) return [];
  return subtractRanges(entry.ranges, ctx.allowed[direction].get(protocol) ?? []);
}

/** A hit on `ports` of `protocol`, with the peers that open them. */
export function hitOn(
  ctx: ExposureContext,
  direction: Direction,
  protocol: Protocol,
  ports?: readonly PortRange[],
): RuleHit {
  const entry = ctx.exposure[direction].entries.get(protocol);
  const peers = entry ? peersFor(entry, ports) : [];
  return ports ? { direction, protocol, ports, peers } : { direction, protocol, peers };
}

/** Ingress hits for the unallowed exposed ports that fall into a port class, one per protocol. */
export function portClassHits(ctx: ExposureContext, portClass: PortClass): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const [protocol, classRanges] of portClass) {
    const ports = intersectRanges(unallowedPorts(ctx, 'ingress', protocol), classRanges);
    if (ports.length > 0) hits.push(hitOn(ctx, 'ingress', protocol, ports));
  }
  return hits;
}
