import type { TimedCall } from './timing-proxy';

/** The q-quantile (0..1) of the values, nearest rank; NaN for none. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export const median = (values: readonly number[]) => quantile(values, 0.5);
export const p90 = (values: readonly number[]) => quantile(values, 0.9);
export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * The calls of one event in sequential stages: a call that starts after every call of the current
 * stage was answered opens the next stage; calls that overlap (sent together) share one.
 */
export function stagesOf(calls: readonly TimedCall[]): TimedCall[][] {
  const stages: TimedCall[][] = [];
  let stageEnd = Number.NEGATIVE_INFINITY;
  for (const call of [...calls].sort((a, b) => a.start - b.start)) {
    const current = stages.at(-1);
    if (current && call.start < stageEnd) {
      current.push(call);
      stageEnd = Math.max(stageEnd, call.end);
    } else {
      stages.push([call]);
      stageEnd = call.end;
    }
  }
  return stages;
}

/** A stage as `A+B` of its actions, e.g. `DescribeSecurityGroups+BatchGetItem`. */
export const stageLabel = (stage: readonly TimedCall[]) => stage.map((c) => c.action).join('+');
