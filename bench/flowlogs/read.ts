// npm run bench:flowlogs: reading VPC flow logs, records/s and peak RSS, each measurement in a fresh
// process. Sizes: FLOWLOG_BENCH_RECORDS (default 1000000,10000000); format: FLOWLOG_BENCH_VERSION (2|5);
// measurements: FLOWLOG_BENCH_MODES (default split,parse,aggregate); threads of the learning pass:
// FLOWLOG_BENCH_THREADS (default auto, as learn; 1 = the main thread alone); FLOWLOG_BENCH_GC=1 runs each
// measurement with --expose-gc and a full GC before the clock starts (RSS at start then excludes garbage). Sizes above FLOWLOG_BENCH_BASE
// (default 1000000) read the generated base set several times over (through symbolic links to its
// folder, as the reader reads a file reached twice once): the same records, but memory can only stay
// flat if nothing is held between files.
//   split     read + gunzip + split into lines (the floor: nothing can read flow logs faster)
//   parse     readFlowLogs: + header, line parsing, records and items
//   cli       (only when named) sg-guardian learn, the bundled bin, end to end (bench/flowlogs/cli.ts)
//   aggregate the learning pass as learn runs it: readFlowLogBatches digesting each file (in worker
//             threads when there are several) into parts merged by FlowAggregator.merge, then finish
// Input: generated S3-style .log.gz files (bench/flowlogs/generate.ts) from the 1x bench account
// (20,000 ENIs, its SG-to-SG and world-open rules), cached under the OS temp folder.
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createGunzip } from 'node:zlib';
import { readFlowLogBatches } from '../../lambdas/adapters/files/flow-log-files';
import { planFlowLogFiles } from '../../lambdas/adapters/files/flow-log-plan';
import { digestThreads } from '../../lambdas/adapters/files/flow-log-workers';
import { FlowAggregator } from '../../lambdas/core/flowlogs/aggregate';
import { buildModel } from '../../lambdas/core/model/build-model';
import { BASE_SIZE, generateAccount } from '../generate-account';
import { measureCli } from './cli';
import { generateFlowLogs } from './generate';
import { topologyFromDescribe } from './topology';
import { peakRssMiB } from '../peak-rss';

const SEED = 7;
type Mode = 'split' | 'parse' | 'aggregate';

interface Measurement {
  mode: Mode;
  records: number;
  ms: number;
  perSecond: number;
  /** Records per second of CPU time (user + system, all threads): steadier than wall time on a busy machine. */
  perCpuSecond: number;
  peakRssMiB: number;
  /** RSS when the clock starts (the model built, for aggregate): what the pass itself adds is the rest. */
  startRssMiB?: number;
  /** Highest RSS sampled (every 50 ms) while the clock ran: the pass itself, without what came before. */
  passRssMiB?: number;
  /** The main thread's V8 heap: its largest size during the pass (sampled every 50 ms), and what is live after it. */
  heapMaxMiB?: number;
  liveHeapMiB?: number;
  threads?: number;
  note?: string;
}

const account = () => generateAccount(BASE_SIZE);

async function dataFor(records: number, version: 2 | 5): Promise<string> {
  const dir = join(tmpdir(), 'sg-guardian-bench', `flowlogs-v${version}-${records}-seed${SEED}-conversations`);
  if (existsSync(join(dir, '.complete'))) return dir;
  const a = account();
  const topology = topologyFromDescribe(
    JSON.parse(a.files.networkInterfaces),
    JSON.parse(a.files.securityGroups),
    'eu-west-1',
  );
  const t0 = performance.now();
  const generated = await generateFlowLogs({ topology, out: dir, records, version, seed: SEED });
  writeFileSync(join(dir, '.complete'), JSON.stringify({ records: generated.records, files: generated.files.length }));
  console.error(`generated ${generated.records} records in ${Math.round(performance.now() - t0)} ms: ${dir}`);
  return dir;
}

/** `times` paths to the same folder: itself, then symbolic links to it beside it. */
function copies(dir: string, times: number): string[] {
  return Array.from({ length: times }, (_, i) => {
    if (i === 0) return dir;
    const link = `${dir}-link${i}`;
    if (!existsSync(link)) symlinkSync(dir, link, 'dir');
    return link;
  });
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.gz'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

async function split(dirs: string[]): Promise<number> {
  let lines = 0;
  let headers = 0;
  for (const file of (await Promise.all(dirs.map(filesUnder))).flat()) {
    headers++;
    const gunzip = createReadStream(file, { highWaterMark: 256 * 1024 }).pipe(createGunzip({ chunkSize: 256 * 1024 }));
    gunzip.setEncoding('utf8');
    let rest = '';
    for await (const chunk of gunzip) {
      const text = rest + (chunk as string);
      let start = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        if (text.slice(start, nl).length > 0) lines++;
        start = nl + 1;
      }
      rest = text.slice(start);
    }
  }
  return lines - headers;
}

async function parse(dirs: string[]): Promise<number> {
  let records = 0;
  for await (const batch of readFlowLogBatches(dirs)) for (const item of batch) if (item.kind === 'record') records++;
  return records;
}

/** The learning pass as learn runs it: parts digested per file (in worker threads when there are several). */
async function learnPass(dirs: string[], aggregator: FlowAggregator, threads: number | undefined): Promise<number> {
  for await (const batch of readFlowLogBatches(dirs, {
    onPart: (part) => aggregator.merge(part),
    digest: {},
    ...(threads !== undefined ? { threads } : {}),
  }))
    void batch;
  return aggregator.finish().counts.records;
}

