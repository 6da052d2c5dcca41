import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { stampPathOf } from '../../lambdas/adapters/files/policy-stamp';
import { bundleHandler, HANDLER_BUNDLE_FILE } from '../../lib/bundling/handler-bundle';
import { makeChange } from '../../test/emulator/support/changes';
import { exampleEvent, recordOf } from '../../test/emulator/support/cloudtrail';
import { motoClients, resetMoto } from '../../test/emulator/support/moto';
import { motoGapFixer } from '../../test/emulator/support/moto-gaps';
import { emulatorPolicy, handlerEnvironment, prepareEmulatorAccount } from '../../test/emulator/support/setup';
import { parseLatency, startTimingProxy } from './timing-proxy';

const MOTO_TOOLS = join('..', 'shared', 'tools', 'moto');
/** The panic event: tcp/8080 opened to 0.0.0.0/0 on the backend group. */
export const PANIC_EVENT = '02-open-8080-to-world';

/** moto on MOTO_PORT (5056: the emulator suite uses 5055), started unless it already answers; `stop` stops only one it started. */
export async function startMoto(): Promise<{ url: string; stop: () => void }> {
  const port = process.env.MOTO_PORT ?? '5056';
  const url = `http://127.0.0.1:${port}`;
  const running = await fetch(`${url}/moto-api/`).then((r) => r.ok, () => false);
  if (running) return { url, stop: () => undefined };
  const env = { ...process.env, MOTO_PORT: port };
  const started = execFileSync(join(MOTO_TOOLS, 'up.sh'), { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return {
    url: started.trim(),
    stop: () => execFileSync(join(MOTO_TOOLS, 'down.sh'), { env, stdio: ['ignore', 'ignore', 'inherit'] }),
  };
}

/**
 * The bench's account in an emptied moto (tables, topic, examples/account by API calls), the handlers
 * bundled as the CDK app bundles them (the evaluator and sweep with guardian.json), the bench's child
 * runners bundled for plain node, and the timing proxy the handlers talk to.
 */
export async function prepareBenchWorld(motoUrl: string, work: string) {
  await resetMoto(motoUrl);
  const clients = motoClients(motoUrl);
  const { ids, topicArn } = await prepareEmulatorAccount(clients);
  const policy = emulatorPolicy(ids);
  const bundles = {
    evaluator: await bundled('lambdas/handlers/evaluate.ts', join(work, 'evaluator'), policy),
    sweep: await bundled('lambdas/handlers/sweep.ts', join(work, 'sweep'), policy),
    floor: await bundled('bench/bare-ec2.ts', join(work, 'floor')),
    warmChild: await runner('bench/emulator/warm-child.ts', work),
    coldChild: await runner('bench/emulator/cold-child.ts', work),
  };
  const fixer = motoGapFixer(clients.ec2);
  let fixing = true;
  const proxy = await startTimingProxy(motoUrl, {
    fix: (call, body) => (fixing ? fixer({ ...call, params: {} }, body) : Promise.resolve(body)),
    // AWS endpoints keep connections open; moto closes each one (BENCH_CONNECTION_CLOSE=1 passes that on).
    keepAlive: process.env.BENCH_CONNECTION_CLOSE !== '1',
    // BENCH_LATENCY_MS: a modelled round trip per answer (e.g. 20, or ec2=40,dynamodb=6,*=10), see timing-proxy.ts.
    latencyMs: parseLatency(process.env.BENCH_LATENCY_MS),
  });
  const env = {
    PATH: process.env.PATH,
    // The SDK's notice that its 2027 releases need Node 22 (Lambda runs 22; the bench may run on 20).
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...handlerEnvironment({ endpoint: proxy.url, topicArn, policyJson: policy }),
  };
  return {
    ids,
    bundles,
    proxy,
    env,
    /** From now on, moto's answers reach the handlers as they are (see moto-gaps.ts). */
    stopFixingGaps: () => {
      fixing = false;
    },
    /** Opens tcp/8080 to the world on the backend group again (outside any handler) and returns its event. */
    async reopen(): Promise<Record<string, unknown>> {
      const example = exampleEvent(PANIC_EVENT);
      const made = await makeChange(clients.ec2, ids.toReal(example.detail as Record<string, unknown>));
      return recordOf(example, ids, made);
    },
    async close() {
      await proxy.close();
      for (const client of Object.values(clients)) client.destroy();
    },
  };
}

export type BenchWorld = Awaited<ReturnType<typeof prepareBenchWorld>>;

/** A handler bundled by lib/bundling (as GuardianFunction does), with the policy beside it when it reads one. */
async function bundled(entry: string, dir: string, policy?: string): Promise<string> {
  await bundleHandler(entry, dir);
  if (policy) {
    copyFileSync(policy, join(dir, 'guardian.json'));
    copyFileSync(stampPathOf(policy), stampPathOf(join(dir, 'guardian.json'))); // validated at "synth"
  }
  return join(dir, HANDLER_BUNDLE_FILE);
}

/** A bench runner as one ESM file for plain node (no TypeScript loader in the measured processes). */
async function runner(entry: string, work: string): Promise<string> {
  const outdir = join(work, 'runners');
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, entry.split('/').pop()!.replace(/\.ts$/, '.mjs'));
  await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });
  return outfile;
}
