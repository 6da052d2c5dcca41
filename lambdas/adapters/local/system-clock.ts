import type { Clock } from '../../app/ports';

/** The real clock; tests and replays inject a fixed one. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at `iso`, for tests, the demo and replays. */
export function fixedClock(iso: string): Clock {
  const time = new Date(iso);
  return { now: () => new Date(time) };
}
