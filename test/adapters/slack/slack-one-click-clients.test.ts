import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackResponseUrl } from '../../../lambdas/adapters/slack/slack-response-url';
import { SlackUserGroups } from '../../../lambdas/adapters/slack/slack-user-groups';
import { startSlackServer } from '../../support/slack-server';

let slack: Awaited<ReturnType<typeof startSlackServer>>;
let answer: 'ok' | 'error' = 'ok';
beforeAll(async () => {
  slack = await startSlackServer((req) => {
    if (answer === 'error') return { status: 200, body: { ok: false, error: 'missing_scope' } };
    if (req.path.endsWith('usergroups.users.list'))
      return { status: 200, body: { ok: true, users: ['U0CAROL'] } };
    return { status: 200, body: { ok: true } };
  });
});
afterAll(async () => {
  await slack.close();
});

describe('Slack user groups', () => {
  it('lists a group’s members with the bot token and caches them briefly', async () => {
    // Prepare
    answer = 'ok';
    let now = 0;
    const groups = new SlackUserGroups({
      token: async () => 'xoxb-1',
      slackApiUrl: slack.url,
      retries: 0,
      now: () => now,
    });
    const before = slack.requests.length;

    // Act
    const first = await groups.membersOf('S0ONCALL');
    const cached = await groups.membersOf('S0ONCALL');
    now = 61_000;
    await groups.membersOf('S0ONCALL');

    // Assess
    expect(first).toEqual(['U0CAROL']);
    expect(cached).toEqual(['U0CAROL']);
    const calls = slack.requests.slice(before);
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({ body: { usergroup: 'S0ONCALL' } });
    expect(calls[0]!.headers.authorization).toBe('Bearer xoxb-1');
  });

  it('fails with Slack’s reason, and without a token fails before calling Slack', async () => {
    // Prepare
    answer = 'error';
    const groups = new SlackUserGroups({ token: async () => 'xoxb-1', slackApiUrl: slack.url, retries: 0 });
    const tokenless = new SlackUserGroups({
      token: async () => undefined,
      slackApiUrl: slack.url,
      retries: 0,
    });

    // Act / Assess
    await expect(groups.membersOf('S0SEC')).rejects.toThrow(
      'usergroups.users.list S0SEC failed: missing_scope',
    );
    await expect(tokenless.membersOf('S0SEC')).rejects.toThrow('the Slack secret has no botToken');
  });
});

describe('Slack response_url', () => {
  it('posts the reply as JSON', async () => {
    // Prepare
    answer = 'ok';
    const responder = new SlackResponseUrl({ allowedPrefixes: [slack.url] });
    const url = `${slack.url}actions/T1/1/x`;

    // Act
    await responder.respond(url, { text: 'Reverted', replace_original: true });

    // Assess
    expect(slack.requests.at(-1)).toMatchObject({
      path: '/api/actions/T1/1/x',
      body: { text: 'Reverted', replace_original: true },
    });
  });

  it('refuses any URL that is not Slack’s', async () => {
    // Prepare
    const responder = new SlackResponseUrl();
    const before = slack.requests.length;

    // Act / Assess
    await expect(responder.respond(`${slack.url}actions/1`, { text: 'x' })).rejects.toThrow(
      'response_url is not a Slack URL',
    );
    await expect(responder.respond('https://hooks.slack.com.evil.example/x', { text: 'x' })).rejects.toThrow(
      'response_url is not a Slack URL',
    );
    expect(slack.requests.length).toBe(before);
  });
});
