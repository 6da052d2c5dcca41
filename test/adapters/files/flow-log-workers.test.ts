import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readFlowLogBatches } from '../../../lambdas/adapters/files/flow-log-files';
import { digestThreads } from '../../../lambdas/adapters/files/flow-log-workers';
import { type DigestEntry, FlowDigest } from '../../../lambdas/core/flowlogs/digest';
import type { FlowPart } from '../../../lambdas/core/flowlogs/digester';
import type { FlowLineProblem, FlowProgress } from '../../../lambdas/core/flowlogs/types';

// The AWS default format's header and records as S3 delivers them (see test/fixtures/flowlogs/README.md).
const HEADER = 'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';
const LINE = (i: number, port = 8080) =>
  `2 123456789012 eni-0nginx1a 10.0.1.10 10.0.2.10 ${40000 + i} ${port} 6 10 950 ${1795996816 + i} ${1795996840 + i} ACCEPT OK`;

/** `files` gzipped S3-style files of `lines` records each; `bad` puts a malformed line at (file, line). */
function flowLogs(files: number, lines: number, bad?: { file: number; line: number }): { dir: string; paths: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'sg-guardian-workers-'));
  mkdirSync(join(dir, 'day'));
  const paths = Array.from({ length: files }, (_, f) => {
    const text = [HEADER, ...Array.from({ length: lines }, (_, i) => (bad?.file === f && bad.line === i + 2 ? '2 123456789012 eni-0nginx1a 10.0.1.10' : LINE(i, 8080 + (i % (f + 1)))))];
    const path = join(dir, 'day', `file-${String(f).padStart(2, '0')}.log.gz`);
    writeFileSync(path, gzipSync(`${text.join('\n')}\n`));
    return path;
  });
  return { dir, paths };
}

/** The entries of parts merged in the order given, and their counts. */
function digested(parts: readonly FlowPart[]) {
  const digest = new FlowDigest();
  const counts = { records: 0, skipped: 0, outsideWindow: 0, ambiguous: 0 };
  for (const p of parts) {
    digest.merge(p.digest);
    for (const k of Object.keys(counts) as (keyof typeof counts)[]) counts[k] += p.counts[k];
  }
  const entries: DigestEntry[] = [];
  digest.drain((e) => entries.push(e));
  return { entries, counts };
}

async function read(dir: string, threads: number) {
  const parts: FlowPart[] = [];
  const problems: FlowLineProblem[] = [];
  const progress: FlowProgress[] = [];
  for await (const batch of readFlowLogBatches([dir], { onPart: (p) => parts.push(p), digest: {}, threads, onProgress: (p) => progress.push(p) }))
    for (const item of batch) if (item.kind === 'problem') problems.push(item.problem);
  return { parts, problems, progress };
}

describe('reading flow logs in worker threads', () => {
  it('reports a malformed line in a file a worker read with its file and line, as one thread does', async () => {
    // Prepare
    const { dir, paths } = flowLogs(4, 50, { file: 3, line: 17 });
    // Act
    const threaded = await read(dir, 2);
    const single = await read(dir, 1);
    // Assess
    expect(threaded.problems).toEqual([{ source: { file: paths[3], line: 17 }, reason: '4 fields, the format has 14' }]);
    expect(threaded.problems).toEqual(single.problems);
    expect(threaded.parts.reduce((n, p) => n + p.counts.records, 0)).toBe(4 * 50 - 1);
  });

  it('reports a corrupt gzip a worker met as a problem of that file and reads the other files, as one thread does', async () => {
    // Prepare
    const { dir, paths } = flowLogs(3, 30);
    writeFileSync(paths[1]!, Buffer.concat([gzipSync(`${HEADER}\n${LINE(1)}\n`).subarray(0, 30), Buffer.from('not gzip at all')]));
    // Act
    const threaded = await read(dir, 2);
    const single = await read(dir, 1);
    // Assess
    expect(threaded.problems).toHaveLength(1);
    expect(threaded.problems[0]!.source.file).toBe(paths[1]);
    expect(threaded.problems[0]!.reason).toMatch(/corrupt gzip|cannot read the file/);
    expect(threaded.problems).toEqual(single.problems);
    expect(threaded.parts.reduce((n, p) => n + p.counts.records, 0)).toBe(single.parts.reduce((n, p) => n + p.counts.records, 0));
  });

  it('hands parts that add up to what one thread reads, in file order, and ends its progress at every file, byte and record', async () => {
    // Prepare: files with a key of their own each (another destination port), so the order shows
    const { dir } = flowLogs(9, 40);
    // Act
    const threaded = await read(dir, 2);
    const single = await read(dir, 1);
    // Assess
    expect(digested(threaded.parts)).toEqual(digested(single.parts));
    expect(threaded.parts.length).toBeGreaterThan(1);
    const last = threaded.progress.at(-1)!;
    expect(last).toEqual({ ...last, files: 9, filesTotal: 9, records: 360, problems: 0 });
    expect(last.bytes).toBe(last.bytesTotal);
    expect(threaded.progress.map((p) => p.bytes)).toEqual([...threaded.progress.map((p) => p.bytes)].sort((a, b) => a - b));
  });

  it.each([
    ['one file', [1_000_000_000], undefined, 1],
    ['small input', [1000, 1000, 1000], undefined, 1],
    ['as asked', [1000, 1000, 1000], 2, 2],
    ['no more threads than files', [1000, 1000], 4, 2],
  ] as const)('uses the main thread alone or workers by size and request: %s', (_name, sizes, requested, expected) => {
    // Prepare
    const files = sizes.map((size, i) => ({ path: `f${i}`, size }));
    // Act
    const threads = digestThreads(files, requested);
    // Assess
    expect(threads).toBe(expected);
  });
});
