import { describe, expect, it } from 'vitest';
import { parseRecord } from '../../../lambdas/core/events/parse';
import { DEFAULT_REPLAY_OPTIONS, ReplaySession } from '../../../lambdas/core/replay/session';
import { applyChange } from '../../../lambdas/core/state/apply-change';
import { at, INCIDENT, logFile, otherRecord, reauthorize8080, replayFixture } from './fixtures';

describe('dependency outages in a replay', () => {
  it('runs from the change that broke a dependency to the change that restored it', async () => {
    // Prepare
    const { model, config } = await replayFixture();
    const replay = new ReplaySession(model, config, DEFAULT_REPLAY_OPTIONS);
    const records = [
      at(INCIDENT.revoke8080, '2026-11-20T03:00:00Z', 'break-1'),
      reauthorize8080('2026-11-20T03:10:00Z', 'fix-1'),
      at(INCIDENT.revoke8080, '2026-11-20T04:00:00Z', 'break-2'),
      reauthorize8080('2026-11-20T05:00:00Z', 'fix-2'),
    ];

    // Act
    replay.document(logFile(records), 'a.json');
    const { outages } = replay.finish();

    // Assess
    expect(outages.items.map((o) => [o.brokenBy?.eventId, o.restoredBy?.eventId, o.durationMs, o.blockedBy])).toEqual([
      ['break-1', 'fix-1', 600_000, ['sg-ingress']],
      ['break-2', 'fix-2', 3_600_000, ['sg-ingress']],
    ]);
    expect(outages.byDependency).toEqual([
      { dependency: 'nginx-to-backend', outages: 2, totalMs: 4_200_000, longestMs: 3_600_000, brokenAtEnd: false },
    ]);
  });

  it('reports a dependency still broken at the end, for as long as the history lasts', async () => {
    // Prepare
    const { model, config } = await replayFixture();
    const replay = new ReplaySession(model, config, DEFAULT_REPLAY_OPTIONS);

    // Act
    const records = [at(INCIDENT.revoke8080, '2026-11-20T03:00:00Z', 'break'), otherRecord('2026-11-20T05:30:00Z', 'last')];
    replay.document(logFile(records), 'a.json');
    const { outages } = replay.finish();

    // Assess
    expect(outages.items).toEqual([
      expect.objectContaining({ brokenBy: expect.objectContaining({ eventId: 'break' }), durationMs: 9_000_000 }),
    ]);
    expect(outages.items[0]?.restoredBy).toBeUndefined();
    expect(outages.byDependency[0]).toMatchObject({ dependency: 'nginx-to-backend', brokenAtEnd: true });
  });

  it('opens an outage with no breaking event for a dependency already broken in the snapshot', async () => {
    // Prepare
    const { model, config } = await replayFixture();
    const revoke = parseRecord({ path: '$', record: INCIDENT.revoke8080 });
    if (revoke.status !== 'parsed') throw new Error('fixture');
    const broken = applyChange(model, revoke.change).model;
    const replay = new ReplaySession(broken, config, DEFAULT_REPLAY_OPTIONS);

    // Act
    replay.document(logFile([reauthorize8080('2026-11-20T03:10:00Z', 'fix')]), 'a.json');
    const { outages } = replay.finish();

    // Assess
    expect(outages.items).toEqual([
      expect.objectContaining({ dependency: 'nginx-to-backend', restoredBy: expect.objectContaining({ eventId: 'fix' }) }),
    ]);
    expect(outages.items[0]?.brokenBy).toBeUndefined();
    expect(outages.items[0]?.durationMs).toBeUndefined();
  });
});
