import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { readCloudTrailChanges } from '../../lambdas/adapters/files/cloudtrail-changes';
import { readConfigFile } from '../../lambdas/adapters/files/config-file';
import { readFlowLogBatches } from '../../lambdas/adapters/files/flow-log-files';
import { loadSnapshotModel } from '../../lambdas/adapters/files/snapshot-files';
import { createProgressBar } from '../../lambdas/adapters/local/progress-bar';
import { learnFromFlowLogs } from '../../lambdas/app/learn';
import { renderLearnHtml } from '../../lambdas/app/render/learn-html';
import { toLearnJson } from '../../lambdas/app/render/learn-json';
import { renderLearnText } from '../../lambdas/app/render/learn-text';
import type { FlowProgress } from '../../lambdas/core/flowlogs/types';
import { EXIT, type Io, processIo, runCommand, UsageError } from './shared';

interface LearnCliOptions {
  snapshot: string;
  flowLogs: string[];
  since?: string;
  until?: string;
  out?: string;
  json?: boolean;
  html?: string;
  events?: string[];
  config?: string;
  format?: string;
  threads?: string;
}

/** `--threads N` (a whole number from 1) or `auto`; undefined for auto. */
export function parseThreads(text: string | undefined): number | undefined {
  if (text === undefined || text === 'auto') return undefined;
  if (!/^\d{1,3}$/.test(text) || Number(text) < 1)
    throw new UsageError(`--threads: expected a number of threads from 1, or auto, got "${text}"`);
  return Number(text);
}

/** ISO-8601 (2026-11-20T03:00:00Z) or Unix seconds, to Unix seconds. */
export function parseTime(text: string, option: string): number {
  if (/^\d{9,11}$/.test(text)) return Number(text);
  const ms = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(ms))
    throw new UsageError(`${option}: expected an ISO-8601 time like 2026-11-20T03:00:00Z or Unix seconds, got "${text}"`);
  return ms / 1000;
}

async function write(path: string, text: string, option: string): Promise<void> {
  try {
    await writeFile(path, text);
  } catch (error) {
    throw new UsageError(`${option} ${path}: cannot write (${(error as Error).message})`, { cause: error });
  }
}

function progressOf(io: Io): ((p: FlowProgress) => void) | undefined {
  if (io !== processIo) return undefined;
  const bar = createProgressBar(process.stderr);
  let started = false;
  let bytes = 0;
  return (p) => {
    if (!started) {
      bar.start(p.bytesTotal);
      started = true;
    }
    bar.tick(p.bytes - bytes, `${p.records.toLocaleString('en-US')} records, file ${Math.min(p.files + 1, p.filesTotal)}/${p.filesTotal}`);
    bytes = p.bytes;
    if (p.files === p.filesTotal) bar.done(`${p.records.toLocaleString('en-US')} records read`);
  };
}

export function registerLearn(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('learn')
    .description(
      'Learn dependencies from VPC Flow Logs: propose guardian.yaml, find unused and world-open rules, explain REJECTs',
    )
    .requiredOption('--snapshot <dir>', 'snapshot folder: maps addresses and interfaces to ENIs and groups')
    .requiredOption('--flow-logs <path...>', 'flow-log files (.log, .log.gz) or folders of them (an S3 copy)')
    .option('--since <time>', 'ignore records that end before (ISO-8601 or Unix seconds)')
    .option('--until <time>', 'ignore records that start after (ISO-8601 or Unix seconds)')
    .option('--out <file>', 'write the proposed dependencies as a guardian.yaml fragment')
    .option('--json', 'machine-readable output')
    .option('--html <file>', 'also write a self-contained HTML report with the learned graph')
    .option('--events <path...>', 'CloudTrail history (as for replay): finds the change that started each REJECT')
    .option('--config <file>', 'current guardian.yaml: marks proposals already declared, and declared ones unseen')
    .option('--threads <n>', 'threads reading the flow logs: 1 reads in the main thread; default auto (one per core for a few MiB and more)')
    .option('--format <fields>', 'fields of files without a header line (CloudWatch Logs exports), e.g. "${version} ${srcaddr} …"')
    .action(async (opts: LearnCliOptions) => {
      setExit(
        await runCommand(io, !!opts.json, async () => {
          const threads = parseThreads(opts.threads);
          const since = opts.since === undefined ? undefined : parseTime(opts.since, '--since');
          const until = opts.until === undefined ? undefined : parseTime(opts.until, '--until');
          if (since !== undefined && until !== undefined && until < since)
            throw new UsageError(`--until (${opts.until}) is before --since (${opts.since})`);
          const [model, config, history] = await Promise.all([
            loadSnapshotModel(opts.snapshot),
            opts.config ? readConfigFile(opts.config) : Promise.resolve(undefined),
            opts.events ? readCloudTrailChanges(opts.events) : Promise.resolve(undefined),
          ]);
          const onProgress = progressOf(io);
          const report = await learnFromFlowLogs(
            opts.flowLogs,
            {
              source: readFlowLogBatches,
              model,
              ...(config ? { config } : {}),
              ...(history ? { changes: history.changes } : {}),
              ...(onProgress ? { onProgress } : {}),
            },
            {
              ...(since !== undefined ? { since } : {}),
              ...(until !== undefined ? { until } : {}),
              ...(opts.format !== undefined ? { format: opts.format } : {}),
              ...(threads !== undefined ? { threads } : {}),
            },
          );
          if (opts.out) await write(opts.out, report.yaml, '--out');
          if (opts.html) await write(opts.html, renderLearnHtml(report, model), '--html');
          const notes = [
            ...(history?.unreadable.length ? [`${history.unreadable.length} CloudTrail file(s) unreadable: ${history.unreadable[0]}`] : []),
            opts.out ? `Proposed dependencies written to ${opts.out}` : 'Write the proposed dependencies with --out FILE.',
          ];
          io.out(opts.json ? JSON.stringify(toLearnJson(report), null, 2) : renderLearnText(report, notes));
          return EXIT.ok;
        }),
      );
    });
}
