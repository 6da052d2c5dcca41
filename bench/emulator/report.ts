import type { ColdSample, EventSample } from './measure';
import { median, p90, round } from './stats';

interface Results {
  readonly warm: Readonly<Record<'evaluator' | 'floor', readonly (EventSample & { cpuMs: number })[]>>;
  readonly cold: Readonly<Record<string, readonly ColdSample[]>>;
}

const pick = <T>(samples: readonly T[], field: keyof T) => samples.map((s) => s[field] as number);
const stat = <T>(samples: readonly T[], field: keyof T) => ({
  p50: round(median(pick(samples, field))),
  p90: round(p90(pick(samples, field))),
});

/** The most frequent value (the usual call sequence of an event). */
function mode(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
}

function shape(samples: readonly EventSample[]) {
  return {
    n: samples.length,
    reverted: samples.filter((s) => s.ok).length,
    calls: median(pick(samples, 'calls')),
    stages: median(pick(samples, 'stages')),
    stagesBeforeRevert: median(pick(samples, 'stagesBeforeRevert')),
    connections: median(pick(samples, 'connections')),
    sequence: mode(samples.map((s) => s.stageLabels.join(' | '))),
  };
}

/** Issue 13's targets: the evaluator's figure over the floor's, and the most it may be. */
function targets(results: Results) {
  const { warm, cold } = results;
  const ratio = (a: number, b: number) => round(a / b, 2);
  const e = warm.evaluator;
  const f = warm.floor;
  const ce = cold.evaluator ?? [];
  const cf = cold.floor ?? [];
  return [
    { target: 'time to revert p50 / floor Describe+Revoke p50', ratio: ratio(median(pick(e, 'revertMs')), median(pick(f, 'revertMs'))), max: 1.5 },
    { target: 'warm handler p50 / floor p50', ratio: ratio(median(pick(e, 'totalMs')), median(pick(f, 'totalMs'))), max: 2 },
    { target: 'warm handler p90 / floor p90', ratio: ratio(p90(pick(e, 'totalMs')), p90(pick(f, 'totalMs'))), max: 2.5 },
    { target: 'cold init p50 / bare bundle init p50', ratio: ratio(median(pick(ce, 'initMs')), median(pick(cf, 'initMs'))), max: 1.5 },
    { target: 'cold init CPU p50 / bare bundle init CPU p50 (less load-sensitive)', ratio: ratio(median(pick(ce, 'initCpuMs')), median(pick(cf, 'initCpuMs'))), max: 1.5 },
    { target: 'first event p50 / floor first event p50', ratio: ratio(median(pick(ce, 'totalMs')), median(pick(cf, 'totalMs'))), max: 2 },
    { target: 'peak RSS p50 / bare bundle p50', ratio: ratio(median(pick(ce, 'maxRssMiB')), median(pick(cf, 'maxRssMiB'))), max: 1.25 },
  ].map((t) => ({ ...t, met: t.ratio <= t.max }));
}

/** Prints the human report, then the whole result as one JSON line. */
export function printReport(results: Results): void {
  const warm = Object.fromEntries(
    Object.entries(results.warm).map(([kind, s]) => [
      kind,
      {
        totalMs: stat(s, 'totalMs'),
        revertMs: stat(s, 'revertMs'),
        offWireBeforeRevertMs: stat(s, 'offWireBeforeRevertMs'),
        cpuMs: stat(s, 'cpuMs'),
        ...shape(s),
      },
    ]),
  );
  const cold = Object.fromEntries(
    Object.entries(results.cold).map(([kind, s]) => [
      kind,
      {
        initMs: stat(s, 'initMs'),
        initCpuMs: stat(s, 'initCpuMs'),
        firstEventCpuMs: stat(s, 'firstEventCpuMs'),
        firstEventMs: stat(s, 'totalMs'),
        launchToFirstMs: stat(s, 'launchToFirstMs'),
        maxRssMiB: stat(s, 'maxRssMiB'),
        ...shape(s),
      },
    ]),
  );
  const met = targets(results);
  const latency = process.env.BENCH_LATENCY_MS?.trim();
  const lines = [
    ...(latency ? [`modelled round trip added to each answer (BENCH_LATENCY_MS): ${latency} ms`] : []),
    'warm (one process, interleaved):',
  ];
  for (const [kind, w] of Object.entries(warm))
    lines.push(
      `  ${kind.padEnd(10)} handler p50 ${w.totalMs.p50} ms p90 ${w.totalMs.p90} | revert p50 ${w.revertMs.p50} p90 ${w.revertMs.p90} (off the wire ${w.offWireBeforeRevertMs.p50}) | cpu p50 ${w.cpuMs.p50} | ` +
        `${w.calls} calls, ${w.stages} stages (${w.stagesBeforeRevert} before revert), ${w.connections} connections | reverted ${w.reverted}/${w.n}`,
      `             ${w.sequence}`,
    );
  lines.push('cold (one process per event):');
  for (const [kind, c] of Object.entries(cold))
    lines.push(
      `  ${kind.padEnd(30)} init p50 ${c.initMs.p50} ms p90 ${c.initMs.p90} (cpu ${c.initCpuMs.p50}) | first event p50 ${c.firstEventMs.p50} p90 ${c.firstEventMs.p90} (cpu ${c.firstEventCpuMs.p50}) | ` +
        `launch→first p50 ${c.launchToFirstMs.p50} | peak RSS p50 ${c.maxRssMiB.p50} MiB | ${c.calls} calls, ${c.stages} stages | reverted ${c.reverted}/${c.n}`,
    );
  lines.push('targets (issue 13):');
  for (const t of met) lines.push(`  ${t.met ? 'met ' : 'MISS'} ${t.target}: ${t.ratio}x (<= ${t.max}x)`);
  console.log(lines.join('\n'));
  console.log(JSON.stringify({ ...(latency && { latencyMs: latency }), warm, cold, targets: met }));
}
