import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { cloudTrailHistory } from '../../lambdas/adapters/files/cloudtrail-history';
import { readConfigFile } from '../../lambdas/adapters/files/config-file';
import { createStatusLine } from '../../lambdas/adapters/local/status-line';
import { loadSnapshotModel } from '../../lambdas/adapters/files/snapshot-files';
import { type ReplayProgress, replayHistory } from '../../lambdas/app/replay/replay-history';
import { formatReplayProgress } from '../../lambdas/app/replay/replay-progress';
import { renderReplayHtml } from '../../lambdas/app/render/replay-html';
import { toReplayJson } from '../../lambdas/app/render/replay-json';
import { renderReplayText } from '../../lambdas/app/render/replay-text';
import { DEFAULT_REPLAY_OPTIONS } from '../../lambdas/core/replay/session';
import { EXIT, type Io, processIo, runCommand, UsageError } from './shared';

interface ReplayCliOptions {
  snapshot: string;
  config: string;
  events: string[];
  json?: boolean;
  html?: string;
  window: string;
  limit: string;
}

export function registerReplay(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('replay')
    .description(
      'Replay CloudTrail history against a snapshot taken before it: what the guardrail would have done',
    )
    .requiredOption('--snapshot <dir>', 'snapshot folder: the state before the first event')
    .requiredOption('--config <file>', 'guardian.yaml')
    .requiredOption(
      '--events <path...>',
      'CloudTrail log files (.json, .json.gz) or folders of them (an S3 copy), lookup-events output, ' +
        'Lake query results',
    )
    .option('--json', 'machine-readable output')
    .option('--html <file>', 'also write a self-contained HTML report with a timeline chart')
    .option(
      '--window <minutes>',
      'reorder window: how late a record may arrive after later ones',
      String(DEFAULT_REPLAY_OPTIONS.windowMinutes),
    )
    .option('--limit <n>', 'items listed per section (totals are always complete)', '200')
    .action(async (opts: ReplayCliOptions) => {
      setExit(
        await runCommand(io, !!opts.json, async () => {
          const windowMinutes = positiveInt(opts.window, '--window');
          const limit = positiveInt(opts.limit, '--limit');
          const [config, model] = await Promise.all([
            readConfigFile(opts.config),
            loadSnapshotModel(opts.snapshot),
          ]);
          const summary = await replayHistory(opts.events, {
            source: cloudTrailHistory(),
            model,
            config,
            options: { ...DEFAULT_REPLAY_OPTIONS, windowMinutes, limit },
            progress: io === processIo && !opts.json ? progressLine(process.stderr) : undefined,
          });
          if (opts.html) await writeHtml(opts.html, renderReplayHtml(summary));
          io.out(opts.json ? JSON.stringify(toReplayJson(summary), null, 2) : renderReplayText(summary));
          if (summary.violations.total > 0) return EXIT.violation;
          return summary.invalid.total > 0 || summary.files.unreadable > 0 ? EXIT.badInput : EXIT.ok;
        }),
      );
    });
}

/** One line on stderr, rewritten in place, when it is a terminal; nothing otherwise (pipes, CI logs). */
function progressLine(stream: NodeJS.WriteStream): ReplayProgress {
  const line = createStatusLine(stream);
  return { update: (state) => line.draw(() => formatReplayProgress(state)), done: (text) => line.end(text) };
}

function positiveInt(text: string, option: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0)
    throw new UsageError(`${option} must be a whole number ≥ 0, got "${text}"`);
  return n;
}

async function writeHtml(path: string, html: string): Promise<void> {
  try {
    await writeFile(path, html);
  } catch (error) {
    throw new UsageError(`--html ${path}: cannot write (${(error as Error).message})`, { cause: error });
  }
}
