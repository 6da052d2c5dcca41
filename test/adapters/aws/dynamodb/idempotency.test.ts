import { ScanCommand } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeEventIdempotent } from '../../../../lambdas/adapters/aws/dynamodb/idempotency';
import { type Dynalite, startDynalite } from '../../../support/dynalite';

let db: Dynalite;
beforeAll(async () => {
  db = await startDynalite();
});
afterAll(async () => {
  await db.close();
});

interface CloudTrailEnvelope {
  readonly id: string;
  readonly detail: { readonly eventID?: string; readonly eventName: string };
}

/** EventBridge wraps the CloudTrail record in `detail`; its own `id` differs per delivery. */
function envelope(eventID: string | undefined, delivery: string): CloudTrailEnvelope {
  return {
    id: delivery,
    detail: { ...(eventID && { eventID }), eventName: 'AuthorizeSecurityGroupIngress' },
  };
}

function lambdaContext(): Context {
  return {
    functionName: 'guardian',
    awsRequestId: 'req-1',
    getRemainingTimeInMillis: () => 30_000,
  } as Context;
}

async function setup(options: { expiresAfterSeconds?: number } = {}) {
  const { idempotency } = await db.freshTables();
  let runs = 0;
  const inner = vi.fn(async (event: CloudTrailEnvelope, _context?: Context) => ({
    eventName: event.detail.eventName,
    run: ++runs,
  }));
  const handle = makeEventIdempotent(inner, { client: db.client, tableName: idempotency, ...options });
  return { inner, handle, table: idempotency };
}

describe('makeEventIdempotent', () => {
  it('runs the function once for an event delivered three times and returns the first result each time', async () => {
    // Prepare
    const { inner, handle } = await setup();

    // Act
    const results = [
      await handle(envelope('ev-1', 'delivery-1'), lambdaContext()),
      await handle(envelope('ev-1', 'delivery-2'), lambdaContext()),
      await handle(envelope('ev-1', 'delivery-3'), lambdaContext()),
    ];

    // Assess
    expect(inner).toHaveBeenCalledTimes(1);
    expect(results).toEqual([1, 1, 1].map((run) => ({ eventName: 'AuthorizeSecurityGroupIngress', run })));
  });

  it('runs the function again for another CloudTrail eventID', async () => {
    // Prepare
    const { inner, handle } = await setup();

    // Act
    const first = await handle(envelope('ev-1', 'delivery-1'), lambdaContext());
    const second = await handle(envelope('ev-2', 'delivery-2'), lambdaContext());

    // Assess
    expect(inner).toHaveBeenCalledTimes(2);
    expect([first.run, second.run]).toEqual([1, 2]);
  });

  it('stores nothing when the function throws, so the retry runs it again', async () => {
    // Prepare
    const { inner, handle } = await setup();
    inner.mockRejectedValueOnce(new Error('EC2 throttled'));

    // Act
    const failing = handle(envelope('ev-1', 'delivery-1'), lambdaContext());
    await expect(failing).rejects.toThrow('EC2 throttled');
    const retried = await handle(envelope('ev-1', 'delivery-2'), lambdaContext());

    // Assess
    expect(inner).toHaveBeenCalledTimes(2);
    expect(retried.run).toBe(1);
  });

  it('passes the Lambda context through and stores the record with its expiration', async () => {
    // Prepare
    const { inner, handle, table } = await setup({ expiresAfterSeconds: 600 });
    const context = lambdaContext();
    const before = Math.floor(Date.now() / 1000);

    // Act
    await handle(envelope('ev-1', 'delivery-1'), context);
    const records = await db.client.send(new ScanCommand({ TableName: table }));

    // Assess
    expect(inner).toHaveBeenCalledWith(envelope('ev-1', 'delivery-1'), context);
    expect(handle.config.lambdaContext).toBe(context);
    expect(records.Items).toHaveLength(1);
    expect(records.Items?.[0]?.status).toEqual({ S: 'COMPLETED' });
    const expiration = Number(records.Items?.[0]?.expiration?.N);
    expect(expiration).toBeGreaterThanOrEqual(before + 600);
    expect(expiration).toBeLessThanOrEqual(before + 602);
  });

  it('runs every time for events without a CloudTrail eventID (e.g. a scheduled sweep)', async () => {
    // Prepare
    const { inner, handle } = await setup();

    // Act
    await handle(envelope(undefined, 'sweep-1'), lambdaContext());
    await handle(envelope(undefined, 'sweep-1'), lambdaContext());

    // Assess
    expect(inner).toHaveBeenCalledTimes(2);
  });
});
