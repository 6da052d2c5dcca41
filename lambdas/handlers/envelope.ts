import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/eventbridge';
import { parseDocument } from '../core/events/parse';
import type { ParsedEvent } from '../core/events/types';

/** Validates the EventBridge envelope (Powertools parser) and reads the CloudTrail change inside. */
export function readEnvelope(event: unknown): { eventId?: string; events: ParsedEvent[] } {
  const envelope = EventBridgeSchema.safeParse(event);
  if (!envelope.success) {
    const reason = `not an EventBridge event: ${envelope.error.issues[0]?.message ?? 'invalid'}`;
    return { events: [{ status: 'invalid', path: '$', reason }] };
  }
  const eventId = (envelope.data.detail as { eventID?: unknown }).eventID;
  return { eventId: typeof eventId === 'string' ? eventId : undefined, events: parseDocument(event) };
}
