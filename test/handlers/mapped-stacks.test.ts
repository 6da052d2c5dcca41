import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapStack } from '../../lambdas/handlers/mapped-stacks';
import { bundleHandler } from '../../lib/bundling/handler-bundle';

const run = promisify(execFile);
let dir: string;
let bundle: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sg-guardian-mapped-stacks-'));
  await bundleHandler('test/handlers/fixtures/throwing-handler.ts', dir);
  bundle = pathToFileURL(join(dir, 'index.mjs')).href;
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The stack of the error the bundled handler throws, and of its cause, printed by a plain node process. */
async function thrownStacks(nodeOptions: string): Promise<string> {
  const script = `import(${JSON.stringify(bundle)}).then((m) => m.handler()).catch((e) => console.log(e.stack + '\\n--cause--\\n' + e.cause.stack))`;
  const { stdout } = await run(process.execPath, ['-e', script], { env: { ...process.env, NODE_OPTIONS: nodeOptions } });
  return stdout;
}

describe('errors leaving a bundled handler', () => {
  it('name the TypeScript sources without --enable-source-maps, the cause included', async () => {
    // Act
    const stacks = await thrownStacks('');

    // Assess
    const [error = '', cause = ''] = stacks.split('--cause--');
    expect(error).toMatch(/at readPolicy \(\/\S*test\/handlers\/fixtures\/throwing-handler\.ts:6:\d+\)/);
    expect(cause).toMatch(/at lowLevel \(\/\S*test\/handlers\/fixtures\/throwing-handler\.ts:10:\d+\)/);
    expect(stacks).not.toMatch(/index\.mjs:\d+:\d+/);
  }, 60_000);

  it('are left as Node mapped them when --enable-source-maps is on', async () => {
    // Act
    const stacks = await thrownStacks('--enable-source-maps');

    // Assess
    expect(stacks).toMatch(/throwing-handler\.ts:6:\d+/);
    expect(stacks).not.toMatch(/index\.mjs:\d+:\d+/);
  }, 60_000);
});

describe('mapStack', () => {
  it('leaves frames of files without a source map, and lines that are not frames, as they are', () => {
    // Prepare
    const stack = ['Error: boom', '    at fn (/nowhere/file.mjs:1:2)', '    at node:internal/process/task_queues:95:5'].join('\n');

    // Act
    const mapped = mapStack(stack);

    // Assess
    expect(mapped).toBe(stack);
  });
});
