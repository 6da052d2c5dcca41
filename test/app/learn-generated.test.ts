import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateFlowLogs, topologyFromSnapshot } from '../../bench/flowlogs/generate';
import { readFlowLogBatches } from '../../lambdas/adapters/files/flow-log-files';
import { loadSnapshotModel } from '../../lambdas/adapters/files/snapshot-files';
import { checkAccount } from '../../lambdas/app/check-account';
import { learnFromFlowLogs } from '../../lambdas/app/learn';
import { parseConfig } from '../../lambdas/core/config/parse-config';

const ACCOUNT = 'examples/account';

async function learnGenerated(version: 2 | 5, seed: number) {
  const out = mkdtempSync(join(tmpdir(), 'learn-gen-'));
  const generated = await generateFlowLogs({
    topology: await topologyFromSnapshot(ACCOUNT),
    out,
    records: 4000,
    seed,
    version,
    recordsPerFile: 1500,
  });
  const model = await loadSnapshotModel(ACCOUNT);
  const report = await learnFromFlowLogs([out], { source: readFlowLogBatches, model });
  return { generated, model, report };
}

/** (client ENI, server ENI, port) of every accepted edge between two ENIs of the account. */
function learnedTriples(report: Awaited<ReturnType<typeof learnFromFlowLogs>>): string[] {
  const triples = new Set<string>();
  for (const p of report.proposal.proposed)
    for (const [c, s] of p.eniPairs) triples.add(`${c} ${s} ${p.dependency.port}`);
  return [...triples].sort();
}

describe('learn on generated traffic', () => {
  it.each([2, 5] as const)('learns exactly the generated dependencies from version %i flow logs', async (version) => {
    // Prepare
    const { generated, report } = await learnGenerated(version, 7);
    const expected = generated.connections
      .filter((c) => c.action === 'ACCEPT' && c.client !== 'world')
      .map((c) => `${c.client} ${c.server} ${c.port}`);
    // Act
    const learned = learnedTriples(report);
    // Assess
    expect(learned.length).toBeGreaterThan(0);
    expect(learned).toEqual([...new Set(expected)].sort());
  });

  it('never turns return traffic into a dependency', async () => {
    // Prepare
    const { report } = await learnGenerated(2, 11);
    // Act
    const ports = report.proposal.proposed.map((p) => p.dependency.port ?? 0);
    // Assess: responses were seen and folded, and no proposal is on an ephemeral port
    expect(report.counts.returnTraffic).toBeGreaterThan(0);
    expect(ports.every((port) => port < 32768)).toBe(true);
    expect(report.proposal.external.every((e) => (e.port ?? 0) < 32768)).toBe(true);
  });

  it('proposes a config that passes check on the snapshot it was learned from', async () => {
    // Prepare
    const { model, report } = await learnGenerated(5, 3);
    // Act
    const config = parseConfig(report.yaml, 'learned.yaml');
    const check = checkAccount(model, config);
    // Assess
    expect(config.dependencies.length).toBe(report.proposal.proposed.length);
    expect(check.dependencies.map((d) => [d.dependency, d.status])).toEqual(
      config.dependencies.map((d) => [d.name, 'reachable']),
    );
  });
});
