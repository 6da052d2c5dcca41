import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lambdas/core/config/parse-config';
import { CONFIG, run, SNAPSHOT } from './run';

const FLOW_LOGS = ['--flow-logs', 'examples/flow-logs'];
const INCIDENT = ['--events', 'examples/events/01-revoke-8080-from-nginx.json'];

describe('sg-guardian learn', () => {
  it('learns the declared dependencies from the example flow logs and ties the REJECTs to the revoke', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'learn-cli-'));
    const out = join(dir, 'learned.yaml');
    const html = join(dir, 'learn.html');
    // Act
    const r = await run('learn', ...SNAPSHOT, ...FLOW_LOGS, ...CONFIG, ...INCIDENT, '--out', out, '--html', html);
    // Assess
    expect(r.code).toBe(0);
    expect(r.out).toContain('Proposed dependencies (3; 3 already declared, 0 new)');
    expect(r.out).toContain("REJECTs from nginx to backend:8080 began 03:42:09, 4 s after user/alice's RevokeSecurityGroupIngress");
    const config = parseConfig(readFileSync(out, 'utf8'), out);
    expect(config.dependencies.map((d) => [d.name, d.port])).toEqual([
      ['backend-to-cache', 6379],
      ['cache-to-cache', 6379],
      ['nginx-to-backend', 8080],
    ]);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<svg class="graph"');
    expect(page).toContain('#c0392b');
  });

  it('prints JSON with --json', async () => {
    // Act
    const r = await run('learn', ...SNAPSHOT, ...FLOW_LOGS, '--json');
    // Assess
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { proposed: { dependency: { name: string }; declaredAs: string | null }[] };
    expect(json.proposed.map((p) => p.dependency.name)).toEqual(['backend-to-cache', 'cache-to-cache', 'nginx-to-backend']);
    expect(json.proposed.every((p) => p.declaredAs === null)).toBe(true);
  });

  it.each([
    ['a missing flow-log path', ['--flow-logs', 'no/such/dir'], /^sg-guardian: no\/such\/dir: no such file or folder/],
    ['a bad --since', [...FLOW_LOGS, '--since', 'yesterday'], /^sg-guardian: --since: expected an ISO-8601 time/],
    ['--until before --since', [...FLOW_LOGS, '--since', '2026-11-20T04:00:00Z', '--until', '2026-11-20T03:00:00Z'], /^sg-guardian: --until .* is before --since/],
    ['a bad --threads', [...FLOW_LOGS, '--threads', '0'], /^sg-guardian: --threads: expected a number of threads from 1, or auto, got "0"$/],
  ])('exits 2 with one line for %s', async (_name, args, message) => {
    // Act
    const r = await run('learn', ...SNAPSHOT, ...args);
    // Assess
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err).toMatch(message);
  });

  it('exits 2 when --flow-logs is missing', async () => {
    // Act
    const r = await run('learn', ...SNAPSHOT);
    // Assess
    expect(r.code).toBe(2);
    expect(r.err).toContain("required option '--flow-logs <path...>' not specified");
  });

  it('learns the same in worker threads, from source and from the bundled bin, as in one thread', async () => {
    // Prepare: a build of its own (dist/ may be rebuilt by another test at the same time)
    const dist = mkdtempSync(join(tmpdir(), 'learn-dist-'));
    execFileSync(process.execPath, ['scripts/build-cli.mjs', dist]);
    const args = ['learn', ...SNAPSHOT, ...FLOW_LOGS, ...INCIDENT, '--json'];
    // Act
    const single = await run(...args, '--threads', '1');
    const threaded = await run(...args, '--threads', '3');
    const bundled = execFileSync(process.execPath, [join(dist, 'cli.js'), ...args, '--threads', '2'], { encoding: 'utf8' });
    // Assess
    expect(single.code).toBe(0);
    expect(JSON.parse(single.out)).toHaveProperty('counts.records', 1284);
    expect(threaded.out).toBe(single.out);
    expect(bundled.trimEnd()).toBe(single.out.trimEnd());
  });
});
