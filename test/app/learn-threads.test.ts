import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateFlowLogs, topologyFromSnapshot } from '../../bench/flowlogs/generate';
import { readFlowLogBatches } from '../../lambdas/adapters/files/flow-log-files';
import { loadSnapshotModel } from '../../lambdas/adapters/files/snapshot-files';
import { learnFromFlowLogs } from '../../lambdas/app/learn';
import { toLearnJson } from '../../lambdas/app/render/learn-json';

const ACCOUNT = 'examples/account';

/** The learn JSON of a pass over `paths` digested in `threads` thread(s). */
async function learnJson(paths: string[], threads: number, window: { since?: number } = {}) {
  const model = await loadSnapshotModel(ACCOUNT);
  const report = await learnFromFlowLogs(paths, { source: readFlowLogBatches, model }, { threads, ...window });
  return JSON.stringify(toLearnJson(report), null, 2);
}

describe('learn in worker threads', () => {
  it('learns exactly what one thread learns from the example flow logs', async () => {
    // Act
    const single = await learnJson(['examples/flow-logs'], 1);
    const threaded = await learnJson(['examples/flow-logs'], 2);
    // Assess
    expect(JSON.parse(single)).toHaveProperty('counts.records', 1284);
    expect(threaded).toBe(single);
  });

  it.each([2, 5] as const)('learns exactly what one thread learns from generated version %i flow logs in many files', async (version) => {
    // Prepare: 9 files, so each worker reads several and they finish out of order
    const out = mkdtempSync(join(tmpdir(), 'learn-threads-'));
    await generateFlowLogs({ topology: await topologyFromSnapshot(ACCOUNT), out, records: 9000, seed: 11, version, recordsPerFile: 1000 });
    const since = Date.parse('2026-11-30T00:12:00Z') / 1000;
    // Act
    const single = await learnJson([out], 1, { since });
    const threaded = await learnJson([out], 2, { since });
    const three = await learnJson([out], 3, { since });
    // Assess
    expect((JSON.parse(single) as { counts: { records: number } }).counts.records).toBeGreaterThanOrEqual(9000);
    expect(threaded).toBe(single);
    expect(three).toBe(single);
  });
});
