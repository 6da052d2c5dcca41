import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './run';

describe('sg-guardian demo', () => {
  it('judges, notifies and reverts the example incidents, then checks the whole account for what is still open', async () => {
    // Act
    const { code, out } = await run('demo');
    const after = out.slice(out.indexOf('▶ after the guardrail'));

    // Assess
    expect(code).toBe(0);
    expect(out).toContain('▶ 01-revoke-8080-from-nginx.json');
    expect(out).toContain('🚨 [critical] nginx-to-backend: tcp/8080 blocked by nacl-return');
    expect(out).toContain('return traffic: acl-0app1 * (default) denies tcp 1024-65535 to 10.0.1.10');
    expect(out).toContain('verdict: NOT APPLIED — Client.UnauthorizedOperation');
    expect(out).toContain('✉ nothing sent: no action to report');
    expect(out).toContain('action: notify (exempt principal arn:aws:iam::123456789012:role/terraform-ci)');
    expect(out.match(/✅ Auto-revert: reverted/g)).toHaveLength(8);
    expect(out).toContain('12 incidents, 8 reverted automatically.');
    // What stays open is shown: the exempt change's exposure and the launched instances' stale ENIs.
    expect(after).toContain('World exposure');
    expect(after).toMatch(/✗ \[high\] .*tcp 8000 on sg-0legacy789/);
    expect(after).toContain('✗ nginx-to-backend (tcp/8080): BLOCKED by sg-ingress');
    expect(after).toContain('eni-0green1b');
    expect(after).toContain('✓ cache-cluster (tcp/6379): reachable on 2 ENI pair(s)');
    expect(after).toContain('Result: VIOLATION');
  });

  it('tells the Phantom Block story: the template version before any instance, the launch, never undone', async () => {
    // Act
    const { out } = await run('demo');
    const section = (file: string) => out.slice(out.indexOf(`▶ ${file}`)).split('\n▶ ')[0]!;

    // Assess
    expect(section('09-phantom-block-template-version.json')).toContain(
      'nginx-to-backend: instances launched from lt-0backend9f8e7d6c v2 (Role=backend) will be unreachable from nginx on tcp/8080 through device 1 (sg-0legacy789)',
    );
    expect(section('09-phantom-block-template-version.json')).toContain('aws ec2 create-launch-template-version');
    expect(section('10-phantom-block-launch.json')).toContain('launched i-0green1, i-0green2');
    expect(section('10-phantom-block-launch.json')).toContain('eni-0nginx1a (10.0.1.10) → eni-0green1b (10.0.2.43): sg-ingress');
    expect(section('10-phantom-block-launch.json')).toContain('aws ec2 modify-network-interface-attribute --network-interface-id eni-0green1b --groups sg-0legacy789 sg-0backend123');
    expect(section('10-phantom-block-launch.json')).toContain('action: notify (a launch is never undone (no instance is terminated)');
    expect(section('10-phantom-block-launch.json')).not.toContain('Auto-revert');
    expect(section('11-instance-groups-replaced.json')).toContain('✅ Auto-revert: reverted');
    expect(section('12-ssh-open-as-two-halves.json')).toContain('0.0.0.0/1 + 128.0.0.0/1 (the whole IPv4 internet');
  });

  it('shows each notification as it would be sent: the SNS subject and the Slack message as text', async () => {
    // Act
    const { out } = await run('demo');
    const section = (file: string) => out.slice(out.indexOf(`▶ ${file}`)).split('\n▶ ')[0]!;

    // Assess
    expect(section('01-revoke-8080-from-nginx.json').split('\n').slice(1, 4)).toEqual([
      '   ✉ SNS subject: [critical] sg-guardian: nginx-to-backend broken on sg-0backend123 — reverted',
      '   ┌─ Slack message ─────────────────────────────',
      '   │ 🚨 CRITICAL: nginx-to-backend broken by RevokeSecurityGroupIngress on sg-0backend123 — reverted',
    ]);
    expect(section('01-revoke-8080-from-nginx.json')).toContain(
      '   │ What changed: sg-0backend123: removed ingress tcp/8080 from sg-0nginx456',
    );
    expect(section('01-revoke-8080-from-nginx.json')).toMatch(/ {3}│ {5}aws ec2 authorize-security-group-ingress --group-id sg-0backend123 /);
    expect(section('01-revoke-8080-from-nginx.json')).toMatch(/│ Security group sg-0backend123 ‹https:\/\/eu-west-1\.console\.aws\.amazon\.com\//);
    // The exempt change awaits a decision: the bot message offers Revert and Keep.
    expect(section('08-terraform-exempt.json')).toContain(
      '✉ SNS subject: [high] sg-guardian: tcp/8000 open to the world on sg-0legacy789 — awaiting decision',
    );
    expect(section('08-terraform-exempt.json')).toContain('   │ [ Revert ]  [ Keep ]');
    // A launch is never undone: the fix is offered instead.
    expect(section('09-phantom-block-template-version.json')).toContain('   │ [ Apply fix ]  [ Keep ]');
    // No mrkdwn left: emoji codes, emphasis markers, entities, code fences.
    expect(out).not.toMatch(/:(?:rotating_light|red_circle|white_check_mark|warning|x):|\*What changed|&lt;|```/);
  });

  it('runs from any folder with the examples that ship with the package', async () => {
    // Prepare
    const elsewhere = mkdtempSync(join(tmpdir(), 'sg-guardian-elsewhere-'));
    const cwd = process.cwd();

    // Act
    process.chdir(elsewhere);
    const result = await run('demo').finally(() => process.chdir(cwd));
    rmSync(elsewhere, { recursive: true, force: true });

    // Assess
    expect(result.code).toBe(0);
    expect(result.out).toContain(`12 incidents from ${join(cwd, 'examples', 'events')}`);
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
      'violation', 'violation', 'violation', 'violation',
    ]);
    expect(report.results[0]).toMatchObject({
      file: '01-revoke-8080-from-nginx.json',
      revertOutcome: 'reverted',
      notification: {
        subject: '[critical] sg-guardian: nginx-to-backend broken on sg-0backend123 — reverted',
        severity: 'critical',
        state: 'reverted',
      },
    });
    expect(report.results[0].notification.slack).toMatch(/^🚨 CRITICAL: nginx-to-backend broken by RevokeSecurityGroupIngress/);
    expect(report.results[5].notification).toBeUndefined(); // not applied: nothing is sent
    expect(report.after.filter((d: { status: string }) => d.status !== 'reachable')).toEqual([
      { dependency: 'nginx-to-backend', status: 'blocked' },
    ]);
    expect(report.exposuresAfter.map((f: { groupId: string }) => f.groupId)).toEqual(['sg-0legacy789']);
    expect(report.reverted).toBe(8);
  });
});
