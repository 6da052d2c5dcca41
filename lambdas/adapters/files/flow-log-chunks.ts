import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import type { FlowLogFile } from './flow-log-plan';

/** Bytes read from disk at a time. */
const CHUNK = 256 * 1024;

/**
 * The decompressed text of a flow-log file in chunks, with the bytes read from disk so far. Gzip is
 * recognised by its magic bytes, whatever the name, and decompressed as it streams: only the chunk being
 * read is held.
 */
export async function* chunksOf(file: FlowLogFile): AsyncGenerator<{ text: string; bytes: number }> {
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

/** Why a file could not be read to its end, as a problem's reason. */
export function readFailure(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'Z_DATA_ERROR' || e.code === 'Z_BUF_ERROR' || e.code === 'Z_STREAM_ERROR')
    return `corrupt gzip (${e.message}); download the object again`;
  if (e.code === 'EACCES' || e.code === 'EPERM') return `cannot read the file (${e.message}); check its permissions`;
  return `cannot read the file (${e.message})`;
}
