import { describe, expect, it } from 'vitest';
import {
  estimatedFiles,
  etaMs,
  formatReplayProgress,
  fractionDone,
  type ReplayProgressState,
} from '../../../lambdas/app/replay/replay-progress';

const state = (over: Partial<ReplayProgressState>): ReplayProgressState => ({
  filesDone: 0,
  unorderedFiles: 0,
  days: 1,
  daysListed: 0,
  filesListed: 0,
  records: 0,
  elapsedMs: 0,
  where: '2026-11-20',
  ...over,
});

describe('replay progress', () => {
  it.each([
    { case: 'one day of 288 files, half read', s: { days: 1, daysListed: 1, filesListed: 288, filesDone: 144 }, files: 288, fraction: 0.5 },
    { case: '10 days, 2 listed at 100 files a day', s: { days: 10, daysListed: 2, filesListed: 200, filesDone: 150 }, files: 1000, fraction: 0.15 },
    { case: 'lookup-events files before any day is listed', s: { unorderedFiles: 3, days: 0, filesDone: 1 }, files: 3, fraction: 1 / 3 },
    { case: 'nothing listed yet: a file a day', s: { days: 4 }, files: 4, fraction: 0 },
    { case: 'all done', s: { days: 2, daysListed: 2, filesListed: 5, filesDone: 5 }, files: 5, fraction: 1 },
    { case: 'nothing to read', s: { days: 0 }, files: 0, fraction: 0 },
  ])('estimates the files and the share done: $case', ({ s, files, fraction }) => {
    // Act / Assess
    expect(estimatedFiles(state(s))).toBe(files);
    expect(fractionDone(state(s))).toBeCloseTo(fraction, 10);
  });

  it.each([
    { elapsedMs: 60_000, fraction: 0.25, eta: 180_000 },
    { elapsedMs: 10_000, fraction: 0.5, eta: 10_000 },
    { elapsedMs: 5_000, fraction: 1, eta: 0 },
    { elapsedMs: 60_000, fraction: 0.005, eta: undefined },
    { elapsedMs: 500, fraction: 0.5, eta: undefined },
  ])('gives $eta ms left after $elapsedMs ms at $fraction', ({ elapsedMs, fraction, eta }) => {
    // Act / Assess
    expect(etaMs(elapsedMs, fraction)).toBe(eta);
  });

  it('shows the bar, records, files (estimated with ~ until every day is listed), the ETA and where', () => {
    // Prepare
    const midway = state({ days: 10, daysListed: 2, filesListed: 200, filesDone: 250, records: 123_456, elapsedMs: 60_000 });
    const last = state({ days: 2, daysListed: 2, filesListed: 400, filesDone: 300, records: 9, elapsedMs: 90_000, where: 'x' });

    // Act
    const lines = [formatReplayProgress(midway, 10), formatReplayProgress(last, 10), formatReplayProgress(state({}), 10)];

    // Assess
    expect(lines).toEqual([
      '[###-------]  25% · 123,456 records · 250/~1,000 files · ETA 3m 0s · 2026-11-20',
      '[########--]  75% · 9 records · 300/400 files · ETA 30s · x',
      '[----------]   0% · 0 records · 0/~1 files · ETA … · 2026-11-20',
    ]);
  });
});
