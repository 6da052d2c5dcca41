import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDemoServer } from '../../bin/commands/demo-serve';
import { run } from './run';

describe('sg-guardian demo --serve', () => {
  it('refuses a port that is not one', async () => {
    // Act
    const { code, err } = await run('demo', '--serve', '--port', '70000');

    // Assess
    expect(code).toBe(2);
    expect(err).toContain('--port 70000: not a port');
  });

  it('copies the account to the working folder and never writes examples/', async () => {
    // Prepare
    const workdir = mkdtempSync(join(tmpdir(), 'sg-guardian-demo-'));
    const examplesBefore = readFileSync('examples/account/describe-security-groups.json', 'utf8');
    const out: string[] = [];

    // Act
    const server = await startDemoServer(
      'examples',
      { out: (t) => out.push(t), err: () => {} },
      { port: 0, workdir },
    );
    const page = await fetch(server.links[0]!.url);
    await server.close();

    // Assess
    expect(server.accountDir).toBe(join(workdir, 'account'));
    expect(server.links).toHaveLength(9);
    expect(page.status).toBe(200);
    expect(readFileSync('examples/account/describe-security-groups.json', 'utf8')).toBe(examplesBefore);
    expect(readFileSync(join(workdir, 'account', 'describe-security-groups.json'), 'utf8')).not.toBe(
      examplesBefore,
    );
    expect(out.join('\n')).toContain('▶ 07-self-reference-removed.json');
    rmSync(workdir, { recursive: true, force: true });
  });
});
