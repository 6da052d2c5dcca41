import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_REPLAY_OPTIONS, ReplaySession } from '../../../lambdas/core/replay/session';
import { logFile, replayFixture } from './fixtures';

type CloudTrailRecord = Record<string, unknown>;
const detail = (path: string) => (JSON.parse(readFileSync(path, 'utf8')) as { detail: CloudTrailRecord }).detail;

/** The Phantom Block launch of examples/events: two green backends whose secondary ENI carries the stale sg-0legacy789. */
const LAUNCH = detail('examples/events/10-phantom-block-launch.json');

/**
 * ModifyNetworkInterfaceAttribute --groups, shaped as test/events/eni-groups-set.eventbridge.json (see
 * test/events/SOURCES.md): the green ENI `eniId` given the backend group, which the nginx hosts may reach.
 */
function regroup(eniId: string, eventTime: string): CloudTrailRecord {
  const record = detail('test/events/eni-groups-set.eventbridge.json');
  return {
    ...record,
    eventTime,
    eventID: `regroup-${eniId}`,
    requestParameters: { networkInterfaceId: eniId, groupSet: { items: [{ groupId: 'sg-0backend123' }] } },
  };
}

describe('dependency outages in a replay: workloads', () => {
  it('opens an outage at the launch that brought the stale group and closes it when the last ENI is fixed', async () => {
    // Prepare
    const { model, config } = await replayFixture();
    const replay = new ReplaySession(model, config, DEFAULT_REPLAY_OPTIONS);
    const records = [
      { ...LAUNCH, eventTime: '2026-11-21T09:05:12Z' },
      regroup('eni-0green1b', '2026-11-21T09:30:12Z'),
      regroup('eni-0green2b', '2026-11-21T09:50:12Z'),
    ];

    // Act
    replay.document(logFile(records), 'history.json');
    const { outages } = replay.finish();

    // Assess
    expect(outages.items.map((o) => [o.dependency, o.brokenBy?.eventId, o.restoredBy?.eventId, o.durationMs, o.blockedBy])).toEqual([
      ['nginx-to-backend', LAUNCH.eventID, 'regroup-eni-0green2b', 45 * 60_000, ['sg-ingress']],
    ]);
    expect(outages.byDependency).toEqual([
      { dependency: 'nginx-to-backend', outages: 1, totalMs: 45 * 60_000, longestMs: 45 * 60_000, brokenAtEnd: false },
    ]);
  });

  it('keeps the outage open while one launched ENI still carries the stale group', async () => {
    // Prepare
    const { model, config } = await replayFixture();
    const replay = new ReplaySession(model, config, DEFAULT_REPLAY_OPTIONS);

    // Act
    replay.document(logFile([LAUNCH, regroup('eni-0green1b', '2026-11-21T09:30:12Z')]), 'history.json');
    const { outages } = replay.finish();

    // Assess
    expect(outages.items).toHaveLength(1);
    expect(outages.items[0]).toMatchObject({ dependency: 'nginx-to-backend', brokenBy: { eventId: LAUNCH.eventID } });
    expect(outages.items[0]?.restoredBy).toBeUndefined();
    expect(outages.byDependency[0]).toMatchObject({ brokenAtEnd: true });
  });
});
