import { portClassHits } from './hits';
import { INTERNAL_APP_PORTS } from './port-classes';
import type { ExposureContext, RuleHit } from './types';

/** SG-EXPOSURE-INTERNAL-APP: an application server, dashboard or control-plane port open to the world. */
export function exposureInternalApp(ctx: ExposureContext): RuleHit[] {
  return portClassHits(ctx, INTERNAL_APP_PORTS);
}
