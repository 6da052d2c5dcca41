import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG, run, SNAPSHOT } from './run';

const dir = mkdtempSync(join(tmpdir(), 'sgg-bad-'));

describe('bad input', () => {
  it('exits 2 naming a config file that does not exist', async () => {
    // Act
    const { code, err } = await run('check', ...SNAPSHOT, '--config', join(dir, 'nope.yaml'));

    // Assess
    expect(code).toBe(2);
    expect(err).toContain(`${join(dir, 'nope.yaml')}: invalid configuration`);
    expect(err).toContain('cannot read file');
  });

  it('exits 2 naming the config file, the field path, the line and what was expected', async () => {
    // Prepare
    const file = join(dir, 'guardian.yaml');
    writeFileSync(
      file,
      'dependencies:\n  - name: x\n    from: { groupId: sg-0a }\n    to: { groupId: sg-0b }\n    port: 99999\n',
    );

    // Act
    const { code, out } = await run('check', ...SNAPSHOT, '--config', file, '--json');

    // Assess
    expect(code).toBe(2);
    const { error } = JSON.parse(out);
    expect(error).toMatchObject({ name: 'ConfigError', file });
    expect(error.issues).toEqual([expect.objectContaining({ path: 'dependencies[0].port', line: 5 })]);
    expect(error.issues[0].message).toMatch(/<=65535/);
  });

  it('exits 2 naming a required snapshot file that is missing', async () => {
    // Act
    const { code, err } = await run('check', '--snapshot', dir, ...CONFIG);

    // Assess
    expect(code).toBe(2);
    expect(err).toMatch(/describe-security-groups\.json/);
  });

  it('exits 2 naming the snapshot file and field that is malformed', async () => {
    // Prepare
    const snap = mkdtempSync(join(tmpdir(), 'sgg-snap-'));
    writeFileSync(
      join(snap, 'describe-security-groups.json'),
      JSON.stringify({
        SecurityGroups: [
          {
            GroupId: 'sg-0a',
            GroupName: 'a',
            IpPermissions: [{ IpProtocol: 'tcp', FromPort: '22', ToPort: 22 }],
          },
        ],
      }),
    );
    writeFileSync(join(snap, 'describe-network-interfaces.json'), JSON.stringify({ NetworkInterfaces: [] }));

    // Act
    const { code, err } = await run('check', '--snapshot', snap, ...CONFIG);

    // Assess
    expect(code).toBe(2);
    expect(err).toContain('describe-security-groups.json: SecurityGroups[0].IpPermissions[0].FromPort');
  });

  it('exits 2 naming an events file that is not JSON', async () => {
    // Prepare
    const file = join(dir, 'events.json');
    writeFileSync(file, '{"Records": [');

    // Act
    const { code, err } = await run('evaluate', ...SNAPSHOT, ...CONFIG, '--events', file);

    // Assess
    expect(code).toBe(2);
    expect(err).toContain(`${file}: not valid JSON`);
  });

  it('exits 2 for an unknown option or format', async () => {
    // Act
    const unknownOption = await run('check', ...SNAPSHOT, ...CONFIG, '--colour');
    const badFormat = await run('check', ...SNAPSHOT, ...CONFIG, '--format', 'yaml');

    // Assess
    expect(unknownOption.code).toBe(2);
    expect(badFormat.code).toBe(2);
    expect(badFormat.err).toBe('sg-guardian: --format: expected text, json or mermaid, got "yaml"');
  });
});
