// The evaluator bundle exactly as GuardianFunction builds it (lib/bundling/handler-bundle.ts): size,
// the heaviest inputs, and the import (init) time of the bundle in fresh processes, against the same
// bundle without the tree-shaking plugin and a bare @aws-sdk/client-ec2 handler. Prints one JSON line.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBundledPolicy } from '../test/support/policy';
import type { Metafile } from 'esbuild';
import { bundleHandler, HANDLER_BUNDLE_FILE } from '../lib/bundling/handler-bundle';

const RUNS = Number(process.argv[2] ?? 15);
const IMPORT_ENV = {
  PATH: process.env.PATH,
  AWS_REGION: 'eu-west-1',
  SG_GUARDIAN_CONFIG: 'guardian.json',
  SG_GUARDIAN_STATE_TABLE: 'state',
  SG_GUARDIAN_AUDIT_TABLE: 'audit',
  SG_GUARDIAN_IDEMPOTENCY_TABLE: 'idempotency',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
};
const MEASURE_IMPORT = `const t = performance.now(); await import('./${HANDLER_BUNDLE_FILE}');
process.stdout.write(String(performance.now() - t));`;

interface BundleReport {
  bytes: number;
  initMsP50: number;
  initMsP90: number;
}

const work = mkdtempSync(join(tmpdir(), 'sg-guardian-bundle-'));
try {
  const evaluator = await measure('lambdas/handlers/evaluate.ts', 'evaluator');
  const untreeShaken = await measure('lambdas/handlers/evaluate.ts', 'plain', {
    withoutTreeShakingPlugin: true,
  });
  const bareEc2 = await measure('bench/bare-ec2.ts', 'bare-ec2');
  console.log(
    JSON.stringify({
      evaluator: evaluator.report,
      evaluatorWithoutPlugin: untreeShaken.report,
      bareEc2: bareEc2.report,
      topInputs: topPackages(evaluator.metafile, 12),
    }),
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}

async function measure(entry: string, name: string, options = {}) {
  const dir = join(work, name);
  const { metafile } = await bundleHandler(entry, dir, options);
  copyFileSync(writeBundledPolicy(), join(dir, 'guardian.json'));
  const times = Array.from({ length: RUNS }, () =>
    Number(
      execFileSync(process.execPath, ['--input-type=module', '-e', MEASURE_IMPORT], {
        cwd: dir,
        env: IMPORT_ENV,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    ),
  ).sort((a, b) => a - b);
  const report: BundleReport = {
    bytes: statSync(join(dir, HANDLER_BUNDLE_FILE)).size,
    initMsP50: round(times[Math.floor(RUNS / 2)] ?? Number.NaN),
    initMsP90: round(times[Math.floor(RUNS * 0.9)] ?? Number.NaN),
  };
  return { report, metafile };
}

/** Bytes in the output per npm package (or per top folder of our code), largest first. */
function topPackages(metafile: Metafile, count: number): { input: string; bytes: number }[] {
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint);
  const byPackage = new Map<string, number>();
  for (const [file, input] of Object.entries(output?.inputs ?? {})) {
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
