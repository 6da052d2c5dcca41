import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbAuditLog } from '../../../../lambdas/adapters/aws/dynamodb/dynamodb-audit-log';
import { DynamoDbEventLedger, ledgerKey } from '../../../../lambdas/adapters/aws/dynamodb/event-ledger';
import { EventInProgressError } from '../../../../lambdas/app/ledger';
import type { AuditEntry, RevertOutcome } from '../../../../lambdas/app/ports';
import { type Dynalite, startDynalite } from '../../../support/dynalite';

let db: Dynalite;
beforeAll(async () => {
  db = await startDynalite();
});
afterAll(async () => {
  await db.close();
});

const T0 = new Date('2026-12-02T10:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const REVERTED: RevertOutcome = { status: 'reverted', steps: [] };

async function setup() {
  const tables = await db.freshTables();
  let now = T0;
  const ledger = new DynamoDbEventLedger({ client: db.client, tableName: tables.idempotency, clock: () => now });
  const audit = new DynamoDbAuditLog({ client: db.client, tableName: tables.audit });
  return { tables, ledger, audit, at: (t: Date) => (now = t) };
}

function entry(eventId: string): AuditEntry {
  return {
    eventId,
    eventName: 'AuthorizeSecurityGroupIngress',
    recordedAt: T0.toISOString(),
    groupIds: ['sg-0backend123'],
    verdict: 'violation',
    findings: [],
    action: 'revert',
    mode: 'enforce',
  };
}

describe('DynamoDbEventLedger on dynalite', () => {
  it('claims a new event with nothing done yet', async () => {
    // Prepare
    const { ledger } = await setup();

    // Act
    const claim = await ledger.claim('ev-1', minutes(1));

    // Assess
    expect(claim).toEqual({ status: 'claimed', progress: {} });
  });

  it('refuses a second claim while the first lease runs, as retryable', async () => {
    // Prepare
    const { ledger } = await setup();
    await ledger.claim('ev-1', minutes(1));

    // Act
    const refused = await ledger.claim('ev-1', minutes(2)).catch((error: unknown) => error);

    // Assess
    expect(refused).toBeInstanceOf(EventInProgressError);
    expect((refused as EventInProgressError).retryable).toBe(true);
    expect((refused as Error).message).toMatch(/ev-1 is already being handled .*2026-12-02T10:01:00.000Z/);
  });

  it('takes over an expired lease and is told what the crashed run recorded', async () => {
    // Prepare
    const { ledger, at } = await setup();
    await ledger.claim('ev-1', minutes(1));
    await ledger.record('ev-1', { revert: REVERTED }, { release: false });
    at(minutes(2));

    // Act
    const claim = await ledger.claim('ev-1', minutes(3));

    // Assess
    expect(claim).toEqual({ status: 'claimed', progress: { revert: REVERTED } });
  });

  it('lets a retry resume at once after a run released its claim with its progress', async () => {
    // Prepare
    const { ledger } = await setup();
    await ledger.claim('ev-1', minutes(10));
    await ledger.record('ev-1', { revert: REVERTED, notified: { sns: '' } }, { release: true });

    // Act
    const claim = await ledger.claim('ev-1', minutes(10));

    // Assess
    expect(claim).toEqual({ status: 'claimed', progress: { revert: REVERTED, notified: { sns: '' } } });
  });

  it('sends the held audit writes and the completion in one BatchWriteItem, then answers repeats with the result', async () => {
    // Prepare
    const { ledger, audit, tables } = await setup();
    const batches: string[][] = [];
    db.client.middlewareStack.add(
      (next) => async (args) => {
        const input = (args as { input: { RequestItems?: object } }).input;
        if (input.RequestItems && 'RequestItems' in input) batches.push(Object.keys(input.RequestItems).sort());
        return next(args);
      },
      { step: 'initialize', name: 'countBatches' },
    );
    await ledger.claim('ev-1', minutes(1));

    // Act
    try {
      await ledger.complete('ev-1', { progress: { revert: REVERTED }, result: { status: 'judged' } }, () =>
        audit.record(entry('ev-1')),
      );
    } finally {
      db.client.middlewareStack.remove('countBatches');
    }
    const repeat = await ledger.claim('ev-1', minutes(1));

    // Assess
    expect(batches).toEqual([[tables.audit, tables.idempotency].sort()]);
    expect(await audit.forGroup('sg-0backend123')).toEqual([entry('ev-1')]);
    expect(repeat).toEqual({ status: 'completed', result: { status: 'judged' } });
  });

  it('reopens a completed event when its progress is recorded again (a final write that partly failed)', async () => {
    // Prepare
    const { ledger } = await setup();
    await ledger.claim('ev-1', minutes(1));
    await ledger.complete('ev-1', { progress: { revert: REVERTED }, result: { status: 'judged' } }, async () => undefined);

    // Act
    await ledger.record('ev-1', { revert: REVERTED }, { release: true });
    const claim = await ledger.claim('ev-1', minutes(1));

    // Assess
    expect(claim).toEqual({ status: 'claimed', progress: { revert: REVERTED } });
  });

  it('keys an eventID too long for a DynamoDB key by its SHA-256, so it can still be claimed', async () => {
    // Prepare
    const { ledger, tables } = await setup();
    const eventId = 'e'.repeat(3000);

    // Act
    const first = await ledger.claim(eventId, minutes(1));
    const stored = await db.client.send(new GetItemCommand({ TableName: tables.idempotency, Key: ledgerKey(eventId) }));

    // Assess
    expect(first.status).toBe('claimed');
    expect(stored.Item?.id?.S).toMatch(/^event#sha256:[0-9a-f]{64}$/);
  });

  it('writes nothing of the held writes when the work fails before the completion', async () => {
    // Prepare
    const { ledger, audit } = await setup();
    await ledger.claim('ev-1', minutes(1));
    const sent: unknown[] = [];
    db.client.middlewareStack.add(
      (next) => async (args) => {
        if ((args as { input: object }).input && 'RequestItems' in (args as { input: object }).input) sent.push(args);
        return next(args);
      },
      { step: 'initialize', name: 'watch' },
    );

    // Act
    const failure = await ledger
      .complete('ev-1', { progress: {}, result: {} }, async () => {
        await audit.record(entry('ev-1'));
        throw new Error('state could not be built');
      })
      .catch((error: Error) => error)
      .finally(() => db.client.middlewareStack.remove('watch'));

    // Assess
    expect(failure).toBeInstanceOf(Error);
    expect(sent).toEqual([]);
    expect(await audit.forGroup('sg-0backend123')).toEqual([]);
  });
});
