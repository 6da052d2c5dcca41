import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('the CLI on Node 20', () => {
  it('does not print the AWS SDK node-version notice when it builds an SDK client', { timeout: 120_000 }, () => {
    // Prepare: a command that builds an EC2 client and calls a closed loopback port
    const out = mkdtempSync(join(tmpdir(), 'sg-guardian-quiet-'));
    const env = {
      PATH: process.env.PATH,
      HOME: out,
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_REGION: 'us-east-1',
      AWS_MAX_ATTEMPTS: '1',
    };

    // Act
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'bin/cli.ts', 'snapshot', '--out', join(out, 'snap')], {
      env,
      encoding: 'utf8',
      timeout: 100_000,
    });
    rmSync(out, { recursive: true, force: true });

    // Assess: the client was built (the call failed), and no notice was printed
    expect(run.stderr).toMatch(/ECONNREFUSED|connect/);
    expect(run.stderr).not.toMatch(/NodeVersionSupportWarning|upgrade to node/);
  });
});
