import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { EnvironmentError } from '../../core/errors';
import type { DigestWindow } from '../../core/flowlogs/digester';
import type { FileDigestEvent } from './flow-log-digest-file';
import type { FlowLogFile } from './flow-log-plan';
import type { FlowLogJob, FlowLogWorkerMessage } from './flow-log-worker';

export class FlowLogWorkerError extends EnvironmentError {
  override readonly name = 'FlowLogWorkerError';
}

/** Worker threads `--threads auto` starts at most (the main thread only merges). */
const AUTO_MAX = 8;
/** Jobs per thread the files are cut into, and the most files in one job. */
const JOBS_PER_THREAD = 4;
const RUN_MAX = 8;
/** Below this much input (compressed bytes on disk) a worker's start-up costs more than it saves. */
const AUTO_MIN_BYTES = 4 * 2 ** 20;

/**
 * How many threads digest the files: `requested` (1: the main thread alone), or by default one per core
 * when there are several files and enough bytes to pay for starting them; never more than files.
 */
export function digestThreads(files: readonly FlowLogFile[], requested?: number): number {
  const bytes = files.reduce((sum, f) => sum + f.size, 0);
  const wanted = requested ?? (bytes < AUTO_MIN_BYTES ? 1 : Math.min(availableParallelism(), AUTO_MAX));
  return Math.max(1, Math.min(wanted, files.length));
}

/** A worker thread running flow-log-worker: from source (tsx, vitest) through its loader, else built beside the CLI. */
function startWorker(): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts'))
    return new Worker(new URL('./flow-log-worker-boot.mjs', here), {
      workerData: { entry: new URL('./flow-log-worker.ts', here).href },
    });
  return new Worker(new URL('./flow-log-worker.js', here));
}

/** Progress of the files in flight: their bytes read, records and problems so far, by file index. */
export type InFlightProgress = (index: number, progress: Extract<FileDigestEvent, { kind: 'progress' }>) => void;

/**
 * The events of digesting `files` in `threads` worker threads, in file order (file 0's parts and
 * problems, then file 1's, …) whatever order the workers finish in; `undefined` marks the end of a
 * file. Progress is passed to `onProgress` as it arrives. A worker digests a run of consecutive files
 * (a job) into one part, and is given the next job only within a few runs of the file being handed on,
 * so what waits is bounded.
 */
export async function* digestInWorkers(
  files: readonly FlowLogFile[],
  fields: readonly string[],
  window: DigestWindow,
  threads: number,
  onProgress: InFlightProgress,
): AsyncGenerator<FileDigestEvent | undefined, void, undefined> {
  const waiting = files.map((): (FileDigestEvent | undefined)[] => []);
  // Files per job: a few jobs per thread to share the work, each as long as that allows (one part per job).
  const run = Math.max(1, Math.min(RUN_MAX, Math.ceil(files.length / (threads * JOBS_PER_THREAD))));
  const lookahead = threads * run * 2;
  let current = 0;
  let next = 0;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const idle: Worker[] = [];
  /** The last file of each job handed out: its end frees the worker. */
  const jobEnds = new Set<number>();
  const dispatch = () => {
    while (idle.length > 0 && next < files.length && next < current + lookahead) {
      const job: FlowLogJob = { index: next, files: files.slice(next, next + run), fields, window };
      idle.pop()!.postMessage(job);
      next += job.files.length;
      jobEnds.add(next - 1);
    }
  };
  const workers = Array.from({ length: threads }, () => {
    const worker = startWorker();
    worker.on('message', (m: FlowLogWorkerMessage) => {
      if ('error' in m) failure ??= new FlowLogWorkerError(`${files[m.index]!.path}: the worker reading it failed (${m.error})`);
      else if ('done' in m) {
        waiting[m.index]!.push(undefined);
        if (jobEnds.has(m.index)) {
          idle.push(worker);
          dispatch();
        }
      } else if (m.event.kind === 'progress') onProgress(m.index, m.event);
      else waiting[m.index]!.push(m.event);
      notify();
    });
    worker.on('error', (error) => {
      failure ??= new FlowLogWorkerError(`a flow-log worker thread failed (${error.message})`, { cause: error });
      notify();
    });
    worker.on('exit', (code) => {
      if (current < files.length) failure ??= new FlowLogWorkerError(`a flow-log worker thread stopped (exit code ${code})`);
      notify();
    });
    idle.push(worker);
    return worker;
  });
  try {
    dispatch();
    while (current < files.length) {
      if (failure) throw failure;
      const queue = waiting[current]!;
      if (queue.length === 0) {
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      const event = queue.shift();
      if (event === undefined) {
        current++;
        dispatch();
      }
      yield event;
    }
  } finally {
    current = files.length;
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
