import { describe, expect, it } from 'vitest';
import { CONFIG, run, SNAPSHOT } from './run';

describe('help that teaches', () => {
  it.each(['check', 'explain', 'evaluate', 'demo', 'audit', 'preflight', 'snapshot', 'replay'])(
    '%s --help ends with an example of the command',
    async (command) => {
      // Act
      const { code, out } = await run(command, '--help');

      // Assess
      expect(code).toBe(0);
      expect(out).toMatch(new RegExp(`Examples?:\\n  \\$ .*sg-guardian ${command}`));
    },
  );

  it('marks required options and shows defaults', async () => {
    // Act
    const { out } = await run('check', '--help');

    // Assess
    expect(out).toMatch(/--snapshot <dir>\s+\(required\) snapshot folder/);
    expect(out).toMatch(/--format <format>\s+text \| json \| mermaid \(default: "text"\)/);
    expect(out).not.toMatch(/--json\s+\(required\)/);
  });

  it('lists every protocol value explain accepts', async () => {
    // Act
    const { out } = await run('explain', '--help');

    // Assess
    expect(out.replace(/\s+/g, ' ')).toMatch(/tcp \| udp \| icmp \| icmpv6 \| all \(or -1\) \| an IANA protocol number 0-255/);
  });

  it.each([
    ['check --json --format mermaid', ['check', ...SNAPSHOT, ...CONFIG, '--json', '--format', 'mermaid'], /--json and --format mermaid cannot be used together/],
    ['demo --serve --json', ['demo', '--serve', '--json', '--port', '0'], /--serve and --json cannot be used together/],
    [
      'preflight --json --format sarif',
      ['preflight', '--plan', 'examples/plans/x.json', ...SNAPSHOT, ...CONFIG, '--json', '--format', 'sarif'],
      /--json and --format sarif cannot be used together/,
    ],
  ])('rejects conflicting flags: %s', async (_, argv, message) => {
    // Act
    const { code, out, err } = await run(...argv);

    // Assess
    expect(code).toBe(2);
    expect(`${out}${err}`).toMatch(message);
  });

  it('still takes --json with --format json', async () => {
    // Act
    const { code, out } = await run('check', ...SNAPSHOT, ...CONFIG, '--json', '--format', 'json');

    // Assess
    expect(code).toBe(0);
    expect(JSON.parse(out)).toHaveProperty('dependencies');
  });
});
