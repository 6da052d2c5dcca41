import { GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { PublishCommand } from '@aws-sdk/client-sns';
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { DynamoDbAuditLog } from '../../lambdas/adapters/aws/dynamodb/dynamodb-audit-log';
import { ledgerKey } from '../../lambdas/adapters/aws/dynamodb/event-ledger';
import { exampleEvent, lambdaContext, startWorld } from './harness';
import { throttleBatchWrites, trackCalls } from './ledger-support';

type World = Awaited<ReturnType<typeof startWorld>>;
let world: World | undefined;

afterEach(async () => {
  await world?.stop();
  world = undefined;
});

async function ready() {
  world = await startWorld();
  await world.sweep();
  return world;
}

const auditOf = (w: World, groupId: string) =>
  new DynamoDbAuditLog({ client: w.dynamo.client, tableName: w.tables.audit }).forGroup(groupId);

/** SNS publishes that were answered (a hung one is not a delivery). */
function countDeliveries(w: World, first: 'hang' | 'deliver' = 'deliver') {
  const delivered = { count: 0 };
  let calls = 0;
  w.sns.on(PublishCommand).callsFake(() => {
    if (++calls === 1 && first === 'hang') return new Promise(() => undefined);
    delivered.count++;
    return Promise.resolve({ MessageId: `m-${calls}` });
  });
  return delivered;
}

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('event ledger: each side effect once across EventBridge retries', () => {
  it('reverts and alerts once when the audit table is throttled after the revert, and audits once it recovers (3 deliveries)', async () => {
    // Prepare
    const w = await ready();
    const event = exampleEvent('05-ssh-open-to-world');
    w.land(event);
    const sns = countDeliveries(w);
    const throttle = throttleBatchWrites(w.clients.dynamodb, w.tables.audit);

    // Act: two deliveries while the audit table is throttled, the third after
    const first = await w.evaluate(event).catch((error: Error) => error);
    const second = await w.evaluate(event).catch((error: Error) => error);
    throttle.heal();
    const third = await w.evaluate(event);
    const repeat = await w.evaluate(event);

    // Assess
    expect(first).toBeInstanceOf(Error);
    expect((first as Error).message).toMatch(/throttled|still unprocessed/);
    expect(second).toBeInstanceOf(Error);
    expect(third.results[0]).toMatchObject({ verdict: 'violation', action: 'revert', revert: 'reverted' });
    expect(repeat).toEqual(third);
    expect(w.ec2.writes.map((x) => x.api)).toEqual(['RevokeSecurityGroupIngress']);
    expect(sns.count).toBe(1);
    expect(w.slack.requests).toHaveLength(1);
    const audited = await auditOf(w, 'sg-0backend123');
    const eventId = (event.detail as { eventID: string }).eventID;
    expect(audited.map((e) => [e.eventId, e.outcome])).toEqual([[eventId, 'reverted']]);
  }, 90_000);

  it('after a crash between the revert and the notifications, a retry notifies once and does not revert again', async () => {
    // Prepare: the first sandbox hangs in the notifications (SNS and the Slack secret never answer)
    const w = await ready();
    const event = exampleEvent('02-open-8080-to-world');
    w.land(event);
    const sns = countDeliveries(w, 'hang');
    w.secrets
      .on(GetSecretValueCommand)
      .callsFakeOnce(() => new Promise(() => undefined))
      .resolves({ SecretString: JSON.stringify({ botToken: 'xoxb-test-token', signingSecret: 's3cr3t' }) });
    const eventId = (event.detail as { eventID: string }).eventID;
    const shortLived = { ...lambdaContext, getRemainingTimeInMillis: () => 50 } as Context;
    void w.evaluate(event, shortLived).catch(() => undefined); // frozen: a Lambda killed at its timeout
    await until(async () => {
      const item = await w.dynamo.client.send(
        new GetItemCommand({ TableName: w.tables.idempotency, Key: ledgerKey(eventId), ConsistentRead: true }),
      );
      return item.Item?.progress !== undefined;
    }, 'the revert to be recorded');
    await new Promise((resolve) => setTimeout(resolve, 80)); // the crashed run's lease expires

    // Act: EventBridge retries; it lands in a new sandbox
    const sandbox = await w.coldStart();
    const retry = await sandbox.evaluate(event);

    // Assess
    expect(retry.results[0]).toMatchObject({ verdict: 'violation', revert: 'reverted' });
    expect(w.ec2.writes.map((x) => x.api)).toEqual(['RevokeSecurityGroupIngress']);
    expect(sns.count).toBe(1);
    expect(w.slack.requests).toHaveLength(1);
    expect((await auditOf(w, 'sg-0backend123')).map((e) => e.outcome)).toEqual(['reverted']);
  }, 90_000);

  it('refuses a concurrent duplicate delivery as in progress (retryable) while the first run works', async () => {
    // Prepare: the first run's SNS publish waits until released
    const w = await ready();
    const event = exampleEvent('02-open-8080-to-world');
    w.land(event);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    w.sns.on(PublishCommand).callsFake(async () => {
      await gate;
      return { MessageId: 'm-1' };
    });
    const first = w.evaluate(event);
    await until(() => w.ec2.writes.length === 1, 'the first run to revert');

    // Act
    const duplicate = await w.evaluate(event).catch((error: Error) => error);
    release();
    const done = await first;

    // Assess
    expect(duplicate).toBeInstanceOf(Error);
    expect((duplicate as Error).name).toBe('EventInProgressError');
    expect((duplicate as Error).message).toMatch(/already being handled by another run/);
    expect(done.results[0]).toMatchObject({ revert: 'reverted' });
    expect(w.ec2.writes).toHaveLength(1);
    expect(w.sns.commandCalls(PublishCommand)).toHaveLength(1);
    expect(w.slack.requests).toHaveLength(1);
  }, 90_000);

  it('makes a warm event in few sequential stages: the claim with the state read, the revert, one final write across the tables', async () => {
    // Prepare: a first event warms the sandbox
    const w = await ready();
    const warmUp = exampleEvent('01-revoke-8080-from-nginx');
    w.land(warmUp);
    await w.evaluate(warmUp);
    const event = exampleEvent('02-open-8080-to-world');
    w.land(event);
    const tracked = trackCalls(w.clients.dynamodb, w.ec2);

    // Act
    const result = await w.evaluate(event).finally(() => tracked.stop());

    // Assess
    expect(result.results[0]).toMatchObject({ revert: 'reverted' });
    const { calls } = tracked;
    const revoke = calls.find((c) => c.operation === 'RevokeSecurityGroupIngress')!;
    const claim = calls.find((c) => c.operation === 'UpdateItem')!;
    const reads = calls.filter((c) => c.service === 'ec2' && c.operation.startsWith('Describe'));
    expect(revoke.stage).toBe(2);
    expect(claim.stage).toBe(1);
    // The state read goes out first (an endpoint serving one request at a time answers it first): the
    // change is judged while the claim is still on its way.
    expect(calls.findIndex((c) => c.operation === 'BatchGetItem')).toBeLessThan(calls.indexOf(claim));
    expect(reads).toEqual([]); // rules added to a known group: judged on the cached prior, nothing read live
    const writes = calls.filter((c) => c.operation === 'BatchWriteItem');
    expect(writes.map((c) => c.tables)).toEqual([[w.tables.audit, w.tables.idempotency, w.tables.state].sort()]);
    expect(writes[0]!.stage).toBe(Math.max(...calls.map((c) => c.stage)));
    const dynamo = calls.filter((c) => c.service === 'dynamodb').map((c) => c.operation);
    expect(dynamo.sort()).toEqual(['BatchGetItem', 'BatchWriteItem', 'UpdateItem', 'UpdateItem']);
  }, 90_000);

  it('reports an event whose eventID no DynamoDB key can hold as invalid: notified once, never reverted, never looping', async () => {
    // Prepare
    const w = await ready();
    const event = exampleEvent('05-ssh-open-to-world');
    const eventId = 'x'.repeat(3000);
    const long = { ...event, detail: { ...(event.detail as object), eventID: eventId } };
    w.land(long);
    const sns = countDeliveries(w);

    // Act
    const first = await w.evaluate(long);
    const again = await w.evaluate(long);

    // Assess
    expect(first.results[0]).toMatchObject({ verdict: 'invalid', action: 'notify' });
    expect(again).toEqual(first);
    expect(w.ec2.writes).toEqual([]);
    expect(sns.count).toBe(1);
    const audited = await w.dynamo.client.send(
      new QueryCommand({
        TableName: w.tables.audit,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: `event#sha256:${await sha256(eventId)}` } },
      }),
    );
    expect(audited.Items).toHaveLength(1);
  }, 90_000);
});

async function sha256(text: string): Promise<string> {
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(text).digest('hex');
}
