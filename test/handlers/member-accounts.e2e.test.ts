import { PublishCommand } from '@aws-sdk/client-sns';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbStateCache } from '../../lambdas/adapters/aws/dynamodb/dynamodb-state-cache';
import { exampleEvent, startWorld } from './harness';

const MEMBER = '210987654321';
/** The member session's credentials, as STS hands them out below. */
const MEMBER_CALLER = { accessKeyId: 'ASIAMEMBER', region: 'eu-west-1' };
let world: Awaited<ReturnType<typeof startWorld>>;
let sts: AwsClientStub<STSClient>;

beforeEach(async () => {
  sts = mockClient(STSClient);
  sts.on(AssumeRoleCommand).resolves({
    Credentials: { AccessKeyId: 'ASIAMEMBER', SecretAccessKey: 'secret', SessionToken: 'token', Expiration: new Date('2099-01-01T00:00:00Z') },
  });
  world = await startWorld({ env: { SG_GUARDIAN_MEMBER_ROLE_NAME: 'sg-guardian-revert', SG_GUARDIAN_EXTERNAL_ID: 'ext-42' } });
});
afterEach(async () => {
  await world.stop();
  sts.restore();
});

/** An example event as a member account's rule forwards it to the central bus. */
function fromMember(name: string, identity?: Record<string, unknown>) {
  const event = exampleEvent(name);
  const detail = { ...(event.detail as Record<string, unknown>), recipientAccountId: MEMBER, ...(identity && { userIdentity: identity }) };
  return { ...event, account: MEMBER, detail };
}

describe('events from a member account', () => {
  it('are judged and reverted in that account, with its own partition of the state cache', async () => {
    // Prepare
    const event = fromMember('05-ssh-open-to-world');
    world.land(event);

    // Act
    const result = await world.evaluate(event);

    // Assess
    expect(result.results[0]).toMatchObject({ verdict: 'violation', action: 'revert', revert: 'reverted' });
    // the member's state lives in its own partition of the state cache
    const scoped = new DynamoDbStateCache({ client: world.dynamo.client, tableName: world.tables.state, scope: `${MEMBER}/eu-west-1` });
    expect((await scoped.load({ groupIds: ['sg-0backend123'] })).groups).toHaveLength(1);
    expect(world.sns.commandCalls(PublishCommand)).toHaveLength(1);
  });

  it('read and revert with the member role’s credentials, assumed with the external id, never the home account’s', async () => {
    // Prepare
    const event = fromMember('05-ssh-open-to-world');
    world.land(event);

    // Act
    await world.evaluate(event);

    // Assess: the revert is signed by the member session; every EC2 call for the event too
    expect(world.ec2.writes).toEqual([
      expect.objectContaining({ api: 'RevokeSecurityGroupIngress', caller: MEMBER_CALLER }),
    ]);
    expect(world.ec2.calls.length).toBeGreaterThan(1);
    expect(world.ec2.calls.filter((c) => c.caller.accessKeyId !== MEMBER_CALLER.accessKeyId)).toEqual([]);
    expect(sts.commandCalls(AssumeRoleCommand).map((c) => c.args[0].input)).toContainEqual(
      expect.objectContaining({ RoleArn: `arn:aws:iam::${MEMBER}:role/sg-guardian-revert`, ExternalId: 'ext-42' }),
    );
  });

  it('read and revert a home-account event with the home credentials, assuming no role', async () => {
    // Prepare
    const event = exampleEvent('05-ssh-open-to-world');
    world.land(event);

    // Act
    await world.evaluate(event);

    // Assess
    expect(world.ec2.writes).toEqual([
      expect.objectContaining({ api: 'RevokeSecurityGroupIngress', caller: { accessKeyId: 'test', region: 'eu-west-1' } }),
    ]);
    expect(world.ec2.calls.every((c) => c.caller.accessKeyId === 'test')).toBe(true);
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(0);
  });

  it('treat the member revert role’s own changes as confirmations (no loop)', async () => {
    // Prepare
    const own = fromMember('02-open-8080-to-world', {
      type: 'AssumedRole',
      arn: `arn:aws:sts::${MEMBER}:assumed-role/sg-guardian-revert/sg-guardian`,
      sessionContext: { sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${MEMBER}:role/sg-guardian-revert` } },
    });
    world.land(own);

    // Act
    const result = await world.evaluate(own);

    // Assess
    expect(result).toEqual({ results: [{ status: 'confirmation' }] });
    expect(world.ec2.writes).toEqual([]);
  });
});

describe('the sweep across accounts and regions', () => {
  it('sweeps every watched region of the home account and every member account/region seen, each in its own partition', async () => {
    // Prepare: a member event seeds the member's partition; then a change lands whose event is lost
    await world.stop();
    world = await startWorld({
      env: {
        SG_GUARDIAN_MEMBER_ROLE_NAME: 'sg-guardian-revert',
        SG_GUARDIAN_EXTERNAL_ID: 'ext-42',
        SG_GUARDIAN_REGIONS: 'eu-west-1,us-east-1',
      },
    });
    await world.sweep();
    const seen = fromMember('01-revoke-8080-from-nginx');
    world.land(seen);
    await world.evaluate(seen);
    world.land(exampleEvent('05-ssh-open-to-world'));
    const published = world.sns.commandCalls(PublishCommand).length;

    // Act
    const result = await world.sweep();

    // Assess
    expect(result.targets.map((t) => `${t.scope}:${t.status}`).sort()).toEqual([
      '123456789012/eu-west-1:swept',
      '123456789012/us-east-1:swept',
      `${MEMBER}/eu-west-1:swept`,
    ]);
    const member = result.targets.find((t) => t.scope === `${MEMBER}/eu-west-1`);
    expect(member).toMatchObject({ drifted: 1, violations: 1 });
    expect(result.failed).toBe(0);
    // the member's drift is notified (never auto-reverted: its author is unknown) as that account's
    const messages = world.sns.commandCalls(PublishCommand).slice(published).map((c) => c.args[0].input.Message ?? '');
    expect(messages.some((m) => m.includes(MEMBER))).toBe(true);
    expect(world.ec2.writes.map((w) => w.api)).toEqual(['AuthorizeSecurityGroupIngress']); // the seen event's revert only
    const scoped = new DynamoDbStateCache({ client: world.dynamo.client, tableName: world.tables.state, scope: `${MEMBER}/eu-west-1` });
    expect((await scoped.loadAll()).groups.length).toBeGreaterThan(1); // the member's whole region, not a neighbourhood
  });

  it('reports a member account whose role cannot be assumed and still sweeps the others', async () => {
    // Prepare: the member's partition was saved by an earlier instance; its role now refuses us
    const scoped = new DynamoDbStateCache({ client: world.dynamo.client, tableName: world.tables.state, scope: `${MEMBER}/eu-west-1` });
    await scoped.save({ groups: [...world.ec2.model.groups()].slice(0, 1), enis: [], nacls: [] });
    sts.on(AssumeRoleCommand).rejects(Object.assign(new Error('not authorized to perform sts:AssumeRole'), { name: 'AccessDenied' }));

    // Act
    const result = await world.sweep();

    // Assess
    expect(result.targets).toEqual([
      expect.objectContaining({ scope: '123456789012/eu-west-1', status: 'swept' }),
      { scope: `${MEMBER}/eu-west-1`, status: 'failed', error: expect.stringMatching(/cannot assume arn:aws:iam::210987654321:role\/sg-guardian-revert.*sts:AssumeRole/) },
    ]);
    expect(result.failed).toBe(1);
    expect(world.ec2.writes).toEqual([]);
  });
});
