// One engine benchmark at one scale, in its own process (so peak memory is this run's alone).
// Usage: tsx bench/engine.ts <scale> [changes]   — prints one JSON line.
import { performance } from 'node:perf_hooks';
import { parseConfig } from '../lambdas/core/config/parse-config';
import { parseRecord } from '../lambdas/core/events/parse';
import { buildModel } from '../lambdas/core/model/build-model';
import { patchModel } from '../lambdas/core/model/patched-model';
import { dependencyIndexFor } from '../lambdas/core/verdict/dependency-index';
import { judge } from '../lambdas/core/verdict/judge';
import { generateChanges } from './events';
import { BASE_SIZE, generateAccount } from './generate-account';
import { peakRssMiB } from './peak-rss';

const scale = Number(process.argv[2] ?? 1);
const count = Number(process.argv[3] ?? 5000);
const size = {
  groups: BASE_SIZE.groups * scale,
  rules: BASE_SIZE.rules * scale,
  enis: BASE_SIZE.enis * scale,
  dependencies: BASE_SIZE.dependencies * scale,
};
const account = generateAccount(size);
const records = generateChanges(account, count);
const snapshotBytes = Object.values(account.files).reduce((n, s) => n + s.length, 0);

const t0 = performance.now();
const model = buildModel({
  securityGroups: { file: 'describe-security-groups.json', json: JSON.parse(account.files.securityGroups) },
  networkInterfaces: {
    file: 'describe-network-interfaces.json',
    json: JSON.parse(account.files.networkInterfaces),
  },
  networkAcls: { file: 'describe-network-acls.json', json: JSON.parse(account.files.networkAcls) },
});
const config = parseConfig(account.config, 'bench.yaml');
const t1 = performance.now();
dependencyIndexFor(model, config);
const t2 = performance.now();
global.gc?.();
const heapAfterLoad = process.memoryUsage().heapUsed;

const now = new Date('2026-11-20T12:00:00Z');
const times: number[] = [];
// CPU time (user + system) of the process per event: on a shared machine a descheduled process gains no
// CPU time, so these move far less with other jobs than the wall times do.
const cpuTimes: number[] = [];
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
const byEvent: Record<string, number[]> = {};
const cpuByEvent: Record<string, number[]> = {};
const verdicts: Record<string, number> = {};
const verdictKiB: Record<string, number[]> = {};
records.forEach((record, i) => {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const verdict = judge({ event: parseRecord({ path: `$[${i}]`, record }), model, config, now });
  const took = performance.now() - start;
  const tookCpu = cpuMs(cpu);
  const name = String(record.eventName);
  if (i >= 200) {
    times.push(took); // the first 200 warm the JIT
    cpuTimes.push(tookCpu);
    (byEvent[name] ??= []).push(took);
    (cpuByEvent[name] ??= []).push(tookCpu);
  }
  verdicts[verdict.verdict] = (verdicts[verdict.verdict] ?? 0) + 1;
  if (i % 5 === 0) (verdictKiB[name] ??= []).push(JSON.stringify(verdict).length / 1024);
});
// The Lambda's view: each event is judged on a new patched model (the cold-start model plus up to
// 2,000 entries read or cached since, fresh copies), so its dependency index is derived, not reused.
const known = {
  groups: new Map([...model.groups()].slice(0, 1_000).map((g) => [g.groupId, { ...g }])),
  enis: new Map([...model.enis()].slice(0, 1_000).map((e) => [e.eniId, { ...e, groupIds: [...e.groupIds] }])),
};
const lambdaTimes: number[] = [];
const lambdaCpuTimes: number[] = [];
records.slice(200, 700).forEach((record, i) => {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const view = patchModel(model, known);
  judge({ event: parseRecord({ path: `$[${i}]`, record }), model: view, config, now });
  lambdaTimes.push(performance.now() - start);
  lambdaCpuTimes.push(cpuMs(cpu));
});
lambdaTimes.sort((a, b) => a - b);
lambdaCpuTimes.sort((a, b) => a - b);
cpuTimes.sort((a, b) => a - b);

const pctOf = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
times.sort((a, b) => a - b);
const pct = (p: number) => pctOf(times, p);
const perEvent = Object.fromEntries(
  Object.entries(byEvent).map(([name, list]) => {
    list.sort((a, b) => a - b);
    const cpu = (cpuByEvent[name] ?? []).sort((a, b) => a - b);
    const kib = (verdictKiB[name] ?? []).sort((a, b) => a - b);
    return [
      name,
      {
        n: list.length,
        p50Ms: +pctOf(list, 50).toFixed(3),
        p99Ms: +pctOf(list, 99).toFixed(3),
        cpuP50Ms: +pctOf(cpu, 50).toFixed(3),
        cpuP99Ms: +pctOf(cpu, 99).toFixed(3),
        verdictKiBP50: Math.round(pctOf(kib, 50)),
        verdictKiBMax: Math.round(kib[kib.length - 1] ?? 0),
      },
    ];
  }),
);
console.log(
  JSON.stringify({
    scale,
    size,
    snapshotMiB: +(snapshotBytes / 2 ** 20).toFixed(1),
    loadMs: Math.round(t1 - t0),
    indexMs: Math.round(t2 - t1),
    judged: times.length,
    p50Ms: +pct(50).toFixed(3),
    p90Ms: +pct(90).toFixed(3),
    p99Ms: +pct(99).toFixed(3),
    maxMs: +times[times.length - 1]!.toFixed(3),
    lambdaViewP50Ms: +pctOf(lambdaTimes, 50).toFixed(3),
    lambdaViewP99Ms: +pctOf(lambdaTimes, 99).toFixed(3),
    cpu: {
      p50Ms: +pctOf(cpuTimes, 50).toFixed(3),
      p90Ms: +pctOf(cpuTimes, 90).toFixed(3),
      p99Ms: +pctOf(cpuTimes, 99).toFixed(3),
      lambdaViewP50Ms: +pctOf(lambdaCpuTimes, 50).toFixed(3),
      lambdaViewP99Ms: +pctOf(lambdaCpuTimes, 99).toFixed(3),
    },
    verdicts,
    perEvent,
    heapAfterLoadMiB: Math.round(heapAfterLoad / 2 ** 20),
    peakRssMiB: Math.round(peakRssMiB()),
  }),
);
