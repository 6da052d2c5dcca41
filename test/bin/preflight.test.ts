import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG, run, SNAPSHOT } from './run';

const plan = (name: string) => ['--plan', `examples/plans/${name}.json`];

function tempFile(name: string, content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'sgg-plan-'));
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('sg-guardian preflight', () => {
  it.each([
    ['01-revoke-8080-from-nginx', 1, 'dependency-broken:nginx-to-backend'],
    ['02-open-8080-to-world', 1, 'world-exposure:SG-EXPOSURE-INTERNAL-APP'],
    ['03-stale-sg-on-secondary-eni', 1, 'dependency-broken:nginx-to-backend'],
    ['04-nacl-denies-return-traffic', 1, 'dependency-broken:nginx-to-backend'],
    ['05-ssh-open-to-world', 1, 'world-exposure:SG-EXPOSURE-ADMIN'],
    ['06-self-reference-removed', 1, 'dependency-broken:cache-cluster'],
    ['07-new-group-unknown-id', 0, undefined],
    ['08-move-rule-out-of-inline-block', 0, undefined],
  ])('judges examples/plans/%s.json: exit %i', async (name, exit, first) => {
    // Act
    const { code, out } = await run('preflight', ...plan(name), ...SNAPSHOT, ...CONFIG, '--json');

    // Assess
    expect(code).toBe(exit);
    const { net } = JSON.parse(out);
    expect(
      net.findings.map(
        (f: { kind: string; dependency?: string; ruleId: string }) => `${f.kind}:${f.dependency ?? f.ruleId}`,
      )[0],
    ).toBe(first);
  });

  it('flags the Phantom Block plan: the ASG will launch instances whose device 1 carries a stale group', async () => {
    // Prepare
    const policy = readFileSync('examples/guardian.yaml', 'utf8').replace(
      'dependencies:\n',
      'dependencies:\n' +
        '  - { name: phantom-web-to-backend, from: { instanceTags: { Role: web } }, ' +
        'to: { tags: { Role: backend } }, protocol: tcp, port: 8080 }\n',
    );
    const config = tempFile('guardian.yaml', policy);

    // Act
    const { code, out } = await run('preflight', ...plan('phantom-block'), ...SNAPSHOT, '--config', config, '--json');

    // Assess
    expect(code).toBe(1);
    const report = JSON.parse(out);
    const finding = report.net.findings.find(
      (f: { dependency?: string }) => f.dependency === 'phantom-web-to-backend',
    );
    expect(finding.addresses).toEqual(['aws_autoscaling_group.web']);
    // The fix names the stale group of device 1 (sg-0legacy789), not the primary's sg-0nginx456.
    expect(finding.fixes.join('\n')).toContain('referenced_security_group_id = "sg-0legacy789"');
    const group = report.resources.find((r: { address: string }) => r.address === 'aws_autoscaling_group.web');
    expect(group.changes).toEqual([
      'aws_autoscaling_group.web launches instances from lt-0web1a2b3c4d5e6 version 2 in subnet-0web1 (Env=prod, Name=web)',
    ]);
  });

  it('prints each resource change, the net effect and the verdict in text mode', async () => {
    // Act
    const { code, out } = await run(
      'preflight',
      ...plan('04-nacl-denies-return-traffic'),
      ...SNAPSHOT,
      ...CONFIG,
    );

    // Assess
    expect(code).toBe(1);
    expect(out).toContain('── aws_network_acl_rule.app_egress_100  (delete, create)');
    expect(out).toContain(
      'change:  acl-0app1: replaced with #100 egress allow tcp ports 443-443 to 0.0.0.0/0',
    );
    expect(out).toContain('✗ [critical] nginx-to-backend: tcp/8080 blocked by nacl-return');
    expect(out).toContain('resource "aws_network_acl_rule"');
    expect(out).toMatch(/verdict: VIOLATION — the plan would cause 1 finding\(s\)$/);
  });

  it('exits 0 with a warning when part of the plan cannot be judged, and 1 with --strict', async () => {
    // Act
    const lenient = await run('preflight', ...plan('07-new-group-unknown-id'), ...SNAPSHOT, ...CONFIG);
    const strict = await run(
      'preflight',
      ...plan('07-new-group-unknown-id'),
      ...SNAPSHOT,
      ...CONFIG,
      '--strict',
    );

    // Assess
    expect(lenient.code).toBe(0);
    expect(lenient.out).toContain(
      '? cannot judge aws_network_interface_sg_attachment.bastion_on_backend1.security_group_id: security_group_id is known only after apply',
    );
    expect(lenient.err).toContain('part of the plan cannot be judged before apply');
    expect(strict.code).toBe(1);
  });

  it('prints SARIF with --format sarif and also writes it with --sarif-output', async () => {
    // Prepare
    const sarifFile = join(mkdtempSync(join(tmpdir(), 'sgg-sarif-')), 'preflight.sarif');

    // Act
    const { code, out } = await run(
      'preflight',
      ...plan('05-ssh-open-to-world'),
      ...SNAPSHOT,
      ...CONFIG,
      '--format',
      'github',
      '--sarif-output',
      sarifFile,
    );
    const sarif = await run(
      'preflight',
      ...plan('05-ssh-open-to-world'),
      ...SNAPSHOT,
      ...CONFIG,
      '--format',
      'sarif',
    );

    // Assess
    expect(code).toBe(1);
    expect(out).toMatch(/^::error title=SG-EXPOSURE-ADMIN aws_security_group_rule\.backend_ssh::/);
    expect(JSON.parse(readFileSync(sarifFile, 'utf8'))).toEqual(JSON.parse(sarif.out));
    expect(JSON.parse(sarif.out).runs[0].results[0]).toMatchObject({
      ruleId: 'SG-EXPOSURE-ADMIN',
      level: 'error',
    });
  });

  it('locates resources in --tf-dir for SARIF physical locations', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'sgg-tf-'));
    mkdirSync(join(dir, 'network'));
    writeFileSync(
      join(dir, 'network', 'sg.tf'),
      '\n\nresource "aws_security_group_rule" "backend_ssh" {\n}\n',
    );

    // Act
    const { out } = await run(
      'preflight',
      ...plan('05-ssh-open-to-world'),
      ...SNAPSHOT,
      ...CONFIG,
      '--format',
      'sarif',
      '--tf-dir',
      dir,
    );

    // Assess
    const location = JSON.parse(out).runs[0].results[0].locations[0];
    expect(location.physicalLocation.artifactLocation.uri).toMatch(/network\/sg\.tf$/);
    expect(location.physicalLocation.region).toEqual({ startLine: 3 });
  });

  it('exits 2 for a plan with a bad field, naming the file and the JSON path', async () => {
    // Prepare
    const document = JSON.parse(readFileSync('examples/plans/01-revoke-8080-from-nginx.json', 'utf8'));
    document.resource_changes[1].change.after.egress[0].from_port = 'zero';
    const file = tempFile('plan.json', document);

    // Act
    const text = await run('preflight', '--plan', file, ...SNAPSHOT, ...CONFIG);
    const json = await run('preflight', '--plan', file, ...SNAPSHOT, ...CONFIG, '--json');

    // Assess
    expect(text.code).toBe(2);
    expect(text.err).toBe(
      `sg-guardian: ${file}: $.resource_changes[1].change.after.egress[0].from_port: expected a number, got "zero"`,
    );
    expect(json.code).toBe(2);
    expect(JSON.parse(json.out).error).toMatchObject({ name: 'PlanError' });
  });

  it('exits 2 for a file that is not JSON, or not a plan', async () => {
    // Prepare
    const notJson = tempFile('plan.json', '{ "format_version": ');
    const state = tempFile('state.json', { format_version: '1.0', values: { root_module: {} } });

    // Act
    const broken = await run('preflight', '--plan', notJson, ...SNAPSHOT, ...CONFIG);
    const notPlan = await run('preflight', '--plan', state, ...SNAPSHOT, ...CONFIG);

    // Assess
    expect(broken.code).toBe(2);
    expect(broken.err).toContain(`${notJson}: not valid JSON`);
    expect(notPlan.code).toBe(2);
    expect(notPlan.err).toContain(`${state}: $.resource_changes: missing: this is a state, not a plan`);
  });

  it('exits 2 for an unknown format', async () => {
    // Act
    const { code, err } = await run(
      'preflight',
      ...plan('01-revoke-8080-from-nginx'),
      ...SNAPSHOT,
      ...CONFIG,
      '--format',
      'xml',
    );

    // Assess
    expect(code).toBe(2);
    expect(err).toContain('--format: expected text, json, sarif or github, got "xml"');
  });
});
