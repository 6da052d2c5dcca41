import { PublishCommand } from '@aws-sdk/client-sns';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbAuditLog } from '../../lambdas/adapters/aws/dynamodb/dynamodb-audit-log';
import { loadSnapshotModel } from '../../lambdas/adapters/files/snapshot-files';
import { checkAccount } from '../../lambdas/app/check-account';
import { parseConfig } from '../../lambdas/core/config/parse-config';
import { exampleEvent, startWorld } from './harness';

type World = Awaited<ReturnType<typeof startWorld>>;
let world: World;

beforeEach(async () => {
  world = await startWorld();
  await world.sweep(); // the last-known state, as a scheduled sweep leaves it
});
afterEach(async () => {
  await world.stop();
});

async function auditFor(groupId: string) {
  return new DynamoDbAuditLog({ client: world.dynamo.client, tableName: world.tables.audit }).forGroup(
    groupId,
  );
}

async function dependencies() {
  const config = parseConfig('dependencies: []', 'x');
  const full = parseConfig(
    (await import('node:fs')).readFileSync('examples/guardian.yaml', 'utf8'),
    'guardian.yaml',
  );
  return checkAccount(world.ec2.model, { ...config, dependencies: full.dependencies }).dependencies.map(
    (d) => [d.dependency, d.status],
  );
}

describe('evaluator handler, end to end', () => {
  it('reverts the revoked nginx rule, tells SNS and Slack, and audits it', async () => {
    // Prepare
    const event = exampleEvent('01-revoke-8080-from-nginx');
    world.land(event);

    // Act
    const result = await world.evaluate(event);

    // Assess: the EC2 write re-authorizes exactly the removed rule, with its description
    expect(result).toEqual({
      results: [{ status: 'judged', verdict: 'violation', action: 'revert', revert: 'reverted' }],
    });
    expect(world.ec2.writes).toEqual([
      {
        api: 'AuthorizeSecurityGroupIngress',
        input: {
          GroupId: 'sg-0backend123',
          IpPermissions: [
            {
              IpProtocol: 'tcp',
              FromPort: 8080,
              ToPort: 8080,
              UserIdGroupPairs: [
                { GroupId: 'sg-0nginx456', UserId: '123456789012', Description: 'nginx proxy to app' },
              ],
            },
          ],
        },
        caller: { accessKeyId: 'test', region: 'eu-west-1' },
      },
    ]);
    expect(await dependencies()).toEqual([
      ['nginx-to-backend', 'reachable'],
      ['backend-to-cache', 'reachable'],
      ['cache-cluster', 'reachable'],
    ]);
    // SNS: one message, filterable attributes
    const publishes = world.sns.commandCalls(PublishCommand);
    expect(publishes).toHaveLength(1);
    const publish = publishes[0]!.args[0].input;
    expect(publish.TopicArn).toBe('arn:aws:sns:eu-west-1:123456789012:sg-guardian');
    expect(publish.MessageAttributes?.severity?.StringValue).toBe('critical');
    expect(publish.Subject?.length).toBeLessThanOrEqual(100);
    // Slack: one chat.postMessage with the bot token, to the channel
    expect(world.slack.requests).toHaveLength(1);
    expect(world.slack.requests[0]?.path).toContain('chat.postMessage');
    expect(world.slack.requests[0]?.headers.authorization).toBe('Bearer xoxb-test-token');
    expect(JSON.stringify(world.slack.requests[0]?.body)).toContain('nginx-to-backend');
    // Audit: who, what, verdict, action, outcome
    const [entry] = await auditFor('sg-0backend123');
    expect(entry).toMatchObject({
      eventName: 'RevokeSecurityGroupIngress',
      verdict: 'violation',
      action: 'revert',
      outcome: 'reverted',
      mode: 'enforce',
      actor: expect.objectContaining({
        arn: 'arn:aws:iam::123456789012:user/alice',
        sourceIp: '203.0.113.45',
        via: 'console',
      }),
    });
  });

  it('does everything once when EventBridge delivers the same event three times', async () => {
    // Prepare
    const event = exampleEvent('05-ssh-open-to-world');
    world.land(event);

    // Act
    for (let i = 0; i < 3; i++) await world.evaluate({ ...event, id: `redelivery-${i}` });

    // Assess
    expect(world.ec2.writes.map((w) => w.api)).toEqual(['RevokeSecurityGroupIngress']);
    expect(world.sns.commandCalls(PublishCommand)).toHaveLength(1);
    expect(world.slack.requests).toHaveLength(1);
    expect(await auditFor('sg-0backend123')).toHaveLength(1);
  });

  it('restores the prior group list of an ENI from the state cache', async () => {
    // Prepare
    const event = exampleEvent('03-stale-sg-on-secondary-eni');
    world.land(event);

    // Act
    await world.evaluate(event);

    // Assess
    expect(world.ec2.writes).toEqual([
      {
        api: 'ModifyNetworkInterfaceAttribute',
        input: { NetworkInterfaceId: 'eni-0backend2b', Groups: ['sg-0backend123'] },
        caller: { accessKeyId: 'test', region: 'eu-west-1' },
      },
    ]);
    expect(world.ec2.model.eni('eni-0backend2b')?.groupIds).toEqual(['sg-0backend123']);
  });

  it('restores the prior NACL entry from the state cache', async () => {
    // Prepare
    const event = exampleEvent('04-nacl-denies-return-traffic');
    world.land(event);

    // Act
    await world.evaluate(event);

    // Assess
    expect(world.ec2.writes.map((w) => w.api)).toEqual(['ReplaceNetworkAclEntry']);
    expect(await dependencies()).toContainEqual(['nginx-to-backend', 'reachable']);
  });

  it('records the guardian’s own revert as a confirmation and never judges it again', async () => {
    // Prepare: the CloudTrail event of the guardian's revert
    const event = exampleEvent('02-open-8080-to-world');
    const detail = event.detail as Record<string, unknown>;
    const own = {
      ...event,
      detail: {
        ...detail,
        eventID: 'own-change-1',
        userIdentity: {
          type: 'AssumedRole',
          arn: 'arn:aws:sts::123456789012:assumed-role/sg-guardian-evaluator/session',
          sessionContext: {
            sessionIssuer: { type: 'Role', arn: 'arn:aws:iam::123456789012:role/sg-guardian-evaluator' },
          },
        },
      },
    };
    world.land(own);

    // Act
    const result = await world.evaluate(own);

    // Assess
    expect(result).toEqual({ results: [{ status: 'confirmation' }] });
    expect(world.ec2.writes).toEqual([]);
    expect(world.sns.commandCalls(PublishCommand)).toHaveLength(0);
    expect((await auditFor('sg-0backend123'))[0]).toMatchObject({ action: 'confirmation' });
  });

  it('notifies without reverting for an exempt principal, a failed call and an unreadable event', async () => {
    // Prepare
    const exempt = exampleEvent('08-terraform-exempt');
    world.land(exempt);

    // Act
    const results = [
      await world.evaluate(exempt),
      await world.evaluate(exampleEvent('06-failed-unauthorized')),
      await world.evaluate({
        'detail-type': 'AWS API Call via CloudTrail',
        source: 'aws.ec2',
        detail: { eventID: 'x' },
      }),
    ];

    // Assess
    expect(results.map((r) => r.results[0])).toEqual([
      { status: 'judged', verdict: 'violation', action: 'notify', revert: undefined },
      { status: 'judged', verdict: 'not-applied', action: 'none', revert: undefined },
      { status: 'judged', verdict: 'invalid', action: 'notify', revert: undefined },
    ]);
    expect(world.ec2.writes).toEqual([]);
    expect(world.sns.commandCalls(PublishCommand)).toHaveLength(2);
  });
});

