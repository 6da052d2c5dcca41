// The `cli` measurement of bench:flowlogs: `sg-guardian learn` as a user runs it, the bundled bin
// (dist/cli.js and its worker, built into a temporary folder) on a snapshot folder of the 1x bench
// account, timed from outside by /usr/bin/time: wall, CPU of all threads, peak RSS of the process. Model
// loading and rendering included.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SNAPSHOT_FILES } from '../../lambdas/core/model/documents';
import { BASE_SIZE, generateAccount } from '../generate-account';

export interface CliMeasurement {
  readonly records: number;
  readonly ms: number;
  readonly cpuSeconds: number;
  readonly peakRssMiB: number;
}

/** The 1x bench account as a snapshot folder (cached beside the flow logs). */
function snapshotFolder(): string {
  const dir = join(tmpdir(), 'sg-guardian-bench', 'snapshot-1x');
  if (existsSync(join(dir, '.complete'))) return dir;
  mkdirSync(dir, { recursive: true });
  const { files } = generateAccount(BASE_SIZE);
  writeFileSync(join(dir, SNAPSHOT_FILES.securityGroups), files.securityGroups);
  writeFileSync(join(dir, SNAPSHOT_FILES.networkInterfaces), files.networkInterfaces);
  writeFileSync(join(dir, SNAPSHOT_FILES.networkAcls), files.networkAcls);
  writeFileSync(join(dir, '.complete'), '');
  return dir;
}

export function measureCli(dirs: readonly string[], threads: string | undefined): CliMeasurement {
  const snapshot = snapshotFolder();
  const dist = mkdtempSync(join(tmpdir(), 'sg-guardian-bench-dist-'));
  execFileSync(process.execPath, ['scripts/build-cli.mjs', dist]);
  const report = join(dist, 'time.txt');
  const args = ['learn', '--snapshot', snapshot, '--flow-logs', ...dirs, '--json', ...(threads ? ['--threads', threads] : [])];
  const out = execFileSync('/usr/bin/time', ['-o', report, '-f', '%e %U %S %M', process.execPath, join(dist, 'cli.js'), ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const [wall, user, sys, rssKiB] = execFileSync('cat', [report], { encoding: 'utf8' }).trim().split('\n').pop()!.split(' ').map(Number) as [
    number, number, number, number,
  ];
  const records = (JSON.parse(out) as { counts: { records: number } }).counts.records;
  return { records, ms: Math.round(wall * 1000), cpuSeconds: user + sys, peakRssMiB: Math.round(rssKiB / 1024) };
}
