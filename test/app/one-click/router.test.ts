import { describe, expect, it } from 'vitest';
import { InMemoryReplayGuard } from '../../../lambdas/adapters/local/in-memory-replay-guard';
import { InProcessRunner } from '../../../lambdas/adapters/local/in-process-runner';
import { parseSlackClick } from '../../../lambdas/adapters/slack/slack-interaction-payload';
import { type ActionsDeps, routeAction } from '../../../lambdas/app/one-click/router';
import { decideWorld, notifiedIncident } from './fixtures';

async function deps(overrides: Partial<ActionsDeps> = {}): Promise<ActionsDeps> {
  const { verdict, after } = await notifiedIncident('05-ssh-open-to-world');
  const { deps: decide } = await decideWorld(verdict, after);
  return {
    ...decide,
    signingSecret: async () => 's3cr3t',
    replay: new InMemoryReplayGuard(),
    approvals: { slackUsers: [], slackUserGroups: [], linkTtlHours: 24 },
    runner: new InProcessRunner(async () => undefined),
    parseClick: parseSlackClick,
    linkSecret: async () => 'x'.repeat(40),
    ...overrides,
  };
}

const request = (method: string, path: string) => ({ method, path, query: {}, headers: {}, body: '' });

describe('actions routes', () => {
  it.each([
    ['GET', '/', 404],
    ['GET', '/slack/actions', 405],
    ['DELETE', '/decide', 405],
    ['POST', '/slack/actions', 401],
    ['GET', '/decide', 403],
  ])('%s %s answers %i', async (method, path, status) => {
    // Act
    const response = await routeAction(request(method, path), await deps());

    // Assess
    expect(response.status).toBe(status);
  });

  it('answers 503 when Slack or the links are not configured', async () => {
    // Prepare
    const unconfigured = await deps({
      signingSecret: async () => undefined,
      linkSecret: async () => undefined,
    });

    // Act
    const slack = await routeAction(request('POST', '/slack/actions'), unconfigured);
    const link = await routeAction(request('GET', '/decide'), unconfigured);

    // Assess
    expect([slack.status, link.status]).toEqual([503, 503]);
  });

  it('answers 500 without details when something unexpected fails', async () => {
    // Prepare
    const failing = await deps({
      linkSecret: async () => {
        throw new Error('AccessDeniedException: secret arn:aws:secretsmanager:…');
      },
    });

    // Act
    const response = await routeAction(request('GET', '/decide'), failing);

    // Assess
    expect(response).toMatchObject({ status: 500, body: 'internal error; see the logs' });
  });
});
