import { EC2ServiceException } from '@aws-sdk/client-ec2';
import { PublishCommand } from '@aws-sdk/client-sns';
import { afterEach, describe, expect, it } from 'vitest';
import { DynamoDbAuditLog } from '../../lambdas/adapters/aws/dynamodb/dynamodb-audit-log';
import type { Change } from '../../lambdas/core/events/types';
import { applyChange } from '../../lambdas/core/state/apply-change';
import { exampleEvent, startWorld } from './harness';

type World = Awaited<ReturnType<typeof startWorld>>;
let world: World | undefined;

afterEach(async () => {
  await world?.stop();
  world = undefined;
});

async function ready(options: Parameters<typeof startWorld>[0] = {}) {
  world = await startWorld(options);
  await world.sweep();
  return world;
}

describe('faults', () => {
  it('still reverts and still publishes to SNS when Slack answers 500, and audits the failed channel', async () => {
    // Prepare
    const w = await ready({ slack: () => ({ status: 500, body: { ok: false, error: 'internal_error' } }) });
    const event = exampleEvent('05-ssh-open-to-world');
    w.land(event);

    // Act
    const result = await w.evaluate(event);

    // Assess
    expect(result.results[0]).toMatchObject({ verdict: 'violation', revert: 'reverted' });
    expect(w.ec2.writes.map((x) => x.api)).toEqual(['RevokeSecurityGroupIngress']);
    expect(w.sns.commandCalls(PublishCommand)).toHaveLength(1);
    const [entry] = await new DynamoDbAuditLog({
      client: w.dynamo.client,
      tableName: w.tables.audit,
    }).forGroup('sg-0backend123');
    expect(entry?.outcomeDetail).toMatch(/notification failed \(slack: /);
  });

  it('still reverts and still posts to Slack when SNS fails', async () => {
    // Prepare
    const w = await ready();
    w.sns.on(PublishCommand).rejects(new Error('KMS key disabled'));
    const event = exampleEvent('02-open-8080-to-world');
    w.land(event);

    // Act
    const result = await w.evaluate(event);

    // Assess
    expect(result.results[0]).toMatchObject({ revert: 'reverted' });
    expect(w.slack.requests).toHaveLength(1);
  });

  it('still reverts when Slack never answers (timeout)', async () => {
    // Prepare
    const w = await ready({ slack: () => 'hang' });
    const event = exampleEvent('01-revoke-8080-from-nginx');
    w.land(event);

    // Act
    const result = await w.evaluate(event);

    // Assess
    expect(result.results[0]).toMatchObject({ revert: 'reverted' });
    expect(w.ec2.writes).toHaveLength(1);
  }, 60_000);

  it('throws (so EventBridge retries, then the DLQ) when EC2 reads fail, reverts nothing, and lets the retry run', async () => {
    // Prepare
    const w = await ready();
    const event = exampleEvent('01-revoke-8080-from-nginx');
    w.land(event);
    const unavailable = new EC2ServiceException({
      name: 'Unavailable',
      message: 'service unavailable',
      $fault: 'server',
      $metadata: { httpStatusCode: 503 },
    });
    w.ec2.failGroupReads(unavailable);

    // Act
    const failure = await w.evaluate(event).catch((error: Error) => error);

    // Assess
    expect(failure).toBeInstanceOf(Error);
    expect(w.ec2.writes).toEqual([]);
    expect(w.sns.commandCalls(PublishCommand)).toHaveLength(0);

    // Act: EC2 is back; EventBridge retries the same event
    w.ec2.heal();
    const retry = await w.evaluate(event);

    // Assess: the idempotency record of the failed run did not block the retry
    expect(retry.results[0]).toMatchObject({ verdict: 'violation', revert: 'reverted' });
    expect(w.ec2.writes).toHaveLength(1);
  });
});

describe('concurrent changes on one resource', () => {
  it('does not undo a later change: a revert of a superseded ENI change is skipped', async () => {
    // Prepare: the stale SG lands, then someone fixes it by hand before the guardian acts
    const w = await ready();
    const event = exampleEvent('03-stale-sg-on-secondary-eni');
    w.land(event);
    const fixedByHand: Change = {
      kind: 'eni-groups-set',
      eniId: 'eni-0backend2b',
      groupIds: ['sg-0legacy789', 'sg-0backend123'],
    };
    w.ec2.model = applyChange(w.ec2.model, fixedByHand).model;

    // Act
    const result = await w.evaluate(event);

    // Assess
    expect(result.results[0]).toMatchObject({ verdict: 'violation', action: 'revert', revert: 'skipped' });
    expect(w.ec2.writes).toEqual([]);
    expect(w.ec2.model.eni('eni-0backend2b')?.groupIds).toEqual(['sg-0legacy789', 'sg-0backend123']);
  });

  it('treats a rule already revoked by someone else as done, not as a failure', async () => {
    // Prepare: 22 opened, then closed by its author before the guardian acts
    const w = await ready();
    const event = exampleEvent('05-ssh-open-to-world');
    w.land(event);
    const closed: Change = {
      kind: 'sg-rules-removed',
      groupId: 'sg-0backend123',
      direction: 'ingress',
      rules: [],
      ruleIds: ['sgr-0a41d7c3e9b2f5802', 'sgr-0a41d7c3e9b2f5803'],
    };
    w.ec2.model = applyChange(w.ec2.model, closed).model;

    // Act
    const result = await w.evaluate(event);

    // Assess
    expect(result.results[0]).toMatchObject({ revert: 'reverted' });
    expect(w.ec2.writes.map((x) => x.api)).toEqual(['RevokeSecurityGroupIngress']);
  });
});
