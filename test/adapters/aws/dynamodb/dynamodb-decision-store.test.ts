import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbDecisionStore } from '../../../../lambdas/adapters/aws/dynamodb/dynamodb-decision-store';
import { DynamoDbReplayGuard } from '../../../../lambdas/adapters/aws/dynamodb/dynamodb-replay-guard';
import { slackApprover } from '../../../../lambdas/app/one-click/approver';
import { type Claimed, claimDecision, completeRevert } from '../../../../lambdas/app/one-click/decide';
import { pendingDecisions } from '../../../../lambdas/app/one-click/decisions';
import type { Decision, Reverter } from '../../../../lambdas/app/ports';
import { notifiedIncident, tickingClock } from '../../../app/one-click/fixtures';
import { type Dynalite, startDynalite } from '../../../support/dynalite';
import { NOW } from '../../../support/examples';

let db: Dynalite;
beforeAll(async () => {
  db = await startDynalite();
});
afterAll(async () => {
  await db.close();
});

async function freshStore(clock: () => Date = () => NOW) {
  const { state } = await db.freshTables();
  return new DynamoDbDecisionStore({ client: db.client, tableName: state, clock });
}

async function pendingOf(name: string): Promise<Decision> {
  const { verdict } = await notifiedIncident(name);
  return pendingDecisions(verdict, NOW)[0]!;
}

const claim = (decision: Decision, to: 'reverting' | 'kept' = 'reverting') => ({
  eventId: decision.eventId,
  from: ['pending', 'failed'] as const,
  to,
  at: NOW.toISOString(),
  decidedBy: 'Slack user U0ALICE (alice)',
});