const MiB = (bytes: number) => Math.round(bytes / 2 ** 20);

async function measure(mode: Mode, dirs: string[]): Promise<Measurement> {
  const requested = process.env.FLOWLOG_BENCH_THREADS;
  const threads = requested && requested !== 'auto' ? Number(requested) : undefined;
  let aggregator: FlowAggregator | undefined;
  if (mode === 'aggregate') {
    const a = account();
    const model = buildModel({
      securityGroups: { file: 'describe-security-groups.json', json: JSON.parse(a.files.securityGroups) },
      networkInterfaces: { file: 'describe-network-interfaces.json', json: JSON.parse(a.files.networkInterfaces) },
      networkAcls: { file: 'describe-network-acls.json', json: JSON.parse(a.files.networkAcls) },
    });
    aggregator = new FlowAggregator(model);
  }
  (globalThis as { gc?: () => void }).gc?.();
  const startRss = process.memoryUsage().rss;
  let heapMax = 0;
  let rssMax = startRss;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    heapMax = Math.max(heapMax, now.heapTotal);
    rssMax = Math.max(rssMax, now.rss);
  }, 50);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const records =
    mode === 'split' ? await split(dirs) : aggregator ? await learnPass(dirs, aggregator, threads) : await parse(dirs);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  (globalThis as { gc?: () => void }).gc?.();
  const live = process.memoryUsage().heapUsed;
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const files = await planFlowLogFiles(dirs);
  return {
    mode,
    records,
    ms: Math.round(ms),
    perSecond: Math.round(records / (ms / 1000)),
    perCpuSecond: Math.round(records / cpuSeconds),
    peakRssMiB: Math.round(peakRssMiB()),
    startRssMiB: MiB(startRss),
    passRssMiB: MiB(rssMax),
    heapMaxMiB: MiB(heapMax),
    liveHeapMiB: MiB(live),
    ...(mode === 'aggregate' ? { threads: digestThreads(files, threads) } : {}),
  };
}

async function main(): Promise<void> {
  if (process.argv[2] === 'measure') {
    console.log(JSON.stringify(await measure(process.argv[3] as Mode, process.argv.slice(4))));
    return;
  }
  const version = Number(process.env.FLOWLOG_BENCH_VERSION ?? 2) as 2 | 5;
  const sizes = (process.env.FLOWLOG_BENCH_RECORDS ?? '1000000,10000000').split(',').map(Number);
  const base = Number(process.env.FLOWLOG_BENCH_BASE ?? 1_000_000);
  const rows: string[] = [];
  for (const size of sizes) {
    const dir = await dataFor(Math.min(size, base), version);
    const times = Math.max(1, Math.round(size / base));
    const gzBytes = (await filesUnder(dir)).reduce((n, f) => n + statSync(f).size, 0);
    const run = (mode: Mode): Measurement => {
      const gc = process.env.FLOWLOG_BENCH_GC === '1' ? ['--expose-gc'] : [];
      const args = [...gc, '--import', 'tsx', 'bench/flowlogs/read.ts', 'measure', mode, ...copies(dir, times)];
      const out = execFileSync(process.execPath, args, { encoding: 'utf8' });
      const m = JSON.parse(out.trim().split('\n').pop()!) as Measurement;
      console.error(JSON.stringify({ size, version, ...m }));
      return m;
    };
    const modes = (process.env.FLOWLOG_BENCH_MODES ?? 'split,parse,aggregate').split(',');
    const skipped = (mode: Mode): Measurement => ({ mode, records: 0, ms: 0, perSecond: 0, perCpuSecond: 0, peakRssMiB: 0, note: 'not run' });
    const [s, p, a] = (['split', 'parse', 'aggregate'] as const).map((m) => (modes.includes(m) ? run(m) : skipped(m))) as [
      Measurement,
      Measurement,
      Measurement,
    ];
    if (modes.includes('cli')) {
      const c = measureCli(copies(dir, times), process.env.FLOWLOG_BENCH_THREADS);
      const line = `cli ${size}: ${Math.round(c.records / (c.ms / 1000)).toLocaleString('en')}/s wall, ${Math.round(c.records / c.cpuSeconds).toLocaleString('en')}/CPU-s (${c.ms} ms, ${c.peakRssMiB} MiB peak, model load and output included)`;
      console.error(JSON.stringify({ size, version, mode: 'cli', ...c }));
      rows.push(`<!-- ${line} -->`);
    }
    const info = JSON.parse(readFileSync(join(dir, '.complete'), 'utf8')) as { files: number };
    const rate = (m: Measurement) =>
      m.note ??
      `${m.perSecond.toLocaleString('en')}/s, ${m.perCpuSecond.toLocaleString('en')}/CPU-s (${m.ms} ms, ${m.peakRssMiB} MiB peak, ${m.startRssMiB} at start, ${m.passRssMiB} in the pass (+${(m.passRssMiB ?? 0) - (m.startRssMiB ?? 0)})${m.threads ? `, ${m.threads} thread(s)` : ''})`;
    rows.push(
      `| ${size.toLocaleString('en')} | v${version} | ${info.files * times} (${((gzBytes * times) / 2 ** 20).toFixed(0)} MiB gz) | ${rate(s)} | ${rate(p)} | ${(s.perSecond / p.perSecond).toFixed(2)}x / ${(s.perCpuSecond / p.perCpuSecond).toFixed(2)}x | ${rate(a)} |`,
    );
  }
  console.log('| records | format | files | split only | parse (readFlowLogs) | parse / split (wall / CPU) | parse + aggregate |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
}

await main();
