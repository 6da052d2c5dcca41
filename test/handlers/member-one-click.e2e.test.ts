import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PublishCommand } from '@aws-sdk/client-sns';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { encodeDecisionValue } from '../../lambdas/adapters/slack/slack-decision';
import { slackClick, startActionsWorld } from './actions-world';
import type { exampleEvent } from './harness';

const MEMBER = '210987654321';
/** The member session's credentials, as STS hands them out below. */
const MEMBER_CALLER = { accessKeyId: 'ASIAMEMBER', region: 'eu-west-1' };
let world: Awaited<ReturnType<typeof startActionsWorld>>;
let sts: AwsClientStub<STSClient>;

beforeEach(async () => {
  sts = mockClient(STSClient);
  sts.on(AssumeRoleCommand).resolves({
    Credentials: { AccessKeyId: 'ASIAMEMBER', SecretAccessKey: 'secret', SessionToken: 'token', Expiration: new Date('2099-01-01T00:00:00Z') },
  });
  world = await startActionsWorld({ env: { SG_GUARDIAN_MEMBER_ROLE_NAME: 'sg-guardian-revert', SG_GUARDIAN_EXTERNAL_ID: 'ext-42' } });
});
afterEach(async () => {
  await world.stop();
  sts.restore();
});

/** An example event as a member account's rule forwards it to the central bus. */
function asMember(event: ReturnType<typeof exampleEvent>) {
  const detail = { ...(event.detail as Record<string, unknown>), recipientAccountId: MEMBER };
  return { ...event, account: MEMBER, detail };
}

const slackPosts = () => world.slack.requests.filter((r) => r.path.endsWith('chat.postMessage'));

describe('one-click decisions on a member account’s finding', () => {
  it('revert with the member role’s credentials, assumed with the external id, never the home account’s', async () => {
    // Prepare: nginx's rule to the backend revoked in the member account (the event carries the rule); dry-run waits
    const incident = await world.incident('01-revoke-8080-from-nginx', asMember);
    const value = encodeDecisionValue({ eventId: incident.eventId, findingIds: incident.findingIds });
    const before = world.ec2.calls.length;

    // Act
    const result = await world.call(slackClick({ user: 'U0ALICE', action: 'revert', value, responseUrl: world.responseUrl }));

    // Assess
    expect(result.statusCode).toBe(200);
    expect(world.ec2.writes).toEqual([
      expect.objectContaining({ api: 'AuthorizeSecurityGroupIngress', caller: MEMBER_CALLER }),
    ]);
    expect(world.ec2.calls.slice(before).every((c) => c.caller.accessKeyId === MEMBER_CALLER.accessKeyId)).toBe(true);
    expect(sts.commandCalls(AssumeRoleCommand).map((c) => c.args[0].input)).toContainEqual(
      expect.objectContaining({ RoleArn: `arn:aws:iam::${MEMBER}:role/sg-guardian-revert`, ExternalId: 'ext-42' }),
    );
  });

  it('say the change cannot be reverted when its prior state is unknown, and apply the offered fix in the member account', async () => {
    // Prepare: the member account was never swept, so the revoked rule's content is unknown
    const incident = await world.incident('07-self-reference-removed', asMember);
    const sns = JSON.parse(world.sns.commandCalls(PublishCommand).at(-1)?.args[0].input.Message ?? '{}');
    const slack = JSON.stringify(slackPosts().at(-1)?.body ?? {});
    const value = encodeDecisionValue({ eventId: incident.eventId, findingIds: incident.findingIds });

    // Act
    const result = await world.call(slackClick({ user: 'U0ALICE', action: 'apply-fix', value, responseUrl: world.responseUrl }));

    // Assess: both channels say why there is no revert and what to do instead
    expect(sns.text).toMatch(/Cannot revert\n {2}The state before this change is unknown \(content of revoked rule\(s\) sgr-0cachei00 unknown/);
    expect(sns.text).toContain('Apply the fix instead (one click below): Allow tcp 6379 into sg-0cache321 from security group sg-0cache321');
    expect(sns.text).toContain('Apply the fix with one click');
    expect(slack).toContain('*Cannot revert:* the state before this change is unknown');
    expect(slack).toContain('sg-guardian:apply-fix');
    expect(slack).not.toContain('sg-guardian:revert');
    // the click makes exactly the fix's call, signed by the member session
    expect(result.statusCode).toBe(200);
    expect(world.ec2.writes).toEqual([
      {
        api: 'AuthorizeSecurityGroupIngress',
        input: expect.objectContaining({ GroupId: 'sg-0cache321' }),
        caller: MEMBER_CALLER,
      },
    ]);
  });
});
