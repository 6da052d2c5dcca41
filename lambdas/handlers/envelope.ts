import { parseDocument } from '../core/events/parse';
import type { ParsedEvent } from '../core/events/types';
import * as z from '../core/util/zod-mini';

/**
 * The EventBridge envelope, field for field as Powertools' `EventBridgeSchema`
 * (@aws-lambda-powertools/parser 2.35.0, `schemas/eventbridge`), written with zod mini: Powertools'
 * schema is built with zod's classic API, which the evaluator no longer loads at cold start
 * (lambdas/core/util/zod-mini.ts). A test checks both accept and refuse the same envelopes.
 */
export const EventBridgeEnvelopeSchema = z.object({
  version: z.string(),
  id: z.string(),
  source: z.string(),
  account: z.string(),
  time: z.iso.datetime(),
  region: z.string(),
  resources: z.array(z.string()),
  'detail-type': z.string(),
  detail: z.unknown(),
  'replay-name': z.optional(z.string()),
});

/** Validates the EventBridge envelope and reads the CloudTrail change inside. */
export function readEnvelope(event: unknown): { eventId?: string; events: ParsedEvent[] } {
  const envelope = EventBridgeEnvelopeSchema.safeParse(event);
  if (!envelope.success) {
    const reason = `not an EventBridge event: ${envelope.error.issues[0]?.message ?? 'invalid'}`;
    return { events: [{ status: 'invalid', path: '$', reason }] };
  }
  const eventId = (envelope.data.detail as { eventID?: unknown }).eventID;
  return { eventId: typeof eventId === 'string' ? eventId : undefined, events: parseDocument(event) };
}
