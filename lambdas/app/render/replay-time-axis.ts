const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Tick spacings, shortest first: the first that gives at most `maxTicks` ticks is used. */
const STEPS = [
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
  30 * DAY,
  60 * DAY,
  91 * DAY,
  182 * DAY,
  364 * DAY,
] as const;

export interface TimeTick {
  /** Epoch milliseconds, a whole multiple of the step in UTC (round quarter hours, hours, midnights). */
  readonly at: number;
  /** `03:00`, `11-21 00:00` where a new day starts, `2026-11-21` for steps of a day or more. */
  readonly label: string;
}

/**
 * Ticks for a time axis from `start` to `end` (epoch ms): on round UTC quarter hours, hours or days as
 * the span needs, at most `maxTicks` of them. Each label names the date wherever a new day starts.
 */
export function timeTicks(start: number, end: number, maxTicks = 8): TimeTick[] {
  if (!(end > start)) return [];
  const fits = (s: number) => Math.floor(end / s) - Math.ceil(start / s) + 1 <= maxTicks;
  const step = STEPS.find(fits) ?? longStep(start, end, maxTicks);
  const ticks: TimeTick[] = [];
  let previousDay: string | undefined;
  for (let at = Math.ceil(start / step) * step; at <= end; at += step) {
    const iso = new Date(at).toISOString();
    const day = iso.slice(0, 10);
    const time = iso.slice(11, 16);
    const label = step >= DAY ? day : day !== previousDay ? `${iso.slice(5, 10)} ${time}` : time;
    ticks.push({ at, label });
    previousDay = day;
  }
  return ticks;
}

/** Spans longer than the last step: whole multiples of a year. */
function longStep(start: number, end: number, maxTicks: number): number {
  const year = 364 * DAY;
  return Math.ceil((end - start) / year / maxTicks) * year;
}
