import type { GuardianConfig } from '../../core/config/schema';
import type { NetworkModel } from '../../core/model/types';
import { type ReplayOptions, ReplaySession } from '../../core/replay/session';
import type { ReplaySummary } from '../../core/replay/types';
import { InputError } from '../../core/errors';
import type { HistoryFile, HistoryPlan, HistorySource } from './history-source';
import type { ReplayProgressState } from './replay-progress';

/** The paths given hold no CloudTrail file at all: nothing was replayed, which is not "0 records, OK". */
export class NoHistoryError extends InputError {
  override readonly name = 'NoHistoryError';
}

/** Where the replay reports how far it got (a progress line on a terminal, or nothing). */
export interface ReplayProgress {
  /** After each file (and each day without files): records and files read, what is next. */
  update(state: ReplayProgressState): void;
  /** The replay finished: one line of totals. */
  done(line: string): void;
}

export interface ReplayDeps<Loaded> {
  /** Where the history is read from (files, in what order). */
  readonly source: HistorySource<Loaded>;
  /** The state before the first event. */
  readonly model: NetworkModel;
  readonly config: GuardianConfig;
  readonly options: ReplayOptions;
  readonly progress?: ReplayProgress;
  /** Milliseconds clock for the progress ETA (default Date.now). */
  readonly now?: () => number;
}

/**
 * Files loading while the current one is parsed: each load is a chain of threadpool steps (open, stat,
 * read, close, gunzip) that advances one step per turn of the busy main thread, so several run at once.
 */
const LOAD_AHEAD = 4;

/** One file to read (none for a day without files), and where it is for the progress line. */
interface Step {
  readonly file?: HistoryFile;
  readonly where: string;
}

/** Days listed so far and the files found in them: the progress estimate of the files still to come. */
interface Listed {
  days: number;
  files: number;
}

/**
 * Replays CloudTrail history from files and folders against a snapshot: inputs without a delivery
 * time in their name (lookup-events output, Lake results, other JSON) first, then the S3 log files day
 * by day in delivery order, each file advancing the watermark of the reorder window. The next files
 * load (read and gunzip, off the main thread) while the current one is parsed and judged; at most
 * LOAD_AHEAD + 1 files are in memory (large ones are streamed), so memory stays flat however long the
 * history.
 */
export async function replayHistory<Loaded>(
  paths: readonly string[],
  deps: ReplayDeps<Loaded>,
): Promise<ReplaySummary> {
  const { source } = deps;
  const plan = await source.plan(paths);
  const session = new ReplaySession(deps.model, deps.config, deps.options);
  const progress = deps.progress;
  const now = deps.now ?? Date.now;
  const started = now();
  const load = (step: Step | undefined): Promise<Loaded> | undefined => step?.file && source.load(step.file);
  const listed: Listed = { days: 0, files: 0 };
  let filesDone = 0;
  const steps = stepsOf(plan, source, listed);
  const ahead: { step: Step; loaded: Promise<Loaded> | undefined }[] = [];
  const fill = async () => {
    while (ahead.length < LOAD_AHEAD) {
      const next = await steps.next();
      if (next.done) return;
      ahead.push({ step: next.value, loaded: load(next.value) });
    }
  };
  for (await fill(); ahead.length > 0; await fill()) {
    const { step, loaded } = ahead.shift()!;
    if (step.file && loaded) {
      const ready = await loaded;
      if (step.file.deliveryMs !== undefined) session.watermark(step.file.deliveryMs);
      if (await source.feed(ready, session)) session.fileRead();
      filesDone++;
    }
    progress?.update({
      filesDone,
      unorderedFiles: plan.unordered.length,
      days: plan.days.length,
      daysListed: listed.days,
      filesListed: listed.files,
      records: session.progress.records,
      elapsedMs: now() - started,
      where: step.where,
    });
  }
  const summary = session.finish();
  if (summary.files.read + summary.files.unreadable === 0)
    throw new NoHistoryError(
      `no CloudTrail files (.json, .json.gz) in ${paths.join(', ')}: give S3 log folders or files, ` +
        'lookup-events output or CloudTrail Lake results',
    );
  progress?.done(`${count(summary.records)} records, ${count(summary.violations.total)} violation(s)`);
  return summary;
}

const count = (n: number) => n.toLocaleString('en-US');

async function* stepsOf(
  plan: HistoryPlan,
  source: HistorySource<unknown>,
  listed: Listed,
): AsyncGenerator<Step> {
  for (const file of plan.unordered) yield { file, where: file.path };
  for (const day of plan.days) {
    const files = await source.filesOfDay(day);
    listed.days++;
    listed.files += files.length;
    if (files.length === 0) yield { where: day.day };
    for (const file of files) yield { file, where: day.day };
  }
}