describe('evaluator handler and other accounts', () => {
  it('does not judge or revert an event from another account against this account', async () => {
    // Prepare: a member account's event reaches the central bus
    const event = exampleEvent('05-ssh-open-to-world');
    const foreign = { ...event, account: '210987654321', detail: { ...(event.detail as object), recipientAccountId: '210987654321' } };

    // Act
    const result = await world.evaluate(foreign);

    // Assess
    expect(result).toEqual({ results: [{ status: 'judged', verdict: 'ignored', action: 'none', revert: undefined }] });
    expect(world.ec2.writes).toEqual([]);
    expect(world.sns.commandCalls(PublishCommand)).toHaveLength(0);
  });
});

describe('evaluator handler in dry-run', () => {
  it('judges and notifies but never writes to EC2', async () => {
    // Prepare
    await world.stop();
    world = await startWorld({ mode: 'dry-run' });
    await world.sweep();
    const event = exampleEvent('01-revoke-8080-from-nginx');
    world.land(event);

    // Act
    const result = await world.evaluate(event);

    // Assess
    expect(result.results[0]).toMatchObject({ verdict: 'violation', action: 'revert', revert: 'skipped' });
    expect(world.ec2.writes).toEqual([]);
    expect(world.sns.commandCalls(PublishCommand)).toHaveLength(1);
    expect(await loadSnapshotModel('examples/account')).toBeDefined();
  });
});
