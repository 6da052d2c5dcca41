// `npm run bench:emulator [WARM_EVENTS] [COLD_PROCESSES]`: the evaluator bundled as the CDK app
// bundles it, against the SDK floor (bench/bare-ec2.ts), on moto (../shared/tools/moto) behind a
// timing proxy, on the panic event (tcp/8080 opened to 0.0.0.0/0 on the backend group), re-opened
// before each event. Warm: both handlers in one process, interleaved. Cold: one process per event.
// Prints the report (issue 13's figures and targets) and one JSON line. Not part of `npm test`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareBenchWorld, startMoto } from './bench-world';
import {
  type ColdSample,
  coldRun,
  DEPLOYED_NODE_OPTIONS,
  type EventSample,
  SOURCE_MAPS_NODE_OPTIONS,
  startWarmProcess,
} from './measure';
import { printReport } from './report';

const WARM = Number(process.argv[2] ?? 50);
const COLD = Number(process.argv[3] ?? 10);
const WARM_UP = 5;

const moto = await startMoto();
const work = mkdtempSync(join(tmpdir(), 'sg-guardian-bench-emulator-'));
const world = await prepareBenchWorld(moto.url, work);
try {
  const sweep = await coldRun(world, 'sweep', world.bundles.sweep, {}, work);
  if ((sweep.result as { failed?: number }).failed !== 0) throw new Error(`the first sweep failed: ${JSON.stringify(sweep.result)}`);
  // The gap fixer makes its own call to moto inside a DescribeSecurityGroupRules answer: the sweep needs
  // it to cache what AWS would show; the panic event's calls and verdict are the same without it.
  world.stopFixingGaps();

  const warm: Record<'evaluator' | 'floor', (EventSample & { cpuMs: number })[]> = { evaluator: [], floor: [] };
  const warmProcess = await startWarmProcess(world);
  try {
    for (let i = 0; i < WARM_UP + WARM; i++) {
      const order = i % 2 === 0 ? (['evaluator', 'floor'] as const) : (['floor', 'evaluator'] as const);
      for (const kind of order) {
        const sample = await warmProcess.handle(kind, await world.reopen());
        if (i >= WARM_UP) warm[kind].push(sample);
      }
    }
  } finally {
    warmProcess.stop();
  }

  const variants = [
    { kind: 'evaluator', bundle: world.bundles.evaluator, nodeOptions: DEPLOYED_NODE_OPTIONS },
    { kind: 'evaluator-source-maps-flag', bundle: world.bundles.evaluator, nodeOptions: SOURCE_MAPS_NODE_OPTIONS },
    { kind: 'floor', bundle: world.bundles.floor, nodeOptions: '' },
  ];
  const cold: Record<string, ColdSample[]> = Object.fromEntries(variants.map((v) => [v.kind, []]));
  for (let i = 0; i < COLD; i++)
    for (let j = 0; j < variants.length; j++) {
      const v = variants[(i + j) % variants.length]!;
      cold[v.kind]!.push(await coldRun(world, v.kind, v.bundle, await world.reopen(), work, v.nodeOptions));
    }

  printReport({ warm, cold });
} finally {
  await world.close();
  // BENCH_KEEP_WORK=1 keeps the bundles (and their source maps, to read a --cpu-prof profile by).
  if (process.env.BENCH_KEEP_WORK) console.error(`bundles kept in ${work}`);
  else rmSync(work, { recursive: true, force: true });
  moto.stop();
}
