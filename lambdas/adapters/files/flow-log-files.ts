import { type DigestWindow, FlowDigester, type FlowPart } from '../../core/flowlogs/digester';
import { DEFAULT_FIELDS, parseFormat } from '../../core/flowlogs/format';
import type { FlowItem, FlowProgress, FlowRecord } from '../../core/flowlogs/types';
import { chunksOf, readFailure } from './flow-log-chunks';
import { digestFlowLogFile, type FileDigestEvent } from './flow-log-digest-file';
import { planFlowLogFiles, type FlowLogFile } from './flow-log-plan';
import { FlowLogTextReader } from './flow-log-text';
import { digestInWorkers, digestThreads } from './flow-log-workers';

export { FlowLogInputError } from './flow-log-plan';

export interface ReadFlowLogsOptions {
  /**
   * The fields of records in files without a header line (CloudWatch Logs exports and the JSON of
   * `aws logs filter-log-events`), as `--log-format` spells them: `${version} ${vpc-id} …`. Default: the
   * AWS default format (version 2). A file with a header line (S3 delivery) is read by its header.
   */
  readonly format?: string;
  /** Called as the read goes on (after each chunk read, and once more at the end). */
  readonly onProgress?: (progress: FlowProgress) => void;
  /**
   * Receives every record instead of a record item (the learning pass): one record object reused for
   * every line, valid only during the call; batches then hold only problems. Records are still counted.
   */
  readonly onRecord?: (record: FlowRecord) => void;
  /**
   * The learning pass, digested while reading: each file's records folded into digest parts
   * (core/flowlogs/digester.ts, in the window `digest` gives) handed here in file order, instead of
   * records; batches then hold only problems. Takes precedence over `onRecord`.
   */
  readonly onPart?: (part: FlowPart) => void;
  readonly digest?: DigestWindow;
  /**
   * Threads that digest files with `onPart` (1: the main thread alone). Default: one per core when there
   * are several files and a few MiB of them (flow-log-workers.ts). The parts, and so what is learned,
   * are the same whatever the number.
   */
  readonly threads?: number;
}

/**
 * The records of VPC flow logs in files and folder trees, in file order (see planFlowLogFiles), one
 * array of items per chunk read: the fast path (a consumer loops over each array; no promise per
 * record). Gzip is recognised by its magic bytes, whatever the name, and decompressed as it streams:
 * only the chunk being read and the line it ends in are held, so memory stays flat however large the
 * input.
 *
 * Errors: a path that does not exist, or no flow-log file found, throws FlowLogInputError (an
 * InputError) before anything is read; a bad format throws FlowFormatError. A file that cannot be read
 * to its end (permissions, a corrupt or truncated gzip) is a problem item naming the file and the line
 * where it stopped, and the read goes on with the next file: what was read is kept, like a malformed
 * line, so one bad object in a bucket copy does not void the rest.
 */
export async function* readFlowLogBatches(
  paths: readonly string[],
  options: ReadFlowLogsOptions = {},
): AsyncGenerator<FlowItem[], void, undefined> {
  const fields = options.format === undefined ? DEFAULT_FIELDS : parseFormat(options.format);
  const files = await planFlowLogFiles(paths);
  const total = { files: files.length, bytes: files.reduce((sum, f) => sum + f.size, 0) };
  if (options.onPart) {
    yield* digestFiles(files, fields, options.onPart, options, total);
    return;
  }
  const done = { files: 0, bytes: 0, records: 0, problems: 0 };
  const report = (fileBytes: number) =>
    options.onProgress?.({
      files: done.files,
      filesTotal: total.files,
      bytes: done.bytes + fileBytes,
      bytesTotal: total.bytes,
      records: done.records,
      problems: done.problems,
    });
  for (const file of files) {
    const reader = new FlowLogTextReader(file.path, fields, options.onRecord);
    const before = { records: done.records, problems: done.problems };
    const count = (items: FlowItem[]) => {
      done.records = before.records + reader.records;
      done.problems = before.problems + reader.problems;
      return items;
    };
    try {
      for await (const { text, bytes } of chunksOf(file)) {
        const items = count(reader.write(text));
        report(bytes);
        if (items.length > 0) yield items;
      }
      const last = count(reader.end());
      if (last.length > 0) yield last;
    } catch (error) {
      yield count(reader.fail(readFailure(error)));
    }
    done.files++;
    done.bytes += file.size;
    report(0);
  }
}

/** The same items one by one: what `for await` over a flow-log read wants. */
export function readFlowLogs(paths: readonly string[], options: ReadFlowLogsOptions = {}): AsyncIterable<FlowItem> {
  return {
    [Symbol.asyncIterator]() {
      const batches = readFlowLogBatches(paths, options);
      let batch: FlowItem[] = [];
      let i = 0;
      return {
        async next(): Promise<IteratorResult<FlowItem, undefined>> {
          while (i >= batch.length) {
            const next = await batches.next();
            if (next.done) return { done: true, value: undefined };
            batch = next.value;
            i = 0;
          }
          return { done: false, value: batch[i++]! };
        },
        async return(): Promise<IteratorResult<FlowItem, undefined>> {
          await batches.return(undefined);
          return { done: true, value: undefined };
        },
      };
    },
  };
}

type FileProgress = Extract<FileDigestEvent, { kind: 'progress' }>;

/** Each file digested (in worker threads, or here), its parts handed to `onPart` and its problems yielded in file order. */
async function* digestFiles(
  files: readonly FlowLogFile[],
  fields: readonly string[],
  onPart: (part: FlowPart) => void,
  options: ReadFlowLogsOptions,
  total: { readonly files: number; readonly bytes: number },
): AsyncGenerator<FlowItem[], void, undefined> {
  const window = options.digest ?? {};
  const threads = digestThreads(files, options.threads);
  const done = { files: 0, bytes: 0, records: 0, problems: 0 };
  /** Progress of the files being read, by index: counted before they end. */
  const inFlight = new Map<number, FileProgress>();
  const report = () => {
    if (!options.onProgress) return;
    const sum = { ...done };
    for (const q of inFlight.values()) {
      sum.bytes += q.bytes;
      sum.records += q.records;
      sum.problems += q.problems;
    }
    options.onProgress({ ...sum, filesTotal: total.files, bytesTotal: total.bytes });
  };
  const progress = (index: number, p: FileProgress) => {
    inFlight.set(index, p);
    report();
  };
  const events =
    threads > 1 ? digestInWorkers(files, fields, window, threads, progress) : inThread(files, fields, window, progress);
  let index = 0;
  for await (const event of events) {
    if (event === undefined) {
      const last = inFlight.get(index);
      inFlight.delete(index);
      done.files++;
      done.bytes += files[index]!.size;
      done.records += last?.records ?? 0;
      done.problems += last?.problems ?? 0;
      report();
      index++;
    } else if (event.kind === 'part') onPart(event.part);
    else if (event.kind === 'problems') yield event.items;
  }
}

/** The events of digesting each file in turn, in this thread; `undefined` ends a file. */
async function* inThread(
  files: readonly FlowLogFile[],
  fields: readonly string[],
  window: DigestWindow,
  onProgress: (index: number, p: FileProgress) => void,
): AsyncGenerator<FileDigestEvent | undefined, void, undefined> {
  const digester = new FlowDigester(window, () => undefined);
  for (const [index, file] of files.entries()) {
    for await (const event of digestFlowLogFile(file, fields, digester, index === files.length - 1)) {
      if (event.kind === 'progress') onProgress(index, event);
      else yield event;
    }
    yield undefined;
  }
}
