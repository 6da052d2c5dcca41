import { describe, expect, it } from 'vitest';
import { InMemoryReverter } from '../../../lambdas/adapters/local/in-memory-reverter';
import { checkAccount } from '../../../lambdas/app/check-account';
import { linkApprover, slackApprover } from '../../../lambdas/app/one-click/approver';
import {
  type Claimed,
  claimDecision,
  completeRevert,
  recordDenied,
} from '../../../lambdas/app/one-click/decide';
import { pendingDecisions } from '../../../lambdas/app/one-click/decisions';
import type { Reverter } from '../../../lambdas/app/ports';
import { NOW } from '../../support/examples';
import { decideWorld, notifiedIncident } from './fixtures';

const ALICE = slackApprover({ id: 'U0ALICE', username: 'alice' });
const BOB = slackApprover({ id: 'U0BOB', username: 'bob' });

function cacheCluster(model: Parameters<typeof checkAccount>[0], config: Parameters<typeof checkAccount>[1]) {
  return checkAccount(model, config).dependencies.find((d) => d.dependency === 'cache-cluster')?.status;
}

describe('one-click decisions', () => {
  it('reverts the stored plan once, restores the dependency and audits who approved it', async () => {
    // Prepare
    const { verdict, after, config } = await notifiedIncident('07-self-reference-removed');
    const { deps, decisions, audit, state } = await decideWorld(verdict, after);
    const findingId = verdict.findings[0]!.id;

    // Act
    const claim = await claimDecision({ findingId, eventId: verdict.eventId }, 'revert', ALICE, deps);
    const finished = await completeRevert(claim as Claimed, ALICE, deps);

    // Assess
    expect(cacheCluster(after, config)).toBe('blocked');
    expect(cacheCluster(state.model, config)).toBe('reachable');
    expect(finished).toMatchObject({ status: 'reverted', decidedBy: 'Slack user U0ALICE (alice)' });
    expect((await decisions.get(findingId))?.status).toBe('reverted');
    expect(audit).toEqual([
      expect.objectContaining({
        eventId: verdict.eventId,
        action: 'approved-revert',
        approver: 'Slack user U0ALICE (alice)',
        outcome: 'reverted',
      }),
    ]);
  });

  it('lets only the first of two people claim a decision; the second learns who has it', async () => {
    // Prepare
    const { verdict, after } = await notifiedIncident('07-self-reference-removed');
    const { deps } = await decideWorld(verdict, after);
    const target = { findingId: verdict.findings[0]!.id, eventId: verdict.eventId };

    // Act
    const [first, second] = await Promise.all([
      claimDecision(target, 'revert', ALICE, deps),
      claimDecision(target, 'revert', BOB, deps),
    ]);

    // Assess
    expect(first.status).toBe('claimed');
    expect(second).toMatchObject({
      status: 'taken',
      decision: { status: 'reverting', decidedBy: ALICE.label },
    });
  });

  it('claims every finding of the event through its first finding, whichever finding was clicked', async () => {
    // Prepare: the stale group on the secondary ENI breaks two dependencies at once
    const { verdict, after } = await notifiedIncident('03-stale-sg-on-secondary-eni');
    const { deps, decisions } = await decideWorld(verdict, after);
    const ids = verdict.findings.map((f) => f.id).sort();

    // Act
    const viaSecond = await claimDecision(
      { findingId: ids[1]!, eventId: verdict.eventId },
      'revert',
      ALICE,
      deps,
    );
    const viaFirst = await claimDecision(
      { findingId: ids[0]!, eventId: verdict.eventId },
      'revert',
      BOB,
      deps,
    );

    // Assess
    expect(ids).toHaveLength(2);
    expect(viaSecond).toMatchObject({ status: 'claimed', findingIds: ids });
    expect(viaFirst.status).toBe('taken');
    expect((await decisions.get(ids[1]!))?.status).toBe('reverting');
  });

  it('refuses a click on an alert a newer change replaced, and reverts nothing', async () => {
    // Prepare
    const { verdict, after } = await notifiedIncident('07-self-reference-removed');
    const { deps, decisions, state } = await decideWorld(verdict, after);
    for (const d of pendingDecisions({ ...verdict, eventId: 'newer-event' }, NOW))
      await decisions.savePending(d);

    // Act
    const claim = await claimDecision(
      { findingId: verdict.findings[0]!.id, eventId: verdict.eventId },
      'revert',
      ALICE,
      deps,
    );

    // Assess
    expect(claim).toMatchObject({
      status: 'outdated',
      decision: { eventId: 'newer-event', status: 'pending' },
    });
    expect(state.model).toBe(after);
  });

  it('answers unknown for a finding without a decision', async () => {
    // Prepare
    const { verdict, after } = await notifiedIncident('07-self-reference-removed');
    const { deps } = await decideWorld(verdict, after);

    // Act
    const claim = await claimDecision({ findingId: 'fnd-00000000' }, 'revert', ALICE, deps);

    // Assess
    expect(claim).toEqual({ status: 'unknown' });
  });

  it('marks a revert that failed as failed with its reason, and lets someone try again', async () => {
    // Prepare
    const { verdict, after } = await notifiedIncident('07-self-reference-removed');
    const state = { model: after };
    let calls = 0;
    const flaky: Reverter = {
      async apply(plan) {
        if (++calls === 1) throw new Error('RequestLimitExceeded: slow down');
        return new InMemoryReverter({ get: () => state.model, set: (m) => (state.model = m) }).apply(plan);
      },
    };
    const { deps, audit } = await decideWorld(verdict, after, flaky);
    const target = { findingId: verdict.findings[0]!.id, eventId: verdict.eventId };

    // Act
    const failed = await completeRevert(
      (await claimDecision(target, 'revert', ALICE, deps)) as Claimed,
      ALICE,
      deps,
    );
    const retried = await completeRevert(
      (await claimDecision(target, 'revert', BOB, deps)) as Claimed,
      BOB,
      deps,
    );

    // Assess
    expect(failed).toMatchObject({
      status: 'failed',
      outcome: { status: 'failed', reason: 'RequestLimitExceeded: slow down' },
    });
    expect(retried).toMatchObject({ status: 'reverted', decidedBy: BOB.label });
    expect(audit.map((e) => [e.action, e.approver, e.outcome])).toEqual([
      ['approved-revert', ALICE.label, 'failed'],
      ['approved-revert', BOB.label, 'reverted'],
    ]);
  });

  it('lets a revert claim that has hung for over 15 minutes be claimed again', async () => {
    // Prepare
    const { verdict, after } = await notifiedIncident('07-self-reference-removed');
    const { deps } = await decideWorld(verdict, after);
    const target = { findingId: verdict.findings[0]!.id, eventId: verdict.eventId };
    await claimDecision(target, 'revert', ALICE, deps);
    const later = { ...deps, clock: { now: () => new Date(NOW.getTime() + 16 * 60_000) } };

    // Act
    const soon = await claimDecision(target, 'revert', BOB, deps);
    const afterTimeout = await claimDecision(target, 'revert', BOB, later);

    // Assess
    expect(soon.status).toBe('taken');
    expect(afterTimeout.status).toBe('claimed');
  });

  it('records Keep in the audit log and reverts nothing', async () => {
    // Prepare
    const { verdict, after } = await notifiedIncident('05-ssh-open-to-world');
    const { deps, decisions, audit, state } = await decideWorld(verdict, after);
    const findingId = verdict.findings[0]!.id;

    // Act
    const claim = await claimDecision({ findingId, eventId: verdict.eventId }, 'keep', ALICE, deps);

    // Assess
    expect(claim).toMatchObject({ status: 'claimed', decision: { status: 'kept' } });
    expect(await decisions.keptAmong([findingId])).toEqual(new Set([findingId]));
    expect(state.model).toBe(after);
    expect(audit).toEqual([expect.objectContaining({ action: 'kept', approver: ALICE.label })]);
  });

  it('audits a refused attempt with who tried and why, and leaves the decision pending', async () => {
    // Prepare
    const { verdict, after } = await notifiedIncident('05-ssh-open-to-world');
    const { deps, decisions, audit } = await decideWorld(verdict, after);
    const findingId = verdict.findings[0]!.id;

    // Act
    await recordDenied(findingId, linkApprover('198.51.100.9'), 'not allowed', deps);

    // Assess
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'denied',
        approver: 'signed link from 198.51.100.9',
        actionReason: 'not allowed',
      }),
    ]);
    expect((await decisions.get(findingId))?.status).toBe('pending');
  });
});
