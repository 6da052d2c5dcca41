import type { Change, ParsedEvent } from '../core/events/types';
import { sha256Hex } from '../core/util/sha256';
import type { StorageCheck } from './ledger-ports';

/**
 * The event, or — when its eventID or a resource id it names is longer than the stores can key — the
 * same event as `invalid` (notified, never judged nor reverted). Its eventID, when that is what is too
 * long, is replaced by `sha256:<hex>` of itself so that the audit of the invalid event can be stored.
 * Without the check the event is returned as is.
 */
export function storableEvent(event: ParsedEvent, check: StorageCheck | undefined): ParsedEvent {
  if (!check) return event;
  const eventId = event.meta?.eventId;
  const problem = check({ eventId, resourceIds: event.status === 'parsed' ? namedIds(event.change) : [] });
  if (!problem) return event;
  const idTooLong = eventId !== undefined && check({ eventId, resourceIds: [] }) !== undefined;
  return {
    status: 'invalid',
    meta: { ...event.meta, ...(idTooLong && { eventId: `sha256:${sha256Hex(eventId)}` }) },
    path: idTooLong ? '$.detail.eventID' : '$.detail.requestParameters',
    reason: `cannot be stored: ${problem}`,
  };
}

/** Every resource id the change names: strings under a key ending in `Id`, or in an array under one ending in `Ids`. */
export function namedIds(change: Change): string[] {
  const ids = new Set<string>();
  const visit = (value: unknown, key: string): void => {
    if (typeof value === 'string') {
      if (/Ids?$/.test(key)) ids.add(value);
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item, key);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) visit(v, k);
    }
  };
  visit(change, '');
  return [...ids];
}
