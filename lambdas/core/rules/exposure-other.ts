import { subtractRanges } from '../util/ports';
import { hasPorts } from '../util/protocol';
import { hitOn, unallowedPorts, withAllTraffic } from './hits';
import { classifiedPorts } from './port-classes';
import type { ExposureContext, RuleHit } from './types';

/**
 * SG-EXPOSURE-OTHER: any other world-open ingress. An all-traffic ('-1') rule is reported once, as all
 * traffic, instead of once per protocol; ports the specific rules claim are left to them.
 */
export function exposureOther(ctx: ExposureContext): RuleHit[] {
  const entries = ctx.exposure.ingress.entries;
  const hits: RuleHit[] = [];
  for (const protocol of entries.keys()) {
    if (protocol === '-1') continue;
    if (!hasPorts(protocol)) {
      hits.push(...hitOn(ctx, 'ingress', protocol));
      continue;
    }
    const ports = subtractRanges(unallowedPorts(ctx, 'ingress', protocol), classifiedPorts(protocol));
    if (ports.length > 0) hits.push(...hitOn(ctx, 'ingress', protocol, ports));
  }
  return entries.has('-1') ? withAllTraffic(ctx, 'ingress', hits) : hits;
}
