import { cloudTrailHistory } from '../../../lambdas/adapters/files/cloudtrail-history';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { replayHistory } from '../../../lambdas/app/replay/replay-history';
import type { ReplayProgressState } from '../../../lambdas/app/replay/replay-progress';
import { DEFAULT_REPLAY_OPTIONS } from '../../../lambdas/core/replay/session';
import {
  at,
  INCIDENT,
  lakeResults,
  logFile,
  lookupEvents,
  otherRecord,
  reauthorize8080,
  replayFixture,
} from '../../core/replay/fixtures';

const ACCOUNT = '123456789012';
const logPath = (region: string, stamp: string, gz: boolean) =>
  `AWSLogs/${ACCOUNT}/CloudTrail/${region}/2026/11/20/${ACCOUNT}_CloudTrail_${region}_${stamp}_Xy12.json${gz ? '.gz' : ''}`;

function write(root: string, files: Record<string, unknown>): void {
  for (const [name, doc] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    const text = JSON.stringify(doc);
    writeFileSync(join(root, name), name.endsWith('.gz') ? gzipSync(text) : text);
  }
}

async function replay(paths: string[], streamAboveBytes = 1 << 20) {
  const { model, config } = await replayFixture();
  const states: ReplayProgressState[] = [];
  const progress = { update: (state: ReplayProgressState) => void states.push(state), done: () => {} };
  const source = cloudTrailHistory({ streamAboveBytes });
  const summary = await replayHistory(paths, { source, model, config, options: DEFAULT_REPLAY_OPTIONS, progress });
  return { summary, states };
}

describe('replayHistory', () => {
  it('replays a folder tree of gzipped and plain log files from several regions in time order', async () => {
    // Prepare: the revoke reaches S3 in a later file than the re-authorize that undid it
    const root = mkdtempSync(join(tmpdir(), 'replay-tree-'));
    write(root, {
      [logPath('eu-west-1', '20261120T0355Z', false)]: logFile([
        otherRecord('2026-11-20T03:50:00Z', 'o1'),
        reauthorize8080('2026-11-20T03:51:40Z', 'restore'),
      ]),
      [logPath('eu-west-1', '20261120T0400Z', true)]: logFile([at(INCIDENT.revoke8080, '2026-11-20T03:42:05Z', 'revoke')]),
      [logPath('us-east-1', '20261120T0356Z', true)]: logFile([otherRecord('2026-11-20T03:52:00Z', 'o2')]),
    });

    // Act
    const { summary, states } = await replay([root]);

    // Assess
    expect(summary).toMatchObject({ records: 4, files: { read: 3, unreadable: 0 }, ordering: { late: 0 } });
    expect(summary.outages.items).toEqual([
      expect.objectContaining({
        brokenBy: expect.objectContaining({ eventId: 'revoke' }),
        restoredBy: expect.objectContaining({ eventId: 'restore' }),
      }),
    ]);
    expect(states.map((p) => [p.filesDone, p.records])).toEqual([
      [1, 2],
      [2, 3],
      [3, 4],
    ]);
    expect(states.at(-1)).toMatchObject({ days: 1, daysListed: 1, filesListed: 3, where: '2026-11-20' });
  });

  it('replays lookup-events output and Lake results together with S3 log files', async () => {
    // Prepare
    const root = mkdtempSync(join(tmpdir(), 'replay-mixed-'));
    write(root, {
      'lookup.json': lookupEvents([
        at(INCIDENT.sshToWorld, '2026-11-20T03:45:00Z', 'ssh'),
        at(INCIDENT.revoke8080, '2026-11-20T03:42:05Z', 'revoke'),
      ]),
      'lake.json': lakeResults([at(INCIDENT.terraformExempt, '2026-11-20T03:47:00Z', 'exempt')]),
      [logPath('eu-west-1', '20261120T0355Z', true)]: logFile([reauthorize8080('2026-11-20T03:51:40Z', 'restore')]),
    });

    // Act
    const { summary } = await replay([join(root, 'lookup.json'), join(root, 'lake.json'), join(root, 'AWSLogs')]);

    // Assess
    expect(summary.violations.items.map((v) => v.eventId)).toEqual(['revoke', 'ssh', 'exempt']);
    expect(summary.outages.items[0]).toMatchObject({ restoredBy: { eventId: 'restore' } });
  });

  it('gives the same report when large inputs are streamed', async () => {
    // Prepare
    const root = mkdtempSync(join(tmpdir(), 'replay-stream-'));
    write(root, {
      'lookup.json': lookupEvents([
        reauthorize8080('2026-11-20T03:51:40Z', 'restore'),
        at(INCIDENT.revoke8080, '2026-11-20T03:42:05Z', 'revoke'),
      ]),
      'lake.json.gz': lakeResults([INCIDENT.sshToWorld, INCIDENT.failedUnauthorized]),
      'log.json.gz': logFile([INCIDENT.staleSgOnEni, 5]),
    });
    const paths = ['lookup.json', 'lake.json.gz', 'log.json.gz'].map((f) => join(root, f));

    // Act
    const whole = await replay(paths);
    const streamed = await replay(paths, 0);

    // Assess
    expect(streamed.summary).toEqual(whole.summary);
    expect(whole.summary).toMatchObject({ records: 6, verdicts: { violation: 3, ok: 1, 'not-applied': 1, invalid: 1 } });
  });
});
