import { portClassHits } from './hits';
import { ADMIN_PORTS } from './port-classes';
import type { ExposureContext, RuleHit } from './types';

/** SG-EXPOSURE-ADMIN: SSH or RDP open to the world. */
export function exposureAdmin(ctx: ExposureContext): RuleHit[] {
  return portClassHits(ctx, ADMIN_PORTS);
}
