import { portClassHits } from './hits';
import { DATABASE_PORTS } from './port-classes';
import type { ExposureContext, RuleHit } from './types';

/** SG-EXPOSURE-DATABASE: a database, cache or search port open to the world. */
export function exposureDatabase(ctx: ExposureContext): RuleHit[] {
  return portClassHits(ctx, DATABASE_PORTS);
}
