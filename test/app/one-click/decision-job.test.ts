import { describe, expect, it } from 'vitest';
import { slackApprover } from '../../../lambdas/app/one-click/approver';
import { claimDecision } from '../../../lambdas/app/one-click/decide';
import { runDecisionJob } from '../../../lambdas/app/one-click/decision-job';
import type { SlackResponse } from '../../../lambdas/app/ports';
import { decideWorld, notifiedIncident } from './fixtures';

const ALICE = slackApprover({ id: 'U0ALICE', username: 'alice' });

async function world() {
  const { verdict, after } = await notifiedIncident('07-self-reference-removed');
  const w = await decideWorld(verdict, after);
  const sent: { url: string; message: SlackResponse }[] = [];
  const deps = {
    ...w.deps,
    responder: { respond: async (url: string, message: SlackResponse) => void sent.push({ url, message }) },
  };
  return { ...w, verdict, after, deps, sent };
}

describe('decision jobs', () => {
  it('runs a claimed revert and replaces the message with the outcome', async () => {
    // Prepare
    const { verdict, deps, sent, decisions } = await world();
    const findingId = verdict.findings[0]!.id;
    await claimDecision({ findingId, eventId: verdict.eventId }, 'revert', ALICE, deps);

    // Act
    const result = await runDecisionJob(
      {
        kind: 'revert',
        eventId: verdict.eventId,
        findingIds: [findingId],
        approver: ALICE,
        slackUserId: 'U0ALICE',
        responseUrl: 'https://hooks.slack.com/actions/1',
      },
      deps,
    );

    // Assess
    expect(result).toEqual({ status: 'done' });
    expect((await decisions.get(findingId))?.status).toBe('reverted');
    expect(sent[0]).toMatchObject({
      url: 'https://hooks.slack.com/actions/1',
      message: { replace_original: true },
    });
  });

  it('ignores a revert job nobody claimed (a job alone cannot revert anything)', async () => {
    // Prepare
    const { verdict, deps, sent, decisions, state, after } = await world();
    const findingId = verdict.findings[0]!.id;

    // Act
    const result = await runDecisionJob(
      {
        kind: 'revert',
        eventId: verdict.eventId,
        findingIds: [findingId],
        approver: ALICE,
        slackUserId: 'U0ALICE',
      },
      deps,
    );

    // Assess
    expect(result).toMatchObject({ status: 'ignored' });
    expect((await decisions.get(findingId))?.status).toBe('pending');
    expect(state.model).toBe(after);
    expect(sent).toEqual([]);
  });

  it('ignores a revert job for a claim someone else holds', async () => {
    // Prepare
    const { verdict, deps, state, after } = await world();
    const findingId = verdict.findings[0]!.id;
    await claimDecision(
      { findingId, eventId: verdict.eventId },
      'revert',
      slackApprover({ id: 'U0BOB' }),
      deps,
    );

    // Act
    const result = await runDecisionJob(
      {
        kind: 'revert',
        eventId: verdict.eventId,
        findingIds: [findingId],
        approver: ALICE,
        slackUserId: 'U0ALICE',
      },
      deps,
    );

    // Assess
    expect(result).toMatchObject({ status: 'ignored' });
    expect(state.model).toBe(after);
  });
});
