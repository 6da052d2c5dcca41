import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeDecisionValue } from '../../lambdas/adapters/slack/slack-decision';
import { slackClick, startActionsWorld } from './actions-world';

type World = Awaited<ReturnType<typeof startActionsWorld>>;
let world: World;

beforeEach(async () => {
  world = await startActionsWorld();
});
afterEach(async () => {
  await world.stop();
});

/** The self-reference of the cache group removed: cache-cluster broken, waiting for a decision (dry-run). */
async function pendingCacheIncident() {
  const incident = await world.incident('07-self-reference-removed');
  const value = encodeDecisionValue({ eventId: incident.eventId, findingIds: incident.findingIds });
  return { ...incident, value, findingId: incident.findingIds[0]! };
}

const responses = () => world.slack.requests.filter((r) => r.path.startsWith('/actions/'));

describe('actions handler: Slack buttons', () => {
  it('reverts the finding a listed approver clicked, updates the message and audits who did it', async () => {
    // Prepare
    const { value, findingId } = await pendingCacheIncident();

    // Act
    const result = await world.call(
      slackClick({ user: 'U0ALICE', action: 'revert', value, responseUrl: world.responseUrl }),
    );

    // Assess
    expect(result.statusCode).toBe(200);
    expect(world.ec2.writes).toEqual([
      {
        api: 'AuthorizeSecurityGroupIngress',
        input: expect.objectContaining({ GroupId: 'sg-0cache321' }),
        caller: { accessKeyId: 'test', region: 'eu-west-1' },
      },
    ]);
    expect(await world.decisions.get(findingId)).toMatchObject({
      status: 'reverted',
      decidedBy: 'Slack user U0ALICE (alice)',
      outcome: { status: 'reverted' },
    });
    const [update] = responses();
    expect(update?.body).toMatchObject({ replace_original: true, text: expect.stringContaining('Reverted') });
    const blocks = update?.body.blocks as { block_id?: string; text?: { text: string } }[];
    expect(blocks.map((b) => b.block_id)).not.toContain('sg-guardian:decision');
    expect(blocks.at(-1)?.text?.text).toMatch(/^:leftwards_arrow_with_hook: \*Reverted\* by <@U0ALICE> at /);
    const audit = await world.audit.forGroup('sg-0cache321');
    expect(audit[0]).toMatchObject({
      action: 'approved-revert',
      approver: 'Slack user U0ALICE (alice)',
      outcome: 'reverted',
    });
  });

  it('lets a member of an approver user group revert', async () => {
    // Prepare
    const { value, findingId } = await pendingCacheIncident();

    // Act
    await world.call(
      slackClick({ user: 'U0CAROL', action: 'revert', value, responseUrl: world.responseUrl }),
    );

    // Assess
    expect(world.writes()).toBe(1);
    expect((await world.decisions.get(findingId))?.decidedBy).toBe('Slack user U0CAROL (carol)');
    expect(world.slack.requests.some((r) => r.path.endsWith('usergroups.users.list'))).toBe(true);
  });

  it('tells a user who is not an approver so, audits the attempt and changes nothing', async () => {
    // Prepare
    const { value, findingId } = await pendingCacheIncident();

    // Act
    const result = await world.call(
      slackClick({ user: 'U0MALLORY', action: 'revert', value, responseUrl: world.responseUrl }),
    );

    // Assess
    expect(result.statusCode).toBe(200);
    expect(world.writes()).toBe(0);
    expect((await world.decisions.get(findingId))?.status).toBe('pending');
    expect(responses().map((r) => r.body)).toEqual([
      expect.objectContaining({
        response_type: 'ephemeral',
        replace_original: false,
        text: expect.stringContaining('not allowed'),
      }),
    ]);
    const audit = await world.audit.forGroup('sg-0cache321');
    expect(audit[0]).toMatchObject({ action: 'denied', approver: 'Slack user U0MALLORY (mallory)' });
  });

  it.each([
    ['a forged signature', { secret: 'not-the-signing-secret' }],
    ['a timestamp more than five minutes old', { timestamp: Math.floor(Date.now() / 1000) - 301 }],
  ])('refuses a click with %s and changes nothing', async (_name, forgery) => {
    // Prepare
    const { value, findingId } = await pendingCacheIncident();

    // Act
    const result = await world.call(
      slackClick({ user: 'U0ALICE', action: 'revert', value, responseUrl: world.responseUrl, ...forgery }),
    );

    // Assess
    expect(result.statusCode).toBe(401);
    expect(world.writes()).toBe(0);
    expect((await world.decisions.get(findingId))?.status).toBe('pending');
    expect(responses()).toEqual([]);
  });

  it('refuses a replayed request: the same signed click twice reverts once', async () => {
    // Prepare
    const { value } = await pendingCacheIncident();
    const click = slackClick({ user: 'U0ALICE', action: 'revert', value, responseUrl: world.responseUrl });

    // Act
    const first = await world.call(click);
    const replay = await world.call(click);

    // Assess
    expect([first.statusCode, replay.statusCode]).toEqual([200, 409]);
    expect(world.writes()).toBe(1);
    expect(responses()).toHaveLength(1);
  });

  it('answers a second person that the finding was already reverted, and reverts once', async () => {
    // Prepare
    const { value } = await pendingCacheIncident();

    // Act
    await world.call(
      slackClick({ user: 'U0ALICE', action: 'revert', value, responseUrl: world.responseUrl }),
    );
    await world.call(
      slackClick({ user: 'U0CAROL', action: 'revert', value, responseUrl: world.responseUrl }),
    );

    // Assess
    expect(world.writes()).toBe(1);
    expect(responses()[1]?.body).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringMatching(
        /^Nothing done: this finding was already reverted by Slack user U0ALICE \(alice\) at /,
      ),
    });
  });

  it('keeps the change on Keep, marks the message and reverts nothing', async () => {
    // Prepare
    const { value, findingId } = await pendingCacheIncident();

    // Act
    await world.call(slackClick({ user: 'U0ALICE', action: 'keep', value, responseUrl: world.responseUrl }));

    // Assess
    expect(world.writes()).toBe(0);
    expect((await world.decisions.get(findingId))?.status).toBe('kept');
    expect(responses()[0]?.body).toMatchObject({
      replace_original: true,
      text: expect.stringContaining('Kept'),
    });
    expect((await world.audit.forGroup('sg-0cache321'))[0]).toMatchObject({ action: 'kept' });
  });
});
