// npm run bench: the engine at 1x and 10x, each in a fresh process; prints a Markdown table.
import { execFileSync } from 'node:child_process';

const scales = (process.env.BENCH_SCALES ?? '1,10').split(',').map(Number);
interface Row {
  scale: number;
  size: { groups: number; rules: number; enis: number; dependencies: number };
  [metric: string]: unknown;
}
const rows: Row[] = [];
for (const scale of scales) {
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=16384', '--import', 'tsx', 'bench/engine.ts', String(scale)],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  const row = JSON.parse(out.trim().split('\n').pop()!);
  console.error(JSON.stringify(row));
  rows.push(row);
}
console.log(
  '| scale | SGs | rules | ENIs | deps | snapshot | load | index | judge p50 | p90 | p99 | max | heap after load | peak RSS |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows)
  console.log(
    `| ${r.scale}x | ${r.size.groups} | ${r.size.rules} | ${r.size.enis} | ${r.size.dependencies} | ${r.snapshotMiB} MiB | ${r.loadMs} ms | ${r.indexMs} ms | ${r.p50Ms} ms | ${r.p90Ms} ms | ${r.p99Ms} ms | ${r.maxMs} ms | ${r.heapAfterLoadMiB} MiB | ${r.peakRssMiB} MiB |`,
  );

console.log('\n| scale | change | count | p50 | p99 |\n| --- | --- | --- | --- | --- |');
for (const r of rows)
  for (const [name, s] of Object.entries(
    r.perEvent as Record<string, { n: number; p50Ms: number; p99Ms: number }>,
  ))
    console.log(`| ${r.scale}x | ${name} | ${s.n} | ${s.p50Ms} ms | ${s.p99Ms} ms |`);

const handlerRun = execFileSync(process.execPath, ['--import', 'tsx', 'bench/handler.ts', '40'], {
  encoding: 'utf8',
});
const h = JSON.parse(handlerRun.trim().split('\n').pop()!);
console.error(JSON.stringify(h));
console.log(
  '\n| handler | events | init (cold start) | wall p50 | wall p99 | EC2 calls to judge (mean / max) | EC2 calls incl. revert (mean) |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- |');
console.log(
  `| evaluate | ${h.events} | ${h.initMs} ms | ${h.p50Ms} ms | ${h.p99Ms} ms | ${h.ec2CallsToJudgeMean} / ${h.ec2CallsToJudgeMax} | ${h.ec2CallsWithRevertMean} |`,
);

// Workload changes on the 1x account (targets: RunInstances 10x2 p50 <= 2 ms; prefix list of 500 rules <= 20 ms).
const workloadRun = execFileSync(process.execPath, ['--import', 'tsx', 'bench/workloads.ts', '500'], {
  encoding: 'utf8',
});
const w = JSON.parse(workloadRun.trim().split('\n').pop()!);
console.error(JSON.stringify(w));
console.log('\n| workload change (1x account) | n | p50 | p90 | p99 | verdicts |\n| --- | --- | --- | --- | --- | --- |');
for (const [name, r] of [
  ['RunInstances, 10 instances x 2 ENIs, 100 instance-tag dependencies', w.runInstances10x2],
  ['ModifyManagedPrefixList, list referenced by 500 rules', w.modifyPrefixList500Rules],
] as const)
  console.log(`| ${name} | ${r.n} | ${r.p50Ms} ms | ${r.p90Ms} ms | ${r.p99Ms} ms | ${JSON.stringify(r.verdicts)} |`);

const bundleRun = execFileSync(process.execPath, ['--import', 'tsx', 'bench/bundle.ts'], {
  encoding: 'utf8',
});
const b = JSON.parse(bundleRun.trim().split('\n').pop()!);
console.error(JSON.stringify(b));
console.log('\n| bundle | minified size | import (init) p50 | p90 |\n| --- | --- | --- | --- |');
for (const [name, r] of [
  ['evaluator (as deployed)', b.evaluator],
  ['evaluator without the tree-shaking plugin', b.evaluatorWithoutPlugin],
  ['bare `@aws-sdk/client-ec2` handler', b.bareEc2],
] as const)
  console.log(
    `| ${name} | ${(r.bytes / 1e6).toFixed(2)} MB (${r.bytes} B) | ${r.initMsP50} ms | ${r.initMsP90} ms |`,
  );
console.log(
  `\nLargest inputs of the evaluator bundle: ${b.topInputs
    .map((i: { input: string; bytes: number }) => `${i.input} ${Math.round(i.bytes / 1024)} KiB`)
    .join(', ')}`,
);

// Replay: one JSON line per history (records@supported%); each measurement in its own process.
const replayRun = execFileSync(process.execPath, ['--import', 'tsx', 'bench/replay.ts'], {
  encoding: 'utf8',
  maxBuffer: 1 << 20,
});
const replays = replayRun
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line));
for (const r of replays) console.error(JSON.stringify(r));
console.log(
  '\n| replay | supported changes | files (gz) | JSON / gz | read+gunzip+JSON.parse | replay | events/s | ratio | peak RSS (parse / replay) |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of replays)
  console.log(
    `| ${r.records} records | ${r.supported} (${r.supportedPercent} %) | ${r.files} (${r.gzFiles}) | ${r.jsonMiB} / ${r.gzMiB} MiB | ${r.baselineMs} ms | ${r.replayMs} ms | ${r.eventsPerSecond} | ${r.ratio}x | ${r.baselinePeakRssMiB} / ${r.replayPeakRssMiB} MiB |`,
  );
