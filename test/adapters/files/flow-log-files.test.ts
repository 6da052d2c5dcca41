import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  FlowLogInputError,
  readFlowLogBatches,
  readFlowLogs,
  type ReadFlowLogsOptions,
} from '../../../lambdas/adapters/files/flow-log-files';
import { InputError } from '../../../lambdas/core/errors';
import { FlowFormatError } from '../../../lambdas/core/flowlogs/format';
import type { FlowItem, FlowProgress } from '../../../lambdas/core/flowlogs/types';

const FIXTURES = join(__dirname, '../../fixtures/flowlogs');
const S3_DAY = 's3/AWSLogs/123456789010/vpcflowlogs/us-east-1/2014/12/14';
const S3_NAME = '123456789010_vpcflowlogs_us-east-1_fl-1234abcd_20141214T0400Z_fe123456.log';
const EXPORT = 'cloudwatch-export/8b0d5e4f-0000-4a1b-9c2d-0123456789ab/eni-1235b8ca123456789-all/000000';
const HEADER = 'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';
const LINE = (port: number) =>
  `2 123456789012 eni-0nginx1a 10.0.1.10 10.0.2.10 ${port} 8080 6 10 950 1795996816 1795996840 ACCEPT OK`;

const tempDir = () => mkdtempSync(join(tmpdir(), 'sg-guardian-flowlogs-'));
function put(dir: string, path: string, text: string, gzip = false): string {
  const file = join(dir, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, gzip ? gzipSync(text) : text);
  return file;
}
async function readAll(paths: string[], options?: ReadFlowLogsOptions): Promise<FlowItem[]> {
  const items: FlowItem[] = [];
  for await (const item of readFlowLogs(paths, options)) items.push(item);
  return items;
}
const records = (items: FlowItem[]) => items.flatMap((i) => (i.kind === 'record' ? [i] : []));
const problems = (items: FlowItem[]) => items.flatMap((i) => (i.kind === 'problem' ? [i.problem] : []));

