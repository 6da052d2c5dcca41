import { describe, expect, it } from 'vitest';
import { InMemoryReplayGuard } from '../../../lambdas/adapters/local/in-memory-replay-guard';
import { encodeDecisionValue } from '../../../lambdas/adapters/slack/slack-decision';
import { parseSlackClick } from '../../../lambdas/adapters/slack/slack-interaction-payload';
import { routeAction } from '../../../lambdas/app/one-click/router';
import { slackSignature } from '../../../lambdas/app/one-click/slack-signature';
import { NOW } from '../../support/examples';
import { decideWorld, notifiedIncident } from './fixtures';

function signedClick(value: string, actionId = 'sg-guardian:revert') {
  const payload = {
    type: 'block_actions',
    user: { id: 'U0ALICE', username: 'alice' },
    response_url: 'https://hooks.slack.com/actions/T1/1/x',
    actions: [{ action_id: actionId, value }],
  };
  const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const timestamp = String(Math.floor(NOW.getTime() / 1000));
  return {
    method: 'POST',
    path: '/slack/actions',
    query: {},
    headers: {
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': slackSignature('s3cr3t', timestamp, body),
    },
    body,
  };
}

describe('Slack interaction', () => {
  it('gives the claim back as failed when the revert cannot be started, so a later click can revert', async () => {
    // Prepare
    const { verdict, after } = await notifiedIncident('07-self-reference-removed');
    const { deps: decide, decisions } = await decideWorld(verdict, after);
    const findingId = verdict.findings[0]!.id;
    const deps = {
      ...decide,
      clock: { now: () => NOW },
      signingSecret: async () => 's3cr3t',
      replay: new InMemoryReplayGuard(() => NOW),
      approvals: { slackUsers: ['U0ALICE'], slackUserGroups: [], linkTtlHours: 24 },
      runner: {
        start: async () => {
          throw new Error('TooManyRequestsException');
        },
      },
      parseClick: parseSlackClick,
      linkSecret: async () => undefined,
    };

    // Act
    const response = await routeAction(
      signedClick(encodeDecisionValue({ eventId: verdict.eventId, findingIds: [findingId] })),
      deps,
    );

    // Assess
    expect(response.status).toBe(500);
    expect(await decisions.get(findingId)).toMatchObject({
      status: 'failed',
      outcome: { reason: 'the revert could not be started: TooManyRequestsException' },
    });
  });

  it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'])(
    'rejects and audits an approver click whose action_id is %s, and decides nothing',
    async (actionId) => {
      // Prepare
      const { verdict, after } = await notifiedIncident('07-self-reference-removed');
      const { deps: decide, decisions, audit, state } = await decideWorld(verdict, after);
      const findingId = verdict.findings[0]!.id;
      const started: unknown[] = [];
      const deps = {
        ...decide,
        clock: { now: () => NOW },
        signingSecret: async () => 's3cr3t',
        replay: new InMemoryReplayGuard(() => NOW),
        approvals: { slackUsers: ['U0ALICE'], slackUserGroups: [], linkTtlHours: 24 },
        runner: { start: async (job: unknown) => void started.push(job) },
        parseClick: parseSlackClick,
        linkSecret: async () => undefined,
      };

      // Act
      const response = await routeAction(
        signedClick(encodeDecisionValue({ eventId: verdict.eventId, findingIds: [findingId] }), actionId),
        deps,
      );

      // Assess
      expect(response.status).toBe(400);
      expect(response.body).toContain(`unknown action "${actionId}"`);
      expect(await decisions.get(findingId)).toMatchObject({ status: 'pending' });
      expect(started).toEqual([]);
      expect(state.model).toBe(after);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: 'denied' });
    },
  );
});
