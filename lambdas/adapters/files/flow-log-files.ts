import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { DEFAULT_FIELDS, parseFormat } from '../../core/flowlogs/format';
import type { FlowItem, FlowProgress, FlowRecord } from '../../core/flowlogs/types';
import { planFlowLogFiles, type FlowLogFile } from './flow-log-plan';
import { FlowLogTextReader } from './flow-log-text';

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
}

/** Bytes read from disk at a time. */
const CHUNK = 256 * 1024;

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

/** The decompressed text of a file in chunks, with the bytes read from disk so far. */
async function* chunksOf(file: FlowLogFile): AsyncGenerator<{ text: string; bytes: number }> {
  const gzipped = await isGzip(file.path);
  const raw = createReadStream(file.path, { highWaterMark: CHUNK });
  let bytes = 0;
  if (!gzipped) {
    const decoder = new StringDecoder('utf8');
    for await (const buffer of raw) {
      bytes += (buffer as Buffer).length;
      yield { text: decoder.write(buffer as Buffer), bytes };
    }
    const tail = decoder.end();
    if (tail.length > 0) yield { text: tail, bytes };
    return;
  }
  const gunzip = createGunzip({ chunkSize: CHUNK });
  // pipe() reads raw through 'data' events: counting them here sees every compressed byte.
  raw.on('data', (chunk) => (bytes += chunk.length));
  raw.on('error', (error) => gunzip.destroy(error));
  raw.pipe(gunzip);
  gunzip.setEncoding('utf8');
  try {
    for await (const text of gunzip) yield { text: text as string, bytes };
  } finally {
    raw.destroy();
  }
}

async function isGzip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

function readFailure(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'Z_DATA_ERROR' || e.code === 'Z_BUF_ERROR' || e.code === 'Z_STREAM_ERROR')
    return `corrupt gzip (${e.message}); download the object again`;
  if (e.code === 'EACCES' || e.code === 'EPERM') return `cannot read the file (${e.message}); check its permissions`;
  return `cannot read the file (${e.message})`;
}
