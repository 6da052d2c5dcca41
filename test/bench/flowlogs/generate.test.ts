import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { generateFlowLogs, topologyFromSnapshot } from '../../../bench/flowlogs/generate';
import { readFlowLogs } from '../../../lambdas/adapters/files/flow-log-files';
import type { FlowRecord } from '../../../lambdas/core/flowlogs/types';

const EXAMPLE_ACCOUNT = join(__dirname, '../../../examples/account');
const tempDir = () => mkdtempSync(join(tmpdir(), 'sg-guardian-flowgen-'));

async function recordsIn(dir: string): Promise<FlowRecord[]> {
  const out: FlowRecord[] = [];
  for await (const item of readFlowLogs([dir])) {
    if (item.kind === 'problem') throw new Error(`${item.problem.source.line}: ${item.problem.reason}`);
    out.push(item.record);
  }
  return out;
}

describe('generateFlowLogs', () => {
  it('reads the services the example account opens from its rules', async () => {
    // Act
    const topology = await topologyFromSnapshot(EXAMPLE_ACCOUNT);

    // Assess
    expect(topology.enis).toHaveLength(7);
    expect(topology.services.map((s) => `${'world' in s.from ? 'world' : s.from.groupId}>${s.toGroupId}:${s.port}`)).toEqual([
      'world>sg-0nginx456:80',
      'world>sg-0nginx456:443',
      'sg-0nginx456>sg-0backend123:8080',
      'sg-0cache321>sg-0cache321:6379',
      'sg-0backend123>sg-0cache321:6379',
    ]);
  });

  it.each([2, 5] as const)('writes version-%i S3 files that read back without a problem, as many records as it says', async (version) => {
    // Prepare
    const topology = await topologyFromSnapshot(EXAMPLE_ACCOUNT);
    const out = tempDir();

    // Act
    const generated = await generateFlowLogs({ topology, out, records: 3000, recordsPerFile: 1000, version, seed: 3 });

    // Assess
    const records = await recordsIn(out);
    expect(records.filter((r) => r.logStatus === 'OK')).toHaveLength(generated.records);
    expect(generated.files).toHaveLength(3);
    expect(generated.files[0]).toMatch(
      /AWSLogs\/123456789012\/vpcflowlogs\/eu-west-1\/2026\/11\/30\/123456789012_vpcflowlogs_eu-west-1_fl-[0-9a-f]+_20261130T0000Z_[0-9a-f]{8}\.log\.gz$/,
    );
    const header = gunzipSync(readFileSync(generated.files[0]!)).toString('utf8').split('\n')[0]!;
    expect(header.split(' ')).toEqual(generated.fields);
    expect(records.every((r) => r.version === version)).toBe(true);
  });

  it('writes the connections it reports: each accepted one as request and response on both ENIs', async () => {
    // Prepare
    const topology = await topologyFromSnapshot(EXAMPLE_ACCOUNT);
    const out = tempDir();
    const address = new Map(topology.enis.map((e) => [e.id, e.address]));

    // Act
    const generated = await generateFlowLogs({ topology, out, records: 2000, version: 5, seed: 9 });

    // Assess
    const records = (await recordsIn(out)).filter((r) => r.logStatus === 'OK');
    const requests = records.filter((r) => (r.tcpFlags! & 18) === 2);
    for (const c of generated.connections.filter((c) => c.client !== 'world' && c.action === 'ACCEPT')) {
      const seen = requests.filter(
        (r) => r.srcAddr === address.get(c.client) && r.dstAddr === address.get(c.server) && r.dstPort === c.port,
      );
      expect(seen.map((r) => r.interfaceId).sort()).toEqual(
        [...Array<string>(c.connections).fill(c.client), ...Array<string>(c.connections).fill(c.server)].sort(),
      );
    }
    const rejects = records.filter((r) => r.action === 'REJECT');
    expect(rejects.length).toBe(generated.connections.filter((c) => c.action === 'REJECT').reduce((n, c) => n + c.connections, 0));
    expect(rejects.every((r) => r.flowDirection === 'ingress' && r.tcpFlags === 2)).toBe(true);
  });

  it('writes the same files for the same seed and other files for another', async () => {
    // Prepare
    const topology = await topologyFromSnapshot(EXAMPLE_ACCOUNT);
    const [a, b, c] = [tempDir(), tempDir(), tempDir()];

    // Act
    const ga = await generateFlowLogs({ topology, out: a, records: 500, seed: 5, gzip: false });
    const gb = await generateFlowLogs({ topology, out: b, records: 500, seed: 5, gzip: false });
    const gc = await generateFlowLogs({ topology, out: c, records: 500, seed: 6, gzip: false });

    // Assess
    const text = (files: string[]) => files.map((f) => readFileSync(f, 'utf8')).join('');
    expect(text(gb.files)).toBe(text(ga.files));
    expect(text(gc.files)).not.toBe(text(ga.files));
  });

  it('repeats a bounded set of conversations: more records, no more distinct ones', async () => {
    // Prepare
    const topology = await topologyFromSnapshot(EXAMPLE_ACCOUNT);
    const generate = (records: number) =>
      generateFlowLogs({ topology, out: tempDir(), records, seed: 5, conversations: 6, recordsPerFile: 2000 });

    // Act
    const [small, large] = await Promise.all([generate(400), generate(4000)]);

    // Assess
    expect(large.records).toBeGreaterThan(small.records * 5);
    expect(large.connections.length).toBeLessThanOrEqual(6);
    expect(large.connections.reduce((n, c) => n + c.connections, 0)).toBeGreaterThan(6);
  });
});