describe('readFlowLogs', () => {
  it('reads an S3 copy, gzipped as delivered, through its header line with file and line of each record', async () => {
    // Prepare
    const dir = tempDir();
    const text = readFileSync(join(FIXTURES, S3_DAY, S3_NAME), 'utf8');
    const file = put(dir, `${S3_DAY}/${S3_NAME}.gz`, text, true);

    // Act
    const items = await readAll([dir]);

    // Assess
    expect(problems(items)).toEqual([]);
    expect(records(items).map((r) => r.source)).toEqual([2, 3, 4, 5, 6, 7, 8].map((line) => ({ file, line })));
    expect(records(items).map((r) => r.record.logStatus)).toEqual(['OK', 'OK', 'NODATA', 'SKIPDATA', 'OK', 'OK', 'OK']);
  });

  it('walks folder trees in name order, gzipped and plain files alike, and skips other files', async () => {
    // Prepare
    const dir = tempDir();
    put(dir, 'b/2026/11/30/x_20261130T0005Z_2.log.gz', `${HEADER}\n${LINE(40002)}\n`, true);
    put(dir, 'b/2026/11/30/x_20261130T0000Z_1.log', `${HEADER}\n${LINE(40001)}\n`);
    put(dir, 'a/export/000000.gz', `2026-11-30T00:00:09.000Z ${LINE(40000)}\n`, true);
    put(dir, 'b/2026/11/30/notes.txt', 'not a flow log');
    put(dir, 'c/events.json', JSON.stringify({ events: [{ message: LINE(40003) }] }));

    // Act
    const items = await readAll([dir]);

    // Assess
    expect(problems(items)).toEqual([]);
    expect(records(items).map((r) => r.record.srcPort)).toEqual([40000, 40001, 40002, 40003]);
  });

  it('reads a file reached through overlapping paths once', async () => {
    // Prepare
    const dir = tempDir();
    const file = put(dir, 'day/a.log', `${HEADER}\n${LINE(40000)}\n`);

    // Act
    const items = await readAll([dir, join(dir, 'day'), file]);

    // Assess
    expect(records(items)).toHaveLength(1);
  });

  it('reads any header order, and a header met in the middle of a concatenated file', async () => {
    // Prepare
    const dir = tempDir();
    const text = [
      'dstport srcaddr action',
      '443 10.0.0.1 ACCEPT',
      HEADER,
      LINE(40000),
    ].join('\n');
    put(dir, 'all.log', text);

    // Act
    const items = await readAll([dir]);

    // Assess
    expect(records(items).map((r) => [r.record.srcAddr, r.record.dstPort, r.source.line])).toEqual([
      ['10.0.0.1', 443, 2],
      ['10.0.1.10', 8080, 4],
    ]);
  });

  it('counts malformed lines as problems with file and line and reads on', async () => {
    // Prepare
    const dir = tempDir();
    const file = put(dir, 'x.log.gz', `${HEADER}\n${LINE(40000)}\n2 123 eni-1\n\n${LINE(40001).replace('ACCEPT', 'DENY')}\n${LINE(40002)}`, true);

    // Act
    const items = await readAll([dir]);

    // Assess
    expect(problems(items)).toEqual([
      { source: { file, line: 3 }, reason: '3 fields, the format has 14' },
      { source: { file, line: 5 }, reason: 'action "DENY" is not ACCEPT or REJECT' },
    ]);
    expect(records(items).map((r) => r.source.line)).toEqual([2, 6]);
  });

  it('reads a CloudWatch Logs export: timestamps skipped, default format or the one given', async () => {
    // Prepare
    const dir = tempDir();
    cpSync(join(FIXTURES, EXPORT), join(dir, 'default', '000000'));
    put(dir, 'custom/000000.gz', '2026-11-30T00:00:09.000Z vpc-0demo 10.0.0.1 443 REJECT\n', true);

    // Act
    const byDefault = await readAll([join(dir, 'default', '000000')]);
    const custom = await readAll([join(dir, 'custom')], { format: '${vpc-id} ${srcaddr} ${dstport} ${action}' });

    // Assess
    expect(records(byDefault).map((r) => [r.record.dstPort, r.record.action])).toEqual([
      [22, 'ACCEPT'],
      [3389, 'REJECT'],
    ]);
    expect(records(custom).map((r) => r.record)).toEqual([
      { vpcId: 'vpc-0demo', srcAddr: '10.0.0.1', dstPort: 443, action: 'REJECT' },
    ]);
  });

  it('reads the JSON of aws logs filter-log-events, a problem naming the event', async () => {
    // Prepare
    const dir = tempDir();
    const doc = JSON.parse(readFileSync(join(FIXTURES, 'cli/filter-log-events.json'), 'utf8'));
    doc.events.push({ logStreamName: 'eni-1-all', timestamp: 0, message: 'garbage' });
    const file = put(dir, 'events.json.gz', JSON.stringify(doc), true);

    // Act
    const items = await readAll([dir]);

    // Assess
    expect(records(items).map((r) => [r.record.srcAddr, r.source])).toEqual([
      ['172.31.16.139', { file, line: 1 }],
      ['172.31.9.69', { file, line: 2 }],
    ]);
    expect(problems(items)).toEqual([{ source: { file, line: 3 }, reason: '1 fields, the format has 14' }]);
  });

  it('reports a corrupt or truncated gzip as a problem and reads the next file', async () => {
    // Prepare
    const dir = tempDir();
    const whole = gzipSync(`${HEADER}\n${LINE(40000)}\n${LINE(40001)}\n`);
    const corrupt = put(dir, '1.log.gz', '');
    writeFileSync(corrupt, Buffer.concat([whole.subarray(0, 10), Buffer.alloc(40, 7)]));
    const truncated = put(dir, '2.log.gz', '');
    writeFileSync(truncated, whole.subarray(0, whole.length - 12));
    put(dir, '3.log', `${HEADER}\n${LINE(40002)}\n`);

    // Act
    const items = await readAll([dir]);

    // Assess
    expect(problems(items).map((p) => [p.source.file, p.reason.match(/^[a-z ]+/)![0]])).toEqual([
      [corrupt, 'corrupt gzip '],
      [truncated, 'corrupt gzip '],
    ]);
    expect(problems(items)[0]!.reason).toMatch(/the rest of this file is skipped$/);
    expect(records(items).map((r) => r.record.srcPort)).toContain(40002);
  });

  it('reports an unreadable file as a problem naming it', async () => {
    // Prepare
    const dir = tempDir();
    const locked = put(dir, '1.log', `${HEADER}\n${LINE(40000)}\n`);
    chmodSync(locked, 0o000);
    put(dir, '2.log', `${HEADER}\n${LINE(40001)}\n`);
    const root = process.getuid?.() === 0;

    // Act
    const items = await readAll([dir]);

    // Assess
    if (root) expect(problems(items)).toEqual([]); // root reads anything: nothing to report
    else expect(problems(items)).toMatchObject([{ source: { file: locked, line: 1 }, reason: expect.stringMatching(/check its permissions/) }]);
    expect(records(items).map((r) => r.record.srcPort)).toContain(40001);
  });

  it('calls progress with counts that only grow and end at the totals', async () => {
    // Prepare
    const dir = tempDir();
    const lines = Array.from({ length: 8_000 }, (_, i) => LINE(32768 + i));
    put(dir, 'a.log.gz', [HEADER, ...lines].join('\n'), true);
    put(dir, 'b.log', [HEADER, ...lines.slice(0, 5000), 'bad'].join('\n'));
    const seen: FlowProgress[] = [];

    // Act
    const items = await readAll([dir], { onProgress: (p) => seen.push(p) });

    // Assess
    expect(seen.length).toBeGreaterThan(2);
    for (const [prev, next] of seen.slice(1).map((p, i) => [seen[i]!, p] as const))
      for (const key of ['files', 'bytes', 'records', 'problems'] as const) expect(next[key]).toBeGreaterThanOrEqual(prev[key]);
    const last = seen.at(-1)!;
    expect(last).toEqual({
      files: 2,
      filesTotal: 2,
      bytes: last.bytesTotal,
      bytesTotal: last.bytesTotal,
      records: 13_000,
      problems: 1,
    });
    expect(records(items)).toHaveLength(13_000);
  });

  it('stops cleanly when the consumer stops early', async () => {
    // Prepare
    const dir = tempDir();
    put(dir, 'a.log.gz', [HEADER, ...Array.from({ length: 10_000 }, () => LINE(40000))].join('\n'), true);
    let n = 0;

    // Act
    for await (const item of readFlowLogs([dir])) if (item.kind === 'record' && ++n === 10) break;

    // Assess
    expect(n).toBe(10);
  });
});

