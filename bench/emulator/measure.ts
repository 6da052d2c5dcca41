import { execFile, fork, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BenchWorld } from './bench-world';
import type { ColdAnswer } from './cold-child';
import { stageLabel, stagesOf } from './stats';
import { epochMs, type TimedCall } from './timing-proxy';
import type { WarmAnswer, WarmRequest } from './warm-child';

const run = promisify(execFile);
/** How the evaluator runs in Lambda by default (lib/guardian-function.ts: sourceMapStackTraces false). */
export const DEPLOYED_NODE_OPTIONS = '';
/** NODE_OPTIONS with `sourceMapStackTraces: true`. */
export const SOURCE_MAPS_NODE_OPTIONS = '--enable-source-maps';

/** What the proxy saw of one event, handled by one handler. */
export interface EventSample {
  readonly kind: string;
  /** Event in → handler returned. */
  readonly totalMs: number;
  /** Event in → the RevokeSecurityGroupIngress call answered (NaN when none was sent). */
  readonly revertMs: number;
  readonly calls: number;
  readonly stages: number;
  /** Sequential stages answered before the revoke call was sent. */
  readonly stagesBeforeRevert: number;
  /**
   * Event in → revoke sent, the time no call was in flight: the handler's own work before the revert
   * (parsing, judging), apart from waiting on the endpoint. NaN when no revoke was sent.
   */
  readonly offWireBeforeRevertMs: number;
  readonly connections: number;
  readonly stageLabels: string[];
  readonly ok: boolean;
  readonly result: unknown;
}

/** One cold process: init (import), its first event, launch → first event handled, peak RSS. */
export interface ColdSample extends EventSample {
  readonly initMs: number;
  readonly initCpuMs: number;
  readonly firstEventCpuMs: number;
  readonly launchToFirstMs: number;
  readonly maxRssMiB: number;
}

/** The answers that mean "reverted": the evaluator's summary and the floor's count. */
const REVERTED: Readonly<Record<string, string>> = {
  evaluator: JSON.stringify({ results: [{ status: 'judged', verdict: 'violation', action: 'revert', revert: 'reverted' }] }),
  floor: JSON.stringify({ reverted: 1 }),
};

/** The calls the proxy answered from `start` on, once they are all in (nothing else uses it meanwhile). */
async function callsSince(world: BenchWorld, start: number): Promise<TimedCall[]> {
  await new Promise((resolve) => setTimeout(resolve, 20));
  return world.proxy.callsBetween(start, Number.POSITIVE_INFINITY);
}

function sampleOf(world: BenchWorld, kind: string, start: number, end: number, calls: TimedCall[], result: unknown): EventSample {
  const stages = stagesOf(calls);
  const revoke = calls.find((c) => c.action === 'RevokeSecurityGroupIngress');
  return {
    kind,
    totalMs: end - start,
    revertMs: revoke ? revoke.end - start : Number.NaN,
    calls: calls.length,
    stages: stages.length,
    stagesBeforeRevert: revoke ? stages.filter((s) => s.every((c) => c.end <= revoke.start)).length : Number.NaN,
    offWireBeforeRevertMs: revoke ? offWire(start, revoke.start, calls) : Number.NaN,
    connections: world.proxy.connectionsBetween(start, end),
    stageLabels: stages.map(stageLabel),
    ok: JSON.stringify(result) === REVERTED[kind.replace(/-.*$/, '')],
    result,
  };
}

/** Of [from, to], the time no call was in flight (calls may overlap). */
function offWire(from: number, to: number, calls: readonly TimedCall[]): number {
  let idle = 0;
  let cursor = from;
  for (const c of [...calls].filter((c) => c.start < to).sort((a, b) => a.start - b.start)) {
    if (c.start > cursor) idle += c.start - cursor;
    cursor = Math.max(cursor, Math.min(c.end, to));
  }
  return idle + Math.max(0, to - cursor);
}

/** A forked warm process holding both bundles; `handle` sends one event to one of them. */
export async function startWarmProcess(world: BenchWorld) {
  const child: ChildProcess = fork(world.bundles.warmChild, [world.bundles.evaluator, world.bundles.floor], {
    env: { ...world.env, NODE_OPTIONS: DEPLOYED_NODE_OPTIONS },
    // BENCH_WARM_NODE_ARGS: extra node flags for the warm process (e.g. --cpu-prof --cpu-prof-dir=DIR).
    execArgv: (process.env.BENCH_WARM_NODE_ARGS ?? '').split(' ').filter(Boolean),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let waiting: { resolve: (m: unknown) => void; reject: (e: Error) => void } | undefined;
  child.on('message', (message) => waiting?.resolve(message));
  child.on('exit', (code) => waiting?.reject(new Error(`the warm process exited (${code})`)));
  const next = () => new Promise<unknown>((resolve, reject) => (waiting = { resolve, reject }));
  await next(); // ready
  return {
    async handle(kind: WarmRequest['kind'], event: unknown): Promise<EventSample & { cpuMs: number }> {
      const answered = next();
      child.send({ kind, event } satisfies WarmRequest);
      const answer = (await answered) as WarmAnswer;
      if (answer.error) throw new Error(`${kind} failed: ${answer.error}`);
      const calls = await callsSince(world, answer.start);
      if (process.env.BENCH_TIMELINE) console.error(timeline(kind, answer, calls));
      return { ...sampleOf(world, kind, answer.start, answer.end, calls, answer.result), cpuMs: answer.cpuMs };
    },
    stop: () => child.kill(),
  };
}

/** BENCH_TIMELINE=1: each event's calls, in ms from the event in (sent-answered), and its end. */
function timeline(kind: string, answer: { start: number; end: number }, calls: readonly TimedCall[]): string {
  const at = (t: number) => (t - answer.start).toFixed(1);
  const parts = calls.map((c) => `${c.action} ${at(c.start)}-${at(c.end)}`);
  return `${kind.padEnd(9)} ${parts.join(' | ')} | end ${at(answer.end)}`;
}

/** One cold process of a bundle on one event (nodeOptions as NODE_OPTIONS). */
export async function coldRun(
  world: BenchWorld,
  kind: string,
  bundle: string,
  event: unknown,
  work: string,
  nodeOptions = '',
): Promise<ColdSample> {
  const eventFile = join(work, 'event.json');
  writeFileSync(eventFile, JSON.stringify(event));
  const launched = epochMs();
  const { stdout } = await run(process.execPath, [world.bundles.coldChild, bundle, eventFile], {
    env: { ...world.env, NODE_OPTIONS: nodeOptions },
  });
  const answer = JSON.parse(stdout) as ColdAnswer;
  const calls = await callsSince(world, answer.eventStart);
  if (process.env.BENCH_TIMELINE) console.error(timeline(kind, { start: answer.eventStart, end: answer.end }, calls));
  return {
    ...sampleOf(world, kind, answer.eventStart, answer.end, calls, answer.result),
    initMs: answer.initMs,
    initCpuMs: answer.initCpuMs,
    firstEventCpuMs: answer.firstEventCpuMs,
    launchToFirstMs: answer.end - launched,
    maxRssMiB: answer.maxRssMiB,
  };
}
