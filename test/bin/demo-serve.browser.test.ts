import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, startDemoServer } from '../../bin/commands/demo-serve';
import { launchBrowser } from '../support/browser';
import { run } from './run';

let browser: Browser;
let server: DemoServer;
let workdir: string;
const printed: string[] = [];

beforeAll(async () => {
  workdir = mkdtempSync(join(tmpdir(), 'sg-guardian-demo-'));
  server = await startDemoServer(
    'examples',
    { out: (t) => printed.push(t), err: (t) => printed.push(t) },
    { port: 0, workdir },
  );
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (workdir) rmSync(workdir, { recursive: true, force: true });
});

async function dependencyStatus(name: string) {
  const { out } = await run(
    'check',
    '--snapshot',
    server.accountDir,
    '--config',
    'examples/guardian.yaml',
    '--json',
  );
  const report = JSON.parse(out) as { dependencies: { dependency: string; status: string }[] };
  return report.dependencies.find((d) => d.dependency === name)?.status;
}

describe('demo --serve in a real browser', () => {
  it('leaves every violation pending and the broken state in the working copy, not in examples/', async () => {
    // Assess
    expect(server.links.map((l) => l.title)).toContain('cache-cluster: tcp/6379 blocked by sg-ingress');
    expect(server.links.every((l) => l.url.startsWith(`${server.url}/decide?f=`))).toBe(true);
    expect(await dependencyStatus('cache-cluster')).toBe('blocked');
    const examples = await run(
      'check',
      '--snapshot',
      'examples/account',
      '--config',
      'examples/guardian.yaml',
      '--json',
    );
    expect(JSON.parse(examples.out).violation).toBe(false);
  });

  it('shows the confirmation page, reverts on the button and restores the dependency', async () => {
    // Prepare
    const link = server.links.find((l) => l.title.startsWith('cache-cluster'))!;
    const page = await browser.newPage();

    // Act
    const opened = await page.goto(link.url);
    const confirmation = (await page.textContent('body')) ?? '';
    const statusAfterOpening = await dependencyStatus('cache-cluster');
    await Promise.all([page.waitForURL(`${server.url}/decide`), page.click('#revert')]);
    const result = (await page.textContent('body')) ?? '';

    // Assess
    expect(opened?.status()).toBe(200);
    expect(await page.title()).toBe('Reverted · sg-guardian');
    expect(confirmation).toContain('Revert this change?');
    expect(confirmation).toContain('cache-cluster: tcp/6379 blocked by sg-ingress');
    expect(confirmation).toContain('bob@example.com');
    expect(confirmation).toContain('Re-authorize tcp 6379 from sg-0cache321 on sg-0cache321');
    expect(statusAfterOpening).toBe('blocked');
    expect(result).toMatch(/reverted by signed link from 127\.0\.0\.1 at /);
    expect(result).toContain('applied: Re-authorize tcp 6379 from sg-0cache321 on sg-0cache321');
    expect(await dependencyStatus('cache-cluster')).toBe('reachable');
    await page.close();
  });

  it('shows a clear error page for a tampered link', async () => {
    // Prepare
    const url = new URL(server.links[0]!.url);
    url.searchParams.set('exp', String(Number(url.searchParams.get('exp')) + 3600));
    const page = await browser.newPage();

    // Act
    const response = await page.goto(url.toString());

    // Assess
    expect(response?.status()).toBe(403);
    expect(await page.textContent('h1')).toBe('Invalid link');
    expect((await page.textContent('body')) ?? '').toContain('Nothing was changed.');
    await page.close();
  });
});
