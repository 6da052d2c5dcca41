import { describe, expect, it } from 'vitest';
import { extractRecords } from '../../../lambdas/core/events/extract';
import { parseDocument } from '../../../lambdas/core/events/parse';
import { loadFixture, recordOf } from './fixtures';

const bare = { eventSource: 'ec2.amazonaws.com', eventName: 'DeleteNetworkAclEntry', eventID: 'e-1' };

describe('extractRecords', () => {
  it('takes the detail of an EventBridge CloudTrail event at $.detail', () => {
    // Prepare
    const doc = loadFixture('eni-groups-set.eventbridge.json');

    // Act
    const result = extractRecords(doc);

    // Assess
    expect(result).toEqual({ ok: true, records: [{ path: '$.detail', record: recordOf(doc) }] });
  });

  it('takes a bare CloudTrail record at $', () => {
    // Prepare
    const doc = loadFixture('nacl-entry-delete.json');

    // Act
    const result = extractRecords(doc);

    // Assess
    expect(result).toEqual({ ok: true, records: [{ path: '$', record: doc }] });
  });

  it('takes every entry of a log file at $.Records[i]', () => {
    // Prepare
    const doc = loadFixture('cloudtrail-log-file.json') as { Records: unknown[] };

    // Act
    const result = extractRecords(doc);

    // Assess
    expect(result.ok && result.records.map((r) => r.path)).toEqual([
      '$.Records[0]',
      '$.Records[1]',
      '$.Records[2]',
      '$.Records[3]',
    ]);
    expect(result.ok && result.records[2]?.record).toBe(doc.Records[2]);
  });

  it('parses the CloudTrailEvent string of lookup-events output at $.Events[i].CloudTrailEvent', () => {
    // Prepare
    const doc = loadFixture('lookup-events.json') as { Events: { CloudTrailEvent: string }[] };

    // Act
    const result = extractRecords(doc);

    // Assess
    expect(result).toEqual({
      ok: true,
      records: doc.Events.map((e, i) => ({
        path: `$.Events[${i}].CloudTrailEvent`,
        record: JSON.parse(e.CloudTrailEvent),
      })),
    });
  });

  it('marks a CloudTrailEvent that is not JSON as unreadable without dropping the other entries', () => {
    // Prepare
    const doc = {
      Events: [
        { EventId: 'a', CloudTrailEvent: '{"eventName": ' },
        { CloudTrailEvent: JSON.stringify(bare) },
      ],
    };

    // Act
    const result = extractRecords(doc);

    // Assess
    expect(result).toEqual({
      ok: true,
      records: [
        {
          path: '$.Events[0].CloudTrailEvent',
          record: '{"eventName": ',
          unreadable: 'CloudTrailEvent is not valid JSON',
        },
        { path: '$.Events[1].CloudTrailEvent', record: bare },
      ],
    });
  });

  it('marks a lookup-events entry without CloudTrailEvent as unreadable', () => {
    // Prepare
    const doc = { Events: [{ EventId: 'a', EventName: 'DeleteNetworkAclEntry' }] };

    // Act
    const result = extractRecords(doc);

    // Assess
    expect(result).toEqual({
      ok: true,
      records: [
        { path: '$.Events[0].CloudTrailEvent', record: undefined, unreadable: 'CloudTrailEvent is missing' },
      ],
    });
  });

  it('reads an array of mixed documents with paths under $[i]', () => {
    // Prepare
    const envelope = loadFixture('nacl-association-replace.eventbridge.json');
    const doc = [envelope, bare, { Records: [bare, bare] }];

    // Act
    const result = extractRecords(doc);

    // Assess
    expect(result.ok && result.records.map((r) => r.path)).toEqual([
      '$[0].detail',
      '$[1]',
      '$[2].Records[0]',
      '$[2].Records[1]',
    ]);
  });

  it('keeps the readable entries of an array and marks an unrecognised one as unreadable', () => {
    // Prepare
    const doc = [bare, { hello: 'world' }, [bare]];

    // Act
    const result = extractRecords(doc);

    // Assess
    expect(result.ok && result.records.map((r) => [r.path, r.unreadable === undefined])).toEqual([
      ['$[0]', true],
      ['$[1]', false],
      ['$[2]', false],
    ]);
  });

  it.each([
    ['a string', 'hello', '$'],
    ['null', null, '$'],
    ['an unrelated object', { foo: 1 }, '$'],
    ['Records that is not an array', { Records: { items: [] } }, '$.Records'],
    ['Events that is not an array', { Events: 'x' }, '$.Events'],
    [
      'an EventBridge event whose detail is not an object',
      { 'detail-type': 'AWS API Call via CloudTrail', detail: 3 },
      '$.detail',
    ],
    [
      'an EventBridge event of another detail-type',
      { 'detail-type': 'EC2 Instance State-change Notification', detail: {} },
      "$['detail-type']",
    ],
  ])('rejects %s with a path and a reason', (_, doc, path) => {
    // Act
    const result = extractRecords(doc);

    // Assess
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.path).toBe(path);
    expect(!result.ok && result.error.reason.length).toBeGreaterThan(10);
  });

  it('accepts an empty log file and an empty array as no records', () => {
    // Act
    const results = [extractRecords({ Records: [] }), extractRecords([])];

    // Assess
    expect(results).toEqual([
      { ok: true, records: [] },
      { ok: true, records: [] },
    ]);
  });
});

describe('extractRecords on sparse arrays', () => {
  it('reads holes in a Records array as unreadable entries instead of throwing', () => {
    // Prepare: an in-memory document (not from JSON) can carry holes
    const records: unknown[] = [];
    records[1] = { eventSource: 'ec2.amazonaws.com', eventName: 'DescribeInstances' };

    // Act
    const result = parseDocument({ Records: records });

    // Assess
    expect(result).toHaveLength(2);
    expect(result[0]?.status).toBe('invalid');
    expect(result[1]?.status).toBe('ignored');
  });
});
