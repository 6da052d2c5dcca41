import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { diagnostics, runCommand } from '../../bin/commands/shared';
import { run } from './run';

/** A loopback port that refuses connections: bound once, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let workdir: string;
beforeAll(() => {
  workdir = mkdtempSync(join(tmpdir(), 'sg-guardian-fails-'));
});
afterAll(() => rmSync(workdir, { recursive: true, force: true }));
afterEach(() => {
  vi.unstubAllEnvs();
  diagnostics.verbose = false;
});

/** No credentials anywhere, no instance metadata lookups, one attempt per call. */
function isolatedAws(env: Record<string, string> = {}): void {
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(workdir, 'none'));
  vi.stubEnv('AWS_CONFIG_FILE', join(workdir, 'none'));
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  vi.stubEnv('AWS_MAX_ATTEMPTS', '1');
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  for (const key of ['AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL'])
    vi.stubEnv(key, undefined as unknown as string);
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
}

const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret' };

/** One line on stderr, no stack frame. */
function expectOneCleanLine(err: string): void {
  expect(err.split('\n').filter((l) => l.trim() !== '')).toHaveLength(1);
  expect(err).not.toMatch(/^\s+at /m);
}

describe('every command fails cleanly', () => {
  it('audit with no credentials: exit 2, one line saying how to provide them', async () => {
    // Prepare
    isolatedAws({ AWS_ENDPOINT_URL: `http://127.0.0.1:${await closedPort()}` });

    // Act
    const result = await run('audit', '--group', 'sg-0abc', '--table', 'audit');

    // Assess
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^sg-guardian: no AWS credentials found: .*AWS_PROFILE/);
    expectOneCleanLine(result.err);
  });

  it('audit against an endpoint that refuses connections: exit 2, names the address', async () => {
    // Prepare
    const port = await closedPort();
    isolatedAws({ ...CREDENTIALS, AWS_ENDPOINT_URL: `http://127.0.0.1:${port}` });

    // Act
    const result = await run('audit', '--group', 'sg-0abc', '--table', 'audit');

    // Assess
    expect(result.code).toBe(2);
    expect(result.err).toContain(`connection refused by 127.0.0.1:${port}`);
    expect(result.err).toContain('AWS_ENDPOINT_URL');
    expectOneCleanLine(result.err);
  });

  it('audit when the endpoint name does not resolve: exit 2, a DNS message', async () => {
    // Prepare
    isolatedAws({ ...CREDENTIALS, AWS_ENDPOINT_URL: 'http://sg-guardian-test.invalid:8000' });

    // Act
    const result = await run('audit', '--group', 'sg-0abc', '--table', 'audit');

    // Assess
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/sg-guardian-test\.invalid/);
    expect(result.err).toMatch(/DNS/);
    expectOneCleanLine(result.err);
  });

  it('snapshot against an endpoint that refuses connections: exit 2, names the EC2 call, writes nothing', async () => {
    // Prepare
    const port = await closedPort();
    isolatedAws({ ...CREDENTIALS, AWS_ENDPOINT_URL: `http://127.0.0.1:${port}` });
    const out = join(workdir, 'snapshot');

    // Act
    const result = await run('snapshot', '--out', out);

    // Assess
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^sg-guardian: ec2:Describe\w+ failed: connection refused by 127\.0\.0\.1:/);
    expectOneCleanLine(result.err);
  });

  it('demo --serve on a port already taken: exit 2, says to choose another --port', async () => {
    // Prepare
    const busy: Server = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port } = busy.address() as { port: number };

    // Act
    const result = await run('demo', '--serve', '--port', String(port), '--workdir', join(workdir, 'demo'));
    await new Promise<void>((resolve) => busy.close(() => resolve()));

    // Assess
    expect(result.code).toBe(2);
    expect(result.err).toMatch(new RegExp(`127\\.0\\.0\\.1:${port} is already in use: choose another --port`));
    expectOneCleanLine(result.err);
  });

  it('a bug is exit 70 with a hint, and --verbose shows its stack', async () => {
    // Prepare
    const err: string[] = [];
    const io = { out: () => undefined, err: (t: string) => err.push(t) };
    const bug = () => Promise.reject(new TypeError('cannot read properties of undefined'));

    // Act
    const quiet = await runCommand(io, false, bug);
    const quietErr = err.splice(0).join('\n');
    diagnostics.verbose = true;
    const verbose = await runCommand(io, false, bug);

    // Assess
    expect(quiet).toBe(70);
    expect(quietErr).toContain('sg-guardian: internal error: cannot read properties of undefined');
    expect(quietErr).toContain('--verbose');
    expect(quietErr).not.toMatch(/^\s+at /m);
    expect(verbose).toBe(70);
    expect(err.join('\n')).toMatch(/^\s+at /m);
  });

  it('--verbose anywhere on the line shows the stack of a failure the user can act on', async () => {
    // Prepare
    isolatedAws({ ...CREDENTIALS, AWS_ENDPOINT_URL: `http://127.0.0.1:${await closedPort()}` });

    // Act
    const result = await run('audit', '--group', 'sg-0abc', '--table', 'audit', '--verbose');

    // Assess
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^\s+at /m);
  });
});
