import { GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLogError, DynamoDbAuditLog } from '../../../../lambdas/adapters/aws/dynamodb/dynamodb-audit-log';
import type { AuditEntry } from '../../../../lambdas/app/ports';
import { type Dynalite, startDynalite } from '../../../support/dynalite';

let db: Dynalite;
beforeAll(async () => {
  db = await startDynalite();
});
afterAll(async () => {
  await db.close();
});

const NOW = new Date('2026-11-20T20:00:00Z');
const NOW_SECONDS = Math.floor(NOW.getTime() / 1000);

async function freshLog(ttlDays?: number) {
  const { audit } = await db.freshTables();
  const log = new DynamoDbAuditLog({
    client: db.client,
    tableName: audit,
    clock: () => NOW,
    ...(ttlDays !== undefined && { ttlDays }),
  });
  return { log, table: audit };
}

function auditEntry(eventId: string, recordedAt: string, groupIds: string[]): AuditEntry {
  return {
    eventId,
    eventName: 'AuthorizeSecurityGroupIngress',
    eventTime: recordedAt,
    recordedAt,
    accountId: '123456789012',
    region: 'eu-west-1',
    groupIds,
    actor: {
      arn: 'arn:aws:iam::123456789012:user/alice',
      type: 'IAMUser',
      sourceIp: '203.0.113.45',
      via: 'console',
    },
    verdict: 'violation',
    reason: 'opens ssh to the world',
    findings: [
      { id: 'exposure:sg-1:tcp/22', kind: 'exposure', severity: 'critical', title: 'ssh open to 0.0.0.0/0' },
    ],
    action: 'revert',
    outcome: 'reverted',
    outcomeDetail: '1 step applied',
    mode: 'enforce',
  };
}

describe('DynamoDbAuditLog', () => {
  it('returns a recorded entry whole for each group it touched', async () => {
    // Prepare
    const { log } = await freshLog();
    const entry = {
      ...auditEntry('ev-1', '2026-11-20T19:00:00.000Z', ['sg-a', 'sg-b']),
      approver: 'U123 (bob)',
    };

    // Act
    await log.record(entry);

    // Assess
    expect(await log.forGroup('sg-a')).toStrictEqual([entry]);
    expect(await log.forGroup('sg-b')).toStrictEqual([entry]);
    expect(await log.forGroup('sg-other')).toEqual([]);
  });

  it("lists a group's entries newest first, whatever order they were recorded in", async () => {
    // Prepare
    const { log } = await freshLog();
    const e1 = auditEntry('ev-1', '2026-11-20T10:00:00.000Z', ['sg-a', 'sg-b']);
    const e2 = auditEntry('ev-2', '2026-11-20T11:00:00.000Z', ['sg-b']);
    const e3 = auditEntry('ev-3', '2026-11-20T12:00:00Z', ['sg-a', 'sg-c']);
    const e4 = auditEntry('ev-4', '2026-11-20T12:00:00.500Z', ['sg-a']);

    // Act
    for (const entry of [e3, e1, e4, e2]) await log.record(entry);

    // Assess
    expect((await log.forGroup('sg-a')).map((e) => e.eventId)).toEqual(['ev-4', 'ev-3', 'ev-1']);
    expect((await log.forGroup('sg-b')).map((e) => e.eventId)).toEqual(['ev-2', 'ev-1']);
    expect((await log.forGroup('sg-c')).map((e) => e.eventId)).toEqual(['ev-3']);
  });

  it('returns only the newest `limit` entries', async () => {
    // Prepare
    const { log } = await freshLog();
    for (let hour = 10; hour < 17; hour++)
      await log.record(auditEntry(`ev-${hour}`, `2026-11-20T${hour}:00:00.000Z`, ['sg-a']));

    // Act
    const newest = await log.forGroup('sg-a', 3);

    // Assess
    expect(newest.map((e) => e.eventId)).toEqual(['ev-16', 'ev-15', 'ev-14']);
  });

  it('keeps every record of one event as history and finds them under event#<eventId>', async () => {
    // Prepare
    const { log, table } = await freshLog();
    const flagged = { ...auditEntry('ev-1', '2026-11-20T10:00:00.000Z', ['sg-a']), action: 'notify' };
    const approved = {
      ...flagged,
      recordedAt: '2026-11-20T10:05:00.000Z',
      action: 'approved-revert',
      approver: 'bob',
    };

    // Act
    await log.record(flagged);
    await log.record(approved);
    const events = await db.client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: 'event#ev-1' } },
      }),
    );

    // Assess
    expect((await log.forGroup('sg-a')).map((e) => e.action)).toEqual(['approved-revert', 'notify']);
    expect(events.Items?.map((i) => i.sk?.S)).toEqual([
      '2026-11-20T10:00:00.000Z',
      '2026-11-20T10:05:00.000Z',
    ]);
  });

  it('sets expiresAt to the record time plus ttlDays, in epoch seconds (365 days by default)', async () => {
    // Prepare
    const thirty = await freshLog(30);
    const byDefault = await freshLog();
    const entry = auditEntry('ev-1', '2026-11-20T10:00:00.000Z', ['sg-a']);
    const key = { pk: { S: 'group#sg-a' }, sk: { S: '2026-11-20T10:00:00.000Z#ev-1' } };

    // Act
    await thirty.log.record(entry);
    await byDefault.log.record(entry);
    const short = await db.client.send(new GetItemCommand({ TableName: thirty.table, Key: key }));
    const long = await db.client.send(new GetItemCommand({ TableName: byDefault.table, Key: key }));

    // Assess
    expect(short.Item?.expiresAt).toEqual({ N: String(NOW_SECONDS + 30 * 86_400) });
    expect(long.Item?.expiresAt).toEqual({ N: String(NOW_SECONDS + 365 * 86_400) });
  });

  it('records an entry without groups under its event only', async () => {
    // Prepare
    const { log, table } = await freshLog();

    // Act
    await log.record(auditEntry('ev-nacl', '2026-11-20T10:00:00.000Z', []));
    const item = await db.client.send(
      new GetItemCommand({
        TableName: table,
        Key: { pk: { S: 'event#ev-nacl' }, sk: { S: '2026-11-20T10:00:00.000Z' } },
      }),
    );

    // Assess
    expect(item.Item?.eventId).toEqual({ S: 'ev-nacl' });
  });

  it('rejects an unreadable recordedAt, a bad limit and a non-positive ttlDays', async () => {
    // Prepare
    const { log } = await freshLog();

    // Act
    const recording = log.record(auditEntry('ev-1', 'yesterday', ['sg-a']));
    const listing = log.forGroup('sg-a', 0);

    // Assess
    await expect(recording).rejects.toThrow(AuditLogError);
    await expect(listing).rejects.toThrow(/limit/);
    expect(() => new DynamoDbAuditLog({ client: db.client, tableName: 'x', ttlDays: 0 })).toThrow(
      AuditLogError,
    );
  });
});
