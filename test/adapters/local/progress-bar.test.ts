import { describe, expect, it } from 'vitest';
import { createProgressBar, noProgress, type ProgressStream } from '../../../lambdas/adapters/local/progress-bar';

/** A stream that records what is written; a TTY unless told otherwise. */
type FakeStream = ProgressStream & { text: () => string; lines: () => string[] };

function fakeStream(isTTY = true, columns = 80): FakeStream {
  const written: string[] = [];
  return {
    isTTY,
    columns,
    write: (text: string) => written.push(text),
    text: () => written.join(''),
    /** What the terminal shows after each redraw (the part after the last line clear). */
    lines: () => written.filter((w) => w !== '\n').map((w) => w.replace('\r\x1b[2K', '')),
  };
}

describe('progress bar', () => {
  it('draws nothing when the stream is not a TTY', () => {
    // Prepare
    const stream = fakeStream(false);

    // Act
    const bar = createProgressBar(stream);
    bar.start(10);
    bar.tick(5, 'half');
    bar.done('all');

    // Assess
    expect(bar).toBe(noProgress);
    expect(stream.text()).toBe('');
  });

  it('shows a spinner and a count when the total is unknown, and ends the line when done', () => {
    // Prepare
    const stream = fakeStream();
    let clock = 0;
    const bar = createProgressBar(stream, { now: () => clock, intervalMs: 10 });

    // Act
    bar.start();
    clock = 20;
    bar.tick(1, 'groups 3 (1p)');
    clock = 40;
    bar.tick(1200, 'groups 1,203 (2p)');
    bar.done();

    // Assess
    expect(stream.lines()).toEqual([
      '| 0',
      '/ 1 groups 3 (1p)',
      '- 1,201 groups 1,203 (2p)',
      '- 1,201 groups 1,203 (2p)',
    ]);
    expect(stream.text().endsWith('\n')).toBe(true);
    expect(stream.text()).toContain('\r\x1b[2K');
  });

  it('shows a bar with the percentage and the count of a known total', () => {
    // Prepare
    const stream = fakeStream();
    const bar = createProgressBar(stream, { width: 10, intervalMs: 0 });

    // Act
    bar.start(200);
    bar.tick(50, 'events');
    bar.done('finished');

    // Assess
    expect(stream.lines()).toEqual([
      '[----------]   0% 0/200',
      '[###-------]  25% 50/200 events',
      '[###-------]  25% 50/200 finished',
    ]);
  });

  it('redraws at most once per interval but always draws the final state', () => {
    // Prepare
    const stream = fakeStream();
    let clock = 1000;
    const bar = createProgressBar(stream, { now: () => clock, intervalMs: 100 });

    // Act
    bar.start(100);
    for (let i = 0; i < 50; i += 1) {
      clock += 1;
      bar.tick(1);
    }
    bar.done();

    // Assess
    expect(stream.lines()).toHaveLength(2);
    expect(stream.lines().at(-1)).toContain('50/100');
  });

  it('cuts the line to the terminal width', () => {
    // Prepare
    const stream = fakeStream(true, 20);
    const bar = createProgressBar(stream);

    // Act
    bar.start();
    bar.done('a label much longer than twenty columns');

    // Assess
    expect(stream.lines().every((line) => line.length <= 19)).toBe(true);
  });

  it('ignores done before start, and starts on the first tick', () => {
    // Prepare
    const stream = fakeStream();
    const bar = createProgressBar(stream, { intervalMs: 0 });

    // Act
    bar.done();
    const beforeTick = stream.text();
    bar.tick(2, 'x');

    // Assess
    expect(beforeTick).toBe('');
    expect(stream.lines().at(-1)).toBe('/ 2 x');
  });
});
