import { readFileSync } from 'node:fs';
import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/eventbridge';
import { describe, expect, it } from 'vitest';
import { EventBridgeEnvelopeSchema, readEnvelope } from '../../lambdas/handlers/envelope';

/** A CloudTrail fixture as EventBridge delivers it (test/events/SOURCES.md). */
const DELIVERED = JSON.parse(readFileSync('test/events/authorize-ingress-sg-ref.eventbridge.json', 'utf8')) as Record<
  string,
  unknown
>;

/** Envelopes Powertools' schema accepts or refuses, each changed in one field. */
const ENVELOPES: readonly (readonly [string, unknown])[] = [
  ['as delivered', DELIVERED],
  ['replayed (replay-name)', { ...DELIVERED, 'replay-name': 'replay-1' }],
  ['without time', { ...DELIVERED, time: undefined }],
  ['with a time that is not ISO 8601', { ...DELIVERED, time: '2 December 2026' }],
  ['with resources not a list', { ...DELIVERED, resources: 'arn:aws:ec2:eu-west-1:123456789012:sg' }],
  ['with a numeric account', { ...DELIVERED, account: 123456789012 }],
  ['without detail-type', { ...DELIVERED, 'detail-type': undefined }],
  ['not an object', 'AWS API Call via CloudTrail'],
];

describe('readEnvelope', () => {
  it.each(ENVELOPES)('accepts or refuses an envelope %s as Powertools does', (_name, envelope) => {
    // Act
    const ours = EventBridgeEnvelopeSchema.safeParse(envelope);
    const powertools = EventBridgeSchema.safeParse(envelope);

    // Assess
    expect(ours.success).toBe(powertools.success);
    expect(ours.error?.issues.map((i) => [i.path, i.code, i.message])).toEqual(powertools.error?.issues.map((i) => [i.path, i.code, i.message]));
  });

  it('reads the CloudTrail event id and the change inside a delivered event', () => {
    // Act
    const read = readEnvelope(DELIVERED);

    // Assess
    expect(read.eventId).toBe((DELIVERED.detail as { eventID: string }).eventID);
    expect(read.events.map((e) => e.status)).not.toContain('invalid');
  });

  it('reads an envelope without a time as one invalid event, saying why', () => {
    // Act
    const read = readEnvelope({ ...DELIVERED, time: undefined });

    // Assess
    expect(read.eventId).toBeUndefined();
    expect(read.events).toEqual([{ status: 'invalid', path: '$', reason: expect.stringMatching(/^not an EventBridge event: /) }]);
  });
});
