import type { WorldThreshold } from './schema';

// Values of the policy the engine reads at run time, kept out of schema.ts: importing them must not
// build the zod schemas (the evaluator trusts the policy validated at synth: BENCHMARKS.md, Cold start).

/** What counts as the world when guardian.yaml does not say (a /8 of IPv4, a /32 of IPv6). */
export const DEFAULT_WORLD_THRESHOLD: WorldThreshold = { ipv4Prefix: 8, ipv6Prefix: 32 };
