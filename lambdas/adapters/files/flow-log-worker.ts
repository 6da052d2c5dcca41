// A worker thread of `learn`: digests the flow-log files the main thread hands it, a run at a time, and
// posts each event of digestFlowLogFile back (digest parts transferred, not copied). See
// flow-log-workers.ts for the pool; the main thread merges the parts in file order.
import { parentPort } from 'node:worker_threads';
import { type DigestWindow, FlowDigester } from '../../core/flowlogs/digester';
import { digestFlowLogFile, type FileDigestEvent } from './flow-log-digest-file';
import type { FlowLogFile } from './flow-log-plan';

/** What the main thread sends: consecutive files to digest, the first being file `index`; one part (or more) for them all. */
export interface FlowLogJob {
  readonly index: number;
  readonly files: readonly FlowLogFile[];
  readonly fields: readonly string[];
  readonly window: DigestWindow;
}

/** What a worker posts: an event of file `index`, `done` after its last, or an error it could not report as a problem. */
export type FlowLogWorkerMessage =
  | { readonly index: number; readonly event: FileDigestEvent }
  | { readonly index: number; readonly done: true }
  | { readonly index: number; readonly error: string };

const port = parentPort;
if (port) {
  // Every job of a read has the same window: one digester serves them all, one file at a time.
  let digester: FlowDigester | undefined;
  port.on('message', (job: FlowLogJob) => {
    void (async () => {
      let index = job.index;
      try {
        digester ??= new FlowDigester(job.window, () => undefined);
        for (const [i, file] of job.files.entries()) {
          index = job.index + i;
          for await (const event of digestFlowLogFile(file, job.fields, digester, i === job.files.length - 1)) {
            const transfer = event.kind === 'part' ? [event.part.digest.keys.buffer as ArrayBuffer, event.part.digest.amounts.buffer as ArrayBuffer] : [];
            port.postMessage({ index, event } satisfies FlowLogWorkerMessage, transfer);
          }
          port.postMessage({ index, done: true } satisfies FlowLogWorkerMessage);
        }
      } catch (error) {
        port.postMessage({ index, error: (error as Error).message } satisfies FlowLogWorkerMessage);
      }
    })();
  });
}
