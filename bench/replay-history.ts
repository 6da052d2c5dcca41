// Generates a CloudTrail history as S3 holds it, for bench/replay.ts: deterministic (seeded PRNG).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { generateAccount } from './generate-account';
import { rng } from './random';
import { changeMaker, ec2Read, HOME, otherService, STREAMS } from './replay-records';

type Account = ReturnType<typeof generateAccount>;
type Rng = ReturnType<typeof rng>;

const FILE_EVERY_MS = 5 * 60_000;
const START = Date.UTC(2026, 9, 1);

/**
 * The mix, per record: `supported` SG/NACL/ENI calls (0.1 % by default, generous for a real account),
 * 20 % other EC2 calls (Describe*, same eventSource: only the name filter rejects them), the rest
 * other services (STS AssumeRole, KMS Decrypt, S3 bucket reads, CloudWatch Logs, SSM).
 */
export const OTHER_EC2 = 0.2;

export interface HistoryStats {
  records: number;
  supported: number;
  files: number;
  gzFiles: number;
  bytes: number;
  gzBytes: number;
}

/** Writes about `records` records under `dir`/AWSLogs/...; 80 % of files gzipped, 20 % plain JSON. */
export function writeHistory(
  dir: string,
  account: Account,
  records: number,
  supported = 0.001,
  seed = 11,
): HistoryStats {
  const r = rng(seed);
  const stats: HistoryStats = { records: 0, supported: 0, files: 0, gzFiles: 0, bytes: 0, gzBytes: 0 };
  const perFile = 330;
  const rounds = Math.ceil(records / perFile / STREAMS.length);
  const changes = changeMaker(account, r);
  for (let round = 0; round < rounds; round++) {
    const delivery = START + (round + 1) * FILE_EVERY_MS;
    for (const stream of STREAMS) {
      const n = Math.min(records - stats.records, r.int(perFile / 2, perFile * 1.5));
      if (n <= 0) break;
      const batch = Array.from({ length: n }, (_, i) => {
        // Mostly the last 5 minutes; 5 % delivered up to 20 minutes late.
        const late = r.next() < 0.05 ? r.int(0, 15 * 60_000) : 0;
        const at = new Date(delivery - r.int(30_000, FILE_EVERY_MS) - late);
        const time = at.toISOString().replace(/\.\d+Z$/, 'Z');
        const id = `${stream.region}-${round}-${i}`;
        if (stream.account === HOME && stream.region === 'eu-west-1' && r.next() < supported * STREAMS.length) {
          stats.supported += 1;
          return changes(time, id);
        }
        return r.next() < OTHER_EC2 ? ec2Read(r, stream, time, id) : otherService(r, stream, time, id);
      });
      stats.records += n;
      writeLogFile(dir, stream, delivery, { Records: batch }, r, stats);
    }
  }
  return stats;
}

function writeLogFile(
  dir: string,
  stream: (typeof STREAMS)[0 | 1 | 2],
  delivery: number,
  doc: unknown,
  r: Rng,
  stats: HistoryStats,
): void {
  const d = new Date(delivery);
  const [y, m, day] = [d.getUTCFullYear(), pad(d.getUTCMonth() + 1), pad(d.getUTCDate())];
  const folder = join(dir, 'AWSLogs', stream.account, 'CloudTrail', stream.region, String(y), m, day);
  mkdirSync(folder, { recursive: true });
  const stamp = `${y}${m}${day}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}Z`;
  const name = `${stream.account}_CloudTrail_${stream.region}_${stamp}_${r.int(1e8, 1e9 - 1).toString(36)}.json`;
  const text = JSON.stringify(doc);
  stats.files += 1;
  stats.bytes += text.length;
  if (r.next() < 0.8) {
    const gz = gzipSync(text);
    writeFileSync(join(folder, `${name}.gz`), gz);
    stats.gzFiles += 1;
    stats.gzBytes += gz.length;
  } else writeFileSync(join(folder, name), text);
}

const pad = (n: number) => String(n).padStart(2, '0');
