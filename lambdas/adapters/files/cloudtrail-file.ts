import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { createGunzip, gunzip } from 'node:zlib';
import type { CloudTrailSink } from '../../app/replay/history-source';
import type { Container } from '../../core/replay/session';
import { JsonElementScanner } from './json-element-scanner';

export type { CloudTrailSink } from '../../app/replay/history-source';

export interface ReadOptions {
  /**
   * Files up to this size on disk are read whole (as CloudTrail writes them: a few MB at most); larger
   * ones are streamed element by element so memory stays flat. Gzipped sizes count 8 times.
   */
  readonly streamAboveBytes: number;
}

export const DEFAULT_READ_OPTIONS: ReadOptions = { streamAboveBytes: 32 * 2 ** 20 };

/** A file made ready to parse: its text, or a promise to stream it, or why it cannot be read. */
export type LoadedFile =
  | { readonly kind: 'text'; readonly file: string; readonly text: string }
  | { readonly kind: 'stream'; readonly file: string; readonly gzipped: boolean }
  | { readonly kind: 'unreadable'; readonly file: string; readonly reason: string };

const GZIP_RATIO = 8;
const CONTAINERS = new Set(['Records', 'Events', 'QueryResultRows']);
const gunzipAsync = promisify(gunzip);

/**
 * Reads (and gunzips, on the libuv threadpool) a `.json` or `.json.gz` CloudTrail input, so that the
 * next file can load while the current one is parsed. Gzip is recognised by its magic bytes.
 */
export async function loadCloudTrailFile(
  file: string,
  size: number,
  options: ReadOptions = DEFAULT_READ_OPTIONS,
): Promise<LoadedFile> {
  try {
    if (size * (file.endsWith('.gz') ? GZIP_RATIO : 1) > options.streamAboveBytes)
      return { kind: 'stream', file, gzipped: await isGzip(file) };
    const bytes = await readFile(file);
    const gzipped = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
    return { kind: 'text', file, text: (gzipped ? await gunzipAsync(bytes) : bytes).toString('utf8') };
  } catch (error) {
    return { kind: 'unreadable', file, reason: `cannot read: ${(error as Error).message}` };
  }
}

/** Parses a loaded file into `sink`; false when it was unreadable (already reported to the sink). */
export async function feedCloudTrailFile(loaded: LoadedFile, sink: CloudTrailSink): Promise<boolean> {
  if (loaded.kind === 'unreadable') return unreadable(sink, loaded.file, loaded.reason);
  if (loaded.kind === 'stream') return streamFile(loaded.file, loaded.gzipped, sink);
  let doc: unknown;
  try {
    doc = JSON.parse(loaded.text);
  } catch (error) {
    return unreadable(sink, loaded.file, `not valid JSON: ${(error as Error).message}`);
  }
  sink.document(doc, loaded.file);
  return true;
}

/** Loads and parses one file into `sink`; false when it was unreadable. */
export async function readCloudTrailFile(
  file: string,
  size: number,
  sink: CloudTrailSink,
  options: ReadOptions = DEFAULT_READ_OPTIONS,
): Promise<boolean> {
  return feedCloudTrailFile(await loadCloudTrailFile(file, size, options), sink);
}

function unreadable(sink: CloudTrailSink, file: string, reason: string): false {
  sink.unreadable(file, reason);
  return false;
}

async function streamFile(file: string, gzipped: boolean, sink: CloudTrailSink): Promise<boolean> {
  const scanner = new JsonElementScanner(CONTAINERS, (container, index, text) => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const path = container === '' ? `$[${index}]` : `$.${container}[${index}]`;
      return sink.unparsable(file, path, `not valid JSON: ${(error as Error).message}`);
    }
    sink.entry(container as Container, index, value, file);
  });
  try {
    const raw = createReadStream(file);
    const stream = gzipped ? raw.pipe(createGunzip()) : raw;
    raw.on('error', (error) => stream.destroy(error));
    stream.setEncoding('utf8');
    for await (const chunk of stream) scanner.write(chunk as string);
    scanner.end();
  } catch (error) {
    return unreadable(sink, file, `cannot read to the end: ${(error as Error).message}`);
  }
  if (!scanner.found)
    return unreadable(sink, file, 'streamed: no Records, Events or QueryResultRows array, and not a JSON array');
  return true;
}

async function isGzip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}
