import type { ParsedEvent } from '../events/types';
import type { TimedChange } from './rejects';

/** The applied changes of parsed CloudTrail events, with their time, in time order (others dropped). */
export function timedChanges(events: readonly ParsedEvent[]): TimedChange[] {
  const out: TimedChange[] = [];
  for (const e of events) {
    if (e.status !== 'parsed' || !e.meta.eventTime) continue;
    const ms = Date.parse(e.meta.eventTime);
    if (Number.isNaN(ms)) continue;
    out.push({ time: ms / 1000, meta: e.meta, change: e.change });
  }
  return out.sort((a, b) => a.time - b.time);
}