describe('DynamoDB decision store', () => {
  it('reads a saved decision back with its full verdict', async () => {
    // Prepare
    const store = await freshStore();
    const decision = await pendingOf('03-stale-sg-on-secondary-eni');

    // Act
    const saved = await store.savePending(decision);
    const read = await store.get(decision.findingId);

    // Assess
    expect(saved).toBe(true);
    expect(read).toEqual(JSON.parse(JSON.stringify(decision)));
  });

  it('reads a saved Apply-fix decision back with the fix its click applies', async () => {
    // Prepare
    const store = await freshStore();
    const { verdict } = await notifiedIncident('07-self-reference-removed');
    const notRevertible = { ...verdict, revert: { status: 'unknown-prior' as const, steps: [] } };
    const decision = pendingDecisions(notRevertible, NOW)[0]!;

    // Act
    await store.savePending(decision);
    const read = await store.get(decision.findingId);

    // Assess
    expect(decision.fix?.apply?.api).toBe('AuthorizeSecurityGroupIngress');
    expect(read?.fix).toEqual(decision.fix);
  });

  it('moves a decision out of pending once: a second claim finds nothing to move', async () => {
    // Prepare
    const store = await freshStore();
    const decision = await pendingOf('07-self-reference-removed');
    await store.savePending(decision);

    // Act
    const first = await store.transition(decision.findingId, claim(decision));
    const second = await store.transition(decision.findingId, claim(decision));

    // Assess
    expect(first).toMatchObject({ status: 'reverting', decidedBy: 'Slack user U0ALICE (alice)' });
    expect(second).toBeUndefined();
  });

  it('does not move a decision of another event (an outdated button)', async () => {
    // Prepare
    const store = await freshStore();
    const decision = await pendingOf('07-self-reference-removed');
    await store.savePending(decision);

    // Act
    const moved = await store.transition(decision.findingId, { ...claim(decision), eventId: 'older-event' });

    // Assess
    expect(moved).toBeUndefined();
    expect((await store.get(decision.findingId))?.status).toBe('pending');
  });

  it('stores the outcome with the final status', async () => {
    // Prepare
    const store = await freshStore();
    const decision = await pendingOf('07-self-reference-removed');
    await store.savePending(decision);
    await store.transition(decision.findingId, claim(decision));
    const outcome = {
      status: 'reverted' as const,
      steps: [{ step: decision.verdict.revert.steps[0]!, status: 'applied' as const }],
    };

    // Act
    const done = await store.transition(decision.findingId, {
      eventId: decision.eventId,
      from: ['reverting'],
      to: 'reverted',
      at: '2026-11-20T20:01:00.000Z',
      outcome,
    });

    // Assess
    expect(done).toMatchObject({ status: 'reverted', decidedBy: 'Slack user U0ALICE (alice)', outcome });
  });

  it('clears the outcome of a failed revert when someone claims it again', async () => {
    // Prepare
    const store = await freshStore();
    const decision = await pendingOf('07-self-reference-removed');
    await store.savePending(decision);
    await store.transition(decision.findingId, claim(decision));
    const failed = { status: 'failed' as const, steps: [], reason: 'UnauthorizedOperation' };
    await store.transition(decision.findingId, {
      eventId: decision.eventId,
      from: ['reverting'],
      to: 'failed',
      at: 'x',
      outcome: failed,
    });

    // Act
    const retried = await store.transition(decision.findingId, {
      ...claim(decision),
      decidedBy: 'Slack user U0BOB',
    });

    // Assess
    expect(retried).toMatchObject({ status: 'reverting', decidedBy: 'Slack user U0BOB' });
    expect(retried).not.toHaveProperty('outcome');
  });

  it('keeps a kept decision when the same finding is alerted again, and lists it as kept', async () => {
    // Prepare
    const store = await freshStore();
    const decision = await pendingOf('05-ssh-open-to-world');
    await store.savePending(decision);
    await store.transition(decision.findingId, claim(decision, 'kept'));

    // Act
    const replaced = await store.savePending({ ...decision, eventId: 'newer-event' });
    const kept = await store.keptAmong([decision.findingId, 'fnd-00000000']);

    // Assess
    expect(replaced).toBe(false);
    expect(kept).toEqual(new Set([decision.findingId]));
    expect((await store.get(decision.findingId))?.eventId).toBe(decision.eventId);
  });

  it('treats a decision past its expiry as gone, and lets a new alert replace it', async () => {
    // Prepare
    let now = NOW;
    const store = await freshStore(() => now);
    const decision = await pendingOf('05-ssh-open-to-world');
    await store.savePending(decision);
    await store.transition(decision.findingId, claim(decision, 'kept'));
    now = new Date(NOW.getTime() + 91 * 86_400_000);

    // Act
    const read = await store.get(decision.findingId);
    const kept = await store.keptAmong([decision.findingId]);
    const replaced = await store.savePending({ ...decision, eventId: 'newer-event' });

    // Assess
    expect(read).toBeUndefined();
    expect(kept.size).toBe(0);
    expect(replaced).toBe(true);
  });

  it('reverts exactly once when two people click Revert at the same moment', async () => {
    // Prepare
    const store = await freshStore();
    const { verdict } = await notifiedIncident('03-stale-sg-on-secondary-eni');
    for (const d of pendingDecisions(verdict, NOW)) await store.savePending(d);
    let applied = 0;
    const reverter: Reverter = {
      async apply(plan) {
        applied++;
        return {
          status: 'reverted',
          steps: plan.steps.map((step) => ({ step, status: 'applied' as const })),
        };
      },
    };
    const deps = {
      decisions: store,
      reverter,
      audit: { record: async () => undefined, forGroup: async () => [] },
      clock: tickingClock(),
      mode: 'enforce' as const,
    };
    const people = ['U0ALICE', 'U0BOB', 'U0CAROL', 'U0DAVE'].map((id) => slackApprover({ id }));
    const ids = verdict.findings.map((f) => f.id);

    // Act: each clicks a button of the same alert (the first or the second finding) at once
    const outcomes = await Promise.all(
      people.map(async (person, i) => {
        const result = await claimDecision(
          { findingId: ids[i % ids.length]!, eventId: verdict.eventId },
          'revert',
          person,
          deps,
        );
        return result.status === 'claimed' ? completeRevert(result as Claimed, person, deps) : result.status;
      }),
    );

    // Assess
    expect(applied).toBe(1);
    expect(outcomes.filter((o) => typeof o === 'object')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'taken')).toHaveLength(3);
    for (const id of ids) expect((await store.get(id))?.status).toBe('reverted');
  });
});

describe('DynamoDB replay guard', () => {
  it('accepts a key once until it expires, then again', async () => {
    // Prepare
    const { state } = await db.freshTables();
    let now = NOW;
    const guard = new DynamoDbReplayGuard({ client: db.client, tableName: state, clock: () => now });
    const until = new Date(NOW.getTime() + 600_000);

    // Act
    const first = await guard.firstUse('slack:v0=abc', until);
    const replay = await guard.firstUse('slack:v0=abc', until);
    const other = await guard.firstUse('slack:v0=def', until);
    now = new Date(NOW.getTime() + 601_000);
    const afterExpiry = await guard.firstUse('slack:v0=abc', until);

    // Assess
    expect([first, replay, other, afterExpiry]).toEqual([true, false, true, true]);
  });

  it('lets exactly one of many simultaneous uses of a key through', async () => {
    // Prepare
    const { state } = await db.freshTables();
    const guard = new DynamoDbReplayGuard({ client: db.client, tableName: state, clock: () => NOW });

    // Act
    const uses = await Promise.all(
      Array.from({ length: 8 }, () => guard.firstUse('slack:v0=same', new Date(NOW.getTime() + 600_000))),
    );

    // Assess
    expect(uses.filter(Boolean)).toHaveLength(1);
  });
});
