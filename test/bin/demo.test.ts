import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { run } from './run';

describe('sg-guardian demo', () => {
  it('judges, notifies and reverts the example incidents and ends with every dependency restored', async () => {
    // Act
    const { code, out } = await run('demo');

    // Assess
    expect(code).toBe(0);
    expect(out).toContain('▶ 01-revoke-8080-from-nginx.json');
    expect(out).toContain('✗ [critical] nginx-to-backend: tcp/8080 blocked by nacl-return');
    expect(out).toContain('verdict: NOT APPLIED — Client.UnauthorizedOperation');
    expect(out).toContain('action:  notify (exempt principal arn:aws:iam::123456789012:role/terraform-ci)');
    expect(out.match(/revert: {2}reverted/g)).toHaveLength(6);
    expect(out).toContain('✓ nginx-to-backend (tcp/8080): reachable on 6 ENI pair(s)');
    expect(out).toContain('✓ cache-cluster (tcp/6379): reachable on 2 ENI pair(s)');
    expect(out).toContain('8 incidents, 6 reverted automatically.');
  });
});

describe('the bundled sg-guardian bin', () => {
  it('runs with plain node after the build npm ci runs', () => {
    // Prepare
    execFileSync(process.execPath, ['scripts/build-cli.mjs']);

    // Act
    const out = execFileSync(
      process.execPath,
      [
        'dist/cli.js',
        'check',
        '--snapshot',
        'examples/account',
        '--config',
        'examples/guardian.yaml',
        '--json',
      ],
      { encoding: 'utf8' },
    );

    // Assess
    expect(JSON.parse(out).violation).toBe(false);
  });
});

describe('sg-guardian demo --json', () => {
  it('prints each incident with its verdict and revert outcome, and the dependencies after', async () => {
    // Act
    const { code, out } = await run('demo', '--json');

    // Assess
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report.results.map((r: { verdict: string }) => r.verdict)).toEqual([
      'violation', 'violation', 'violation', 'violation', 'violation', 'not-applied', 'violation', 'violation',
    ]);
    expect(report.results[0]).toMatchObject({ file: '01-revoke-8080-from-nginx.json', revertOutcome: 'reverted' });
    expect(report.after.every((d: { status: string }) => d.status === 'reachable')).toBe(true);
    expect(report.reverted).toBe(6);
  });
});
