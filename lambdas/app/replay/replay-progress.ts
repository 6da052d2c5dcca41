import { formatDuration } from '../render/replay-format';

/** How far a replay has come, for a progress line with an ETA. */
export interface ReplayProgressState {
  /** Input files done (read, or found unreadable). */
  readonly filesDone: number;
  /** Files without a delivery time in their name (lookup-events, Lake results): read first. */
  readonly unorderedFiles: number;
  /** Days of S3 log files in the history. */
  readonly days: number;
  /** Days whose folders were listed so far (the replay lists a day when it reaches it)… */
  readonly daysListed: number;
  /** …and the log files found in them. */
  readonly filesListed: number;
  /** CloudTrail records read. */
  readonly records: number;
  /** Since the replay started. */
  readonly elapsedMs: number;
  /** The file or day being read. */
  readonly where: string;
}

/**
 * The files the whole replay will read: those known, plus the days not listed yet at the average number
 * of files per day listed so far (one per day before any is listed). Exact once every day is listed.
 */
export function estimatedFiles(s: ReplayProgressState): number {
  const unlisted = Math.max(0, s.days - s.daysListed);
  const perDay = s.daysListed > 0 ? s.filesListed / s.daysListed : 1;
  return s.unorderedFiles + s.filesListed + Math.round(unlisted * perDay);
}

/** Share of the work done, 0 to 1, by files (CloudTrail writes files of similar size, every 5 minutes). */
export function fractionDone(s: ReplayProgressState): number {
  const total = estimatedFiles(s);
  if (total <= 0) return 0;
  return Math.min(1, Math.max(0, s.filesDone / total));
}

/** Below this share done, or this time spent, an ETA is a guess: none is shown. */
const MIN_FRACTION = 0.01;
const MIN_ELAPSED_MS = 1000;

/** Time left at the pace so far; undefined until the pace means something. */
export function etaMs(elapsedMs: number, fraction: number): number | undefined {
  if (fraction >= 1) return 0;
  if (fraction < MIN_FRACTION || elapsedMs < MIN_ELAPSED_MS) return undefined;
  return Math.round((elapsedMs * (1 - fraction)) / fraction);
}

/**
 * `[#####---------------]  25% · 1,234 records · 31/~124 files · ETA 3m 10s · 2026-11-20`; the file
 * count has a `~` while days are still to be listed.
 */
export function formatReplayProgress(s: ReplayProgressState, width = 20): string {
  const fraction = fractionDone(s);
  const filled = Math.round(fraction * width);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  const exact = s.daysListed >= s.days;
  const files = `${count(s.filesDone)}/${exact ? '' : '~'}${count(estimatedFiles(s))} files`;
  const eta = etaMs(s.elapsedMs, fraction);
  const left = eta === undefined ? 'ETA …' : `ETA ${formatDuration(eta)}`;
  return [`${bar} ${percent}`, `${count(s.records)} records`, files, left, s.where].join(' · ');
}

const count = (n: number) => n.toLocaleString('en-US');
