import { describe, expect, it } from 'vitest';
import { parseDocument, parseRecord } from '../../../lambdas/core/events/parse';
import { editedFixture, loadFixture, recordOf } from './fixtures';

describe('parseRecord routing', () => {
  it('reads meta and actor from the record, session issuer and console origin included', () => {
    // Prepare
    const doc = loadFixture('authorize-ingress-sg-ref.eventbridge.json');
    const eventId = recordOf(doc).eventID;

    // Act
    const [event] = parseDocument(doc);

    // Assess
    expect(event?.status).toBe('parsed');
    expect(event?.status === 'parsed' && event.meta).toEqual({
      eventId,
      eventName: 'AuthorizeSecurityGroupIngress',
      eventTime: '2024-05-14T09:12:03Z',
      awsRegion: 'eu-west-1',
      accountId: '123456789012',
      actor: {
        arn: 'arn:aws:sts::123456789012:assumed-role/NetworkAdmin/alice@example.com',
        type: 'AssumedRole',
        principalId: 'AROAEXAMPLENETWOR01:alice@example.com',
        accountId: '123456789012',
        sessionIssuerArn: 'arn:aws:iam::123456789012:role/NetworkAdmin',
        sourceIp: '198.51.100.23',
        userAgent: 'console.ec2.amazonaws.com',
        via: 'console',
      },
    });
  });

  it('falls back to userIdentity.accountId when recipientAccountId is absent', () => {
    // Prepare
    const doc = editedFixture('nacl-entry-delete.json', (r) => {
      delete r.recipientAccountId;
      (r.userIdentity as Record<string, unknown>).accountId = '210987654321';
    });

    // Act
    const [event] = parseDocument(doc);

    // Assess
    expect(event?.status === 'parsed' && event.meta.accountId).toBe('210987654321');
  });

  it('reports a failed call as not-applied with its error code and message', () => {
    // Prepare
    const doc = loadFixture('authorize-ingress-unauthorized.eventbridge.json');

    // Act
    const [event] = parseDocument(doc);

    // Assess
    expect(event?.status).toBe('not-applied');
    expect(event?.status === 'not-applied' && [event.errorCode, event.errorMessage?.slice(0, 49)]).toEqual([
      'Client.UnauthorizedOperation',
      'You are not authorized to perform this operation.',
    ]);
    expect(event?.status === 'not-applied' && event.meta.actor.arn).toContain('assumed-role/ReadOnly/carol');
  });

  it('ignores events from other services, naming the event and its source', () => {
    // Prepare
    const doc = loadFixture('cloudtrail-log-file.json');

    // Act
    const events = parseDocument(doc);

    // Assess
    expect(events[3]).toMatchObject({
      status: 'ignored',
      reason: 'CreateUser comes from "iam.amazonaws.com", not ec2.amazonaws.com',
    });
  });

  it('ignores EC2 events that are not changes it handles, naming the event', () => {
    // Prepare
    const doc = loadFixture('cloudtrail-log-file.json');

    // Act
    const events = parseDocument(doc);

    // Assess
    expect(events[1]).toMatchObject({
      status: 'ignored',
      meta: { eventName: 'DescribeSecurityGroups' },
      reason: 'DescribeSecurityGroups is not a security group, ENI or NACL change',
    });
  });

  it('does not mistake an inherited property name for a supported event', () => {
    // Prepare
    const record = {
      eventSource: 'ec2.amazonaws.com',
      eventName: 'constructor',
      eventID: 'x',
      requestParameters: {},
    };

    // Act
    const event = parseRecord({ path: '$', record });

    // Assess
    expect(event).toMatchObject({
      status: 'ignored',
      reason: 'constructor is not a security group, ENI or NACL change',
    });
  });

  it('reports an unreadable lookup-events entry as invalid at its path', () => {
    // Prepare
    const doc = { Events: [{ CloudTrailEvent: 'not json' }] };

    // Act
    const events = parseDocument(doc);

    // Assess
    expect(events).toEqual([
      { status: 'invalid', path: '$.Events[0].CloudTrailEvent', reason: 'CloudTrailEvent is not valid JSON' },
    ]);
  });

  it('reports an unreadable document as one invalid result', () => {
    // Act
    const events = parseDocument(42);

    // Assess
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ status: 'invalid', path: '$' });
  });

  it('reports a record that is not an object as invalid', () => {
    // Act
    const events = parseDocument({ Records: ['oops'] });

    // Assess
    expect(events).toEqual([
      { status: 'invalid', path: '$.Records[0]', reason: 'record is "oops", expected an object' },
    ]);
  });

  it('reports a supported event without eventID as invalid, keeping the meta it could read', () => {
    // Prepare
    const doc = editedFixture('nacl-entry-delete.json', (r) => {
      delete r.eventID;
    });

    // Act
    const [event] = parseDocument(doc);

    // Assess
    expect(event).toMatchObject({
      status: 'invalid',
      path: '$.eventID',
      reason: 'missing',
      meta: { eventName: 'DeleteNetworkAclEntry', awsRegion: 'eu-west-1', actor: { via: 'cli' } },
    });
  });

  it('reports a missing eventName as invalid at $.eventName', () => {
    // Prepare
    const doc = editedFixture('nacl-entry-delete.json', (r) => {
      r.eventName = 7;
    });

    // Act
    const [event] = parseDocument(doc);

    // Assess
    expect(event).toMatchObject({ status: 'invalid', path: '$.eventName', reason: 'eventName is 7' });
  });

  it('reports a successful call without requestParameters as invalid', () => {
    // Prepare
    const doc = editedFixture('nacl-entry-delete.json', (r) => {
      r.requestParameters = null;
    });

    // Act
    const [event] = parseDocument(doc);

    // Assess
    expect(event).toMatchObject({
      status: 'invalid',
      path: '$.requestParameters',
      reason: 'requestParameters is null',
    });
  });
});
