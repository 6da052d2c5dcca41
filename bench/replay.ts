// sg-guardian replay: events/s, the time to merely read + gunzip + JSON.parse the same files, and peak
// RSS at two history sizes. Usage: tsx bench/replay.ts [records@supported%...] (default 200000@0.1
// 1000000@0.1 200000@1) — prints one JSON line per run.
// Each measurement runs in a fresh process (so peak RSS is its own): `baseline DIR` and `replay DIR`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { cloudTrailHistory } from '../lambdas/adapters/files/cloudtrail-history';
import { filesOfDay, planHistory } from '../lambdas/adapters/files/cloudtrail-tree';
import { readConfigFile } from '../lambdas/adapters/files/config-file';
import { loadSnapshotModel } from '../lambdas/adapters/files/snapshot-files';
import { replayHistory } from '../lambdas/app/replay/replay-history';
import { DEFAULT_REPLAY_OPTIONS } from '../lambdas/core/replay/session';
import { generateAccount } from './generate-account';
import { peakRssMiB as processPeakRssMiB } from './peak-rss';
import { writeHistory } from './replay-history';

/** A mid-sized account: 500 SGs, 5,000 rules, 2,000 ENIs in 20 subnets, 100 dependencies. */
const ACCOUNT = { groups: 500, rules: 5_000, enis: 2_000, dependencies: 100 };
const RUNS = 2;
const peakRssMiB = () => Math.round(processPeakRssMiB());

async function baseline(dir: string) {
  const gunzipAsync = promisify(gunzip);
  const start = performance.now();
  const plan = await planHistory([join(dir, 'AWSLogs')]);
  let records = 0;
  for (const day of plan.days)
    for (const file of await filesOfDay(day)) {
      const bytes = await readFile(file.path);
      const text = (bytes[0] === 0x1f && bytes[1] === 0x8b ? await gunzipAsync(bytes) : bytes).toString('utf8');
      records += (JSON.parse(text) as { Records: unknown[] }).Records.length;
    }
  return { records, ms: performance.now() - start, peakRssMiB: peakRssMiB() };
}

async function replay(dir: string) {
  const t0 = performance.now();
  const [model, config] = await Promise.all([
    loadSnapshotModel(join(dir, 'snapshot')),
    readConfigFile(join(dir, 'guardian.yaml')),
  ]);
  const t1 = performance.now();
  const s = await replayHistory([join(dir, 'AWSLogs')], {
    source: cloudTrailHistory(),
    model,
    config,
    options: DEFAULT_REPLAY_OPTIONS,
  });
  const ms = performance.now() - t1;
  return {
    records: s.records,
    ms,
    loadMs: Math.round(t1 - t0),
    judged: s.verdicts.ok + s.verdicts.violation,
    verdicts: s.verdicts,
    outages: s.outages.total,
    late: s.ordering.late,
    peakRssMiB: peakRssMiB(),
  };
}

function child(mode: string, dir: string) {
  const args = ['--import', 'tsx', 'bench/replay.ts', mode, dir];
  const out = execFileSync(process.execPath, args, { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!);
}

function measure(records: number, supportedPercent: number) {
  const dir = mkdtempSync(join(tmpdir(), 'sg-guardian-replay-'));
  try {
    const account = generateAccount(ACCOUNT);
    mkdirSync(join(dir, 'snapshot'));
    writeFileSync(join(dir, 'snapshot', 'describe-security-groups.json'), account.files.securityGroups);
    writeFileSync(join(dir, 'snapshot', 'describe-network-interfaces.json'), account.files.networkInterfaces);
    writeFileSync(join(dir, 'snapshot', 'describe-network-acls.json'), account.files.networkAcls);
    writeFileSync(join(dir, 'guardian.yaml'), account.config);
    const history = writeHistory(dir, account, records, supportedPercent / 100);
    const best = (mode: string) =>
      Array.from({ length: RUNS }, () => child(mode, dir)).sort((a, b) => a.ms - b.ms)[0];
    const base = best('baseline');
    const run = best('replay');
    return {
      records: history.records,
      supportedPercent,
      supported: history.supported,
      files: history.files,
      gzFiles: history.gzFiles,
      jsonMiB: +(history.bytes / 2 ** 20).toFixed(1),
      gzMiB: +(history.gzBytes / 2 ** 20).toFixed(1),
      baselineMs: Math.round(base.ms),
      replayMs: Math.round(run.ms),
      eventsPerSecond: Math.round(run.records / (run.ms / 1000)),
      ratio: +(run.ms / base.ms).toFixed(2),
      loadMs: run.loadMs,
      judged: run.judged,
      verdicts: run.verdicts,
      outages: run.outages,
      late: run.late,
      baselinePeakRssMiB: base.peakRssMiB,
      replayPeakRssMiB: run.peakRssMiB,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const [mode, arg] = process.argv.slice(2);
if (mode === 'baseline') console.log(JSON.stringify(await baseline(arg!)));
else if (mode === 'replay') console.log(JSON.stringify(await replay(arg!)));
else
  for (const spec of process.argv.length > 2 ? process.argv.slice(2) : ['200000@0.1', '1000000@0.1', '200000@1']) {
    const [records, percent] = spec.split('@').map(Number);
    console.log(JSON.stringify(measure(records!, percent ?? 0.1)));
  }
