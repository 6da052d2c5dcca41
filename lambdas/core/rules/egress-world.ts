import { hasPorts } from '../util/protocol';
import { hitOn, unallowedPorts, withAllTraffic } from './hits';
import type { ExposureContext, RuleHit } from './types';

/** SG-EGRESS-WORLD: egress open to the world beyond allowPublic egress entries ('-1' reported once). */
export function egressWorld(ctx: ExposureContext): RuleHit[] {
  const entries = ctx.exposure.egress.entries;
  const hits: RuleHit[] = [];
  for (const protocol of entries.keys()) {
    if (protocol === '-1') continue;
    if (!hasPorts(protocol)) {
      hits.push(...hitOn(ctx, 'egress', protocol));
      continue;
    }
    const ports = unallowedPorts(ctx, 'egress', protocol);
    if (ports.length > 0) hits.push(...hitOn(ctx, 'egress', protocol, ports));
  }
  return entries.has('-1') ? withAllTraffic(ctx, 'egress', hits) : hits;
}