describe('readFlowLogs input errors', () => {
  it.each([
    [['/nonexistent/flow-logs'], /\/nonexistent\/flow-logs: no such file or folder/],
    [[], /give at least one file or folder/],
  ])('throws an input error for %j before reading', async (paths, message) => {
    // Act
    const act = readAll(paths);

    // Assess
    await expect(act).rejects.toThrow(FlowLogInputError);
    await expect(readAll(paths)).rejects.toThrow(message);
  });

  it('throws an input error for a folder with no flow-log file', async () => {
    // Prepare
    const dir = tempDir();
    put(dir, 'notes.txt', 'nothing here');

    // Act
    const act = readAll([dir]);

    // Assess
    await expect(act).rejects.toThrow(InputError);
    await expect(readAll([dir])).rejects.toThrow(/no flow-log files \(\.log\.gz, \.log, \.gz, \.json\) found/);
  });

  it('throws a format error for a --format that is not one', async () => {
    // Prepare
    const dir = tempDir();
    put(dir, 'a.log', `${HEADER}\n${LINE(40000)}\n`);

    // Act
    const act = readAll([dir], { format: 'srcaddr, dstaddr' });

    // Assess
    await expect(act).rejects.toThrow(FlowFormatError);
  });
});

describe('readFlowLogBatches', () => {
  it('hands the same items as readFlowLogs, a chunk at a time', async () => {
    // Prepare
    const dir = tempDir();
    put(dir, 'a.log.gz', [HEADER, ...Array.from({ length: 6_000 }, (_, i) => LINE(32768 + i))].join('\n'), true);
    const batches: FlowItem[][] = [];

    // Act
    for await (const batch of readFlowLogBatches([dir])) batches.push(batch);

    // Assess
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.flat()).toEqual(await readAll([dir]));
  });

  it('hands each record to onRecord instead, one reused object, and keeps problems as items', async () => {
    // Prepare: a header switch mid-file, a CloudWatch export and a bad line
    const dir = tempDir();
    put(dir, 'a.log.gz', [HEADER, LINE(40000), 'not a record', LINE(40001)].join('\n'), true);
    put(dir, 'b.log', [`2026-11-30T10:00:03.000Z ${LINE(40002)}`, `2026-11-30T10:00:04.000Z ${LINE(40003)}`].join('\n'));
    const copies: object[] = [];
    const problemItems: FlowItem[] = [];

    // Act
    for await (const batch of readFlowLogBatches([dir], { onRecord: (r) => copies.push({ ...r }) })) problemItems.push(...batch);
    const reused: object[] = [];
    for await (const batch of readFlowLogBatches([join(dir, 'b.log')], { onRecord: (r) => reused.push(r) })) void batch;

    // Assess: the same records as items carry (missing fields present and undefined), the same problems
    const items = await readAll([dir]);
    const defined = (r: object) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined));
    expect(copies.map(defined)).toEqual(records(items).map((i) => i.record));
    expect(problemItems).toEqual(items.filter((i) => i.kind === 'problem'));
    expect(reused).toHaveLength(2);
    expect(reused[0]).toBe(reused[1]);
  });
});
