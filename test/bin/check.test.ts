import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSnapshotModel, writeSnapshotFolder } from '../../lambdas/adapters/files/snapshot-files';
import { applyChange } from '../../lambdas/core/state/apply-change';
import { loadExamples } from '../support/examples';
import { CONFIG, run, SNAPSHOT } from './run';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The example account after one of the example events, written as a snapshot folder. */
async function snapshotAfter(eventName: string): Promise<string> {
  const { model, events } = await loadExamples();
  const event = events[eventName]!;
  if (event.status !== 'parsed') throw new Error('not a change');
  const dir = mkdtempSync(join(tmpdir(), 'sgg-check-'));
  dirs.push(dir);
  await writeSnapshotFolder(dir, applyChange(model, event.change).model);
  return dir;
}

describe('sg-guardian check', () => {
  it('exits 0 and lists every dependency as reachable on the healthy example account', async () => {
    // Act
    const { code, out } = await run('check', ...SNAPSHOT, ...CONFIG);

    // Assess
    expect(code).toBe(0);
    expect(out).toContain('✓ nginx-to-backend (tcp/8080): reachable on 6 ENI pair(s)');
    expect(out).toContain('✓ cache-cluster (tcp/6379): reachable on 2 ENI pair(s)');
    expect(out).toContain('Result: OK');
  });

  it('says the result is partial when a layer could not be evaluated (no NACL file)', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'sgg-check-'));
    dirs.push(dir);
    cpSync('examples/account', dir, { recursive: true });
    rmSync(join(dir, 'describe-network-acls.json'));

    // Act
    const text = await run('check', '--snapshot', dir, ...CONFIG);
    const json = await run('check', '--snapshot', dir, ...CONFIG, '--json');

    // Assess
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/Result: OK \(partial: \d+ check\(s\) not evaluated/);
    expect(text.out).not.toMatch(/Result: OK$/m);
    expect(JSON.parse(json.out)).toMatchObject({ violation: false, partial: true });
  });

  it('exits 1 and names the blocking layer and the SG-to-SG fix when a dependency is broken', async () => {
    // Prepare
    const dir = await snapshotAfter('01-revoke-8080-from-nginx');

    // Act
    const { code, out } = await run('check', '--snapshot', dir, ...CONFIG);

    // Assess
    expect(code).toBe(1);
    expect(out).toContain('✗ nginx-to-backend (tcp/8080): BLOCKED by sg-ingress');
    expect(out).toContain('--group-id sg-0backend123');
    expect(out).not.toContain('0.0.0.0/0');
  });

  it('reports world exposure in JSON with the group, ports and severity', async () => {
    // Prepare
    const dir = await snapshotAfter('05-ssh-open-to-world');

    // Act
    const { code, out } = await run('check', '--snapshot', dir, ...CONFIG, '--json');

    // Assess
    expect(code).toBe(1);
    const report = JSON.parse(out);
    expect(report.dependencies.map((d: { status: string }) => d.status)).toEqual([
      'reachable',
      'reachable',
      'reachable',
    ]);
    expect(report.exposures).toEqual([
      expect.objectContaining({
        kind: 'world-exposure',
        groupId: 'sg-0backend123',
        severity: 'critical',
        ports: [{ from: 22, to: 22 }],
      }),
    ]);
  });

  it('draws the dependency graph in Mermaid with broken edges dashed and red', async () => {
    // Prepare
    const dir = await snapshotAfter('04-nacl-denies-return-traffic');

    // Act
    const { out } = await run('check', '--snapshot', dir, ...CONFIG, '--format', 'mermaid');

    // Assess
    const lines = out.split('\n');
    expect(lines[0]).toBe('flowchart LR');
    expect(out).toContain(
      'sg_0nginx456 -.->|"✗ nginx-to-backend: tcp/8080 blocked by nacl-return"| sg_0backend123',
    );
    expect(out).toContain('sg_0backend123 -->|"backend-to-cache: tcp/6379"| sg_0cache321');
    expect(out).toContain('linkStyle 0 stroke:#d62728');
  });

  it('says a layer was not evaluated when its snapshot file is missing, instead of allowing it', async () => {
    // Prepare: the same account without describe-network-acls.json
    const model = await loadSnapshotModel('examples/account');
    const dir = mkdtempSync(join(tmpdir(), 'sgg-nonacl-'));
    dirs.push(dir);
    await writeSnapshotFolder(dir, model);
    rmSync(join(dir, 'describe-network-acls.json'));

    // Act
    const { out } = await run('check', '--snapshot', dir, ...CONFIG);

    // Assess
    expect(out).toMatch(/not evaluated: .*nacl-outbound/);
    expect(out).toContain('nginx-to-backend: nacl-return not evaluated');
  });
});
