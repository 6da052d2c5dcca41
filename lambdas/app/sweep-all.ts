import { type SweepDeps, type SweepResult, sweep } from './sweep';

/** One account and region to sweep, with the pipeline that acts there. */
export interface SweepTarget {
  readonly accountId?: string;
  readonly region?: string;
  deps(): SweepDeps;
}

export type TargetOutcome =
  | ({ readonly scope: string; readonly status: 'swept' } & SweepResult)
  | { readonly scope: string; readonly status: 'failed'; readonly error: string };

export interface SweepAllResult {
  readonly targets: readonly TargetOutcome[];
  readonly drifted: number;
  readonly violations: number;
  /** Targets that could not be swept (e.g. a member role that cannot be assumed); the others still are. */
  readonly failed: number;
}

/**
 * Sweeps every account and region, a few at a time. A target that fails (access denied, throttling
 * beyond the SDK's retries) is reported and never stops the others.
 */
export async function sweepAll(targets: readonly SweepTarget[], concurrency = 4): Promise<SweepAllResult> {
  const outcomes: TargetOutcome[] = new Array(targets.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < targets.length; i = next++) outcomes[i] = await sweepOne(targets[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker));
  const swept = outcomes.filter((o) => o.status === 'swept');
  return {
    targets: outcomes,
    drifted: swept.reduce((n, o) => n + o.drifted, 0),
    violations: swept.reduce((n, o) => n + o.violations, 0),
    failed: outcomes.length - swept.length,
  };
}

async function sweepOne(target: SweepTarget): Promise<TargetOutcome> {
  const scope = `${target.accountId ?? 'home'}/${target.region ?? 'home'}`;
  try {
    const result = await sweep(target.deps(), target);
    return { scope, status: 'swept', ...result };
  } catch (error) {
    return { scope, status: 'failed', error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}
