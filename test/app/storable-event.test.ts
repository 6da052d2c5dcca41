import { describe, expect, it } from 'vitest';
import { dynamoDbStorageCheck } from '../../lambdas/adapters/aws/dynamodb/dynamodb-key-limits';
import { namedIds, storableEvent } from '../../lambdas/app/storable-event';
import type { ParsedEvent } from '../../lambdas/core/events/types';
import { sha256Hex } from '../../lambdas/core/util/sha256';

const meta = {
  eventId: 'ev-1',
  eventName: 'AuthorizeSecurityGroupIngress',
  eventTime: '2026-12-02T10:00:00Z',
  accountId: '123456789012',
  awsRegion: 'eu-west-1',
  actor: { type: 'IAMUser', arn: 'arn:aws:iam::123456789012:user/alice' },
} as const;

function opened(groupId: string, eventId = 'ev-1'): ParsedEvent {
  return {
    status: 'parsed',
    meta: { ...meta, eventId } as never,
    change: { kind: 'sg-rules-added', groupId, direction: 'ingress', rules: [] } as never,
  };
}

describe('events whose ids DynamoDB cannot key', () => {
  it.each([
    { name: 'an ordinary event', event: opened('sg-0backend123'), invalid: false },
    { name: 'an eventID of 999 bytes (the audit sort key is then exactly 1024)', event: opened('sg-1', 'e'.repeat(999)), invalid: false },
    { name: 'an eventID of 1000 bytes', event: opened('sg-1', 'e'.repeat(1000)), invalid: true },
    { name: 'a group id of 3000 bytes', event: opened(`sg-${'a'.repeat(2997)}`), invalid: true },
    { name: 'a group id of 1000 multi-byte characters (3000 bytes)', event: opened(`sg-${'€'.repeat(1000)}`), invalid: true },
  ])('$name: invalid = $invalid', ({ event, invalid }) => {
    // Act
    const checked = storableEvent(event, dynamoDbStorageCheck);

    // Assess
    expect(checked.status === 'invalid').toBe(invalid);
    if (!invalid) expect(checked).toBe(event);
  });

  it('replaces an eventID too long to key by its SHA-256 and names the field', () => {
    // Prepare
    const eventId = 'e'.repeat(3000);

    // Act
    const checked = storableEvent(opened('sg-1', eventId), dynamoDbStorageCheck);

    // Assess
    expect(checked).toMatchObject({
      status: 'invalid',
      path: '$.detail.eventID',
      meta: { eventId: `sha256:${sha256Hex(eventId)}`, eventName: 'AuthorizeSecurityGroupIngress' },
    });
    expect(checked.status === 'invalid' && checked.reason).toMatch(/eventID is 3000 bytes.*1024/);
  });

  it('keeps the eventID when a resource id is what is too long', () => {
    // Act
    const checked = storableEvent(opened(`sg-${'a'.repeat(2997)}`), dynamoDbStorageCheck);

    // Assess
    expect(checked).toMatchObject({ status: 'invalid', path: '$.detail.requestParameters', meta: { eventId: 'ev-1' } });
    expect(checked.status === 'invalid' && checked.reason).toMatch(/resource id "sg-a+…" is 3000 bytes.*2048/);
  });

  it('collects the ids a change names, nested and in lists', () => {
    // Act
    const ids = namedIds({
      kind: 'eni-groups-set',
      eniId: 'eni-1',
      groupIds: ['sg-1', 'sg-2'],
      description: 'not an id',
    } as never);

    // Assess
    expect(ids).toEqual(['eni-1', 'sg-1', 'sg-2']);
  });
});
