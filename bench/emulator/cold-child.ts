// The cold side of `npm run bench:emulator`: a fresh Node process (as a cold Lambda would be) that
// imports one bundled handler (init), handles one event (first event) and prints one JSON line with
// both times, epoch timestamps and its peak RSS. Usage: node cold-child.mjs BUNDLE EVENT_JSON_FILE.
// Run by plain node from its own bundle (bench/emulator/run.ts builds it): no TypeScript loader in here.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { lambdaContext } from '../../test/emulator/support/lambda-context';
import { peakRssMiB } from '../peak-rss';

export interface ColdAnswer {
  /** The process's time origin (epoch ms): about when node started. */
  readonly origin: number;
  readonly initMs: number;
  /** CPU time of the import (less sensitive than wall time to a busy machine). */
  readonly initCpuMs: number;
  readonly firstEventMs: number;
  readonly firstEventCpuMs: number;
  /** Epoch ms when the first event was handled. */
  readonly end: number;
  /** Epoch ms when the first event was given to the handler. */
  readonly eventStart: number;
  readonly maxRssMiB: number;
  readonly result: unknown;
}

const [bundle, eventFile] = process.argv.slice(2);
const event: unknown = JSON.parse(readFileSync(eventFile ?? '', 'utf8'));
const now = () => performance.timeOrigin + performance.now();

const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
const importCpu = process.cpuUsage();
const importStart = performance.now();
const { handler } = (await import(pathToFileURL(bundle ?? '').href)) as {
  handler: (event: unknown, context: unknown) => Promise<unknown>;
};
const initMs = performance.now() - importStart;
const initCpuMs = cpuMs(importCpu);
const eventCpu = process.cpuUsage();
const eventStart = now();
const result = await handler(event, lambdaContext);
const end = now();
const firstEventCpuMs = cpuMs(eventCpu);
process.stdout.write(
  JSON.stringify({
    origin: performance.timeOrigin,
    initMs,
    initCpuMs,
    firstEventMs: end - eventStart,
    firstEventCpuMs,
    end,
    eventStart,
    maxRssMiB: peakRssMiB(),
    result,
  } satisfies ColdAnswer),
);
