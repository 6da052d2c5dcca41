// The evaluator bundle exactly as GuardianFunction builds it (lib/bundling/handler-bundle.ts): size,
// the heaviest inputs, and the import (init) time of the bundle in fresh processes (wall and CPU),
// with and without NODE_OPTIONS=--enable-source-maps (without: as deployed by default) and the full source map, against
// the same bundle without the tree-shaking plugin and the bare @aws-sdk/client-ec2 floor handler
// (bench/bare-ec2.ts). Prints one JSON line.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stampPathOf } from '../lambdas/adapters/files/policy-stamp';
import { writeBundledPolicy } from '../test/support/policy';
import type { Metafile } from 'esbuild';
import {
  bundleHandler,
  type BundleHandlerOptions,
  filesLoadedAtInit,
  HANDLER_BUNDLE_FILE,
} from '../lib/bundling/handler-bundle';

const RUNS = Number(process.argv[2] ?? 15);
const IMPORT_ENV = {
  PATH: process.env.PATH,
  AWS_REGION: 'eu-west-1',
  SG_GUARDIAN_CONFIG: 'guardian.json',
  SG_GUARDIAN_STATE_TABLE: 'state',
  SG_GUARDIAN_AUDIT_TABLE: 'audit',
  SG_GUARDIAN_IDEMPOTENCY_TABLE: 'idempotency',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};
// Wall time of the import and the CPU time it took (less sensitive to a busy machine than wall time).
const MEASURE_IMPORT = `const c = process.cpuUsage(); const t = performance.now();
await import('./${HANDLER_BUNDLE_FILE}'); const w = performance.now() - t; const u = process.cpuUsage(c);
process.stdout.write(JSON.stringify([w, (u.user + u.system) / 1000]));`;

interface BundleReport {
  bytes: number;
  /** index.mjs and the chunks it imports statically: what Node compiles at init. */
  initBytes: number;
  mapBytes: number;
  initMsP50: number;
  initMsP90: number;
  initCpuMsP50: number;
}

interface Variant {
  readonly name: string;
  readonly entry: string;
  readonly options?: BundleHandlerOptions;
  readonly nodeOptions?: string;
}

const EVALUATOR = 'lambdas/handlers/evaluate.ts';
const VARIANTS: readonly Variant[] = [
  { name: 'evaluator', entry: EVALUATOR },
  // With sourceMapStackTraces: true, lib/guardian-function.ts sets NODE_OPTIONS=--enable-source-maps (off by default).
  { name: 'evaluatorWithSourceMapsFlag', entry: EVALUATOR, nodeOptions: '--enable-source-maps' },
  { name: 'evaluatorWithSourceMapsFlagFullMap', entry: EVALUATOR, options: { fullSourceMap: true }, nodeOptions: '--enable-source-maps' },
  { name: 'evaluatorWithoutPlugin', entry: EVALUATOR, options: { withoutTreeShakingPlugin: true } },
  // One file, as before the bundle was split at dynamic imports (lib/bundling/handler-bundle.ts).
  { name: 'evaluatorWithoutSplitting', entry: EVALUATOR, options: { withoutSplitting: true } },
  { name: 'bareEc2', entry: 'bench/bare-ec2.ts' },
  { name: 'bareEc2WithoutSplitting', entry: 'bench/bare-ec2.ts', options: { withoutSplitting: true } },
];

const work = mkdtempSync(join(tmpdir(), 'sg-guardian-bundle-'));
try {
  const policy = writeBundledPolicy();
  const built = [];
  for (const variant of VARIANTS) {
    const dir = join(work, variant.name);
    const { metafile } = await bundleHandler(variant.entry, dir, variant.options);
    copyFileSync(policy, join(dir, 'guardian.json'));
    copyFileSync(stampPathOf(policy), stampPathOf(join(dir, 'guardian.json')));
    built.push({ variant, dir, metafile, runs: [] as [number, number][] });
  }
  // Interleaved, so that a busy machine weighs on every variant alike.
  for (let i = 0; i < RUNS; i++) for (const b of built) b.runs.push(importOnce(b.dir, b.variant.nodeOptions));
  console.log(
    JSON.stringify({
      ...Object.fromEntries(built.map((b) => [b.variant.name, report(b.dir, b.metafile, b.runs)])),
      topInputs: topPackages(built[0]!.metafile, 12),
    }),
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** One fresh process importing the bundle in `dir`: [wall ms, CPU ms]. */
function importOnce(dir: string, nodeOptions = ''): [number, number] {
  return JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', MEASURE_IMPORT], {
      cwd: dir,
      env: { ...IMPORT_ENV, NODE_OPTIONS: nodeOptions },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  ) as [number, number];
}

function report(dir: string, metafile: Metafile, runs: readonly [number, number][]): BundleReport {
  const sorted = (i: 0 | 1) => runs.map((r) => r[i]).sort((a, b) => a - b);
  return {
    bytes: Object.entries(metafile.outputs)
      .filter(([file]) => file.endsWith('.mjs'))
      .reduce((sum, [, o]) => sum + o.bytes, 0),
    initBytes: filesLoadedAtInit(metafile).reduce((sum, file) => sum + (metafile.outputs[file]?.bytes ?? 0), 0),
    mapBytes: statSync(join(dir, `${HANDLER_BUNDLE_FILE}.map`)).size,
    initMsP50: round(sorted(0)[Math.floor(RUNS / 2)] ?? Number.NaN),
    initMsP90: round(sorted(0)[Math.floor(RUNS * 0.9)] ?? Number.NaN),
    initCpuMsP50: round(sorted(1)[Math.floor(RUNS / 2)] ?? Number.NaN),
  };
}
/** Bytes loaded at init (index.mjs and its static chunks) per npm package (or top folder of our code), largest first. */
function topPackages(metafile: Metafile, count: number): { input: string; bytes: number }[] {
  const byPackage = new Map<string, number>();
  for (const [file, input] of filesLoadedAtInit(metafile).flatMap((f) => Object.entries(metafile.outputs[f]?.inputs ?? {}))) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? file.split('/').slice(0, 2).join('/');
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + input.bytesInOutput);
  }
  return [...byPackage]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([input, bytes]) => ({ input, bytes }));
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
