import { describe, expect, it } from 'vitest';
import { createStatusLine } from '../../../lambdas/adapters/local/status-line';

function stream(isTTY: boolean, columns = 40) {
  const written: string[] = [];
  return { written, isTTY, columns, write: (t: string) => written.push(t) };
}

describe('createStatusLine', () => {
  it('rewrites one line on a terminal, at most once per interval, cut to its width, and ends it', () => {
    // Prepare
    const out = stream(true, 12);
    let t = 0;
    const line = createStatusLine(out, { intervalMs: 100, now: () => t });
    let built = 0;
    const text = (s: string) => () => {
      built++;
      return s;
    };

    // Act
    line.draw(text('first'));
    t = 50;
    line.draw(text('skipped'));
    t = 150;
    line.draw(text('a rather long line'));
    line.end('done');

    // Assess
    expect(out.written).toEqual(['\r\x1b[2Kfirst', '\r\x1b[2Ka rather lo', '\r\x1b[2Kdone\n']);
    expect(built).toBe(2);
  });

  it('writes nothing when the stream is not a terminal (pipes, files, CI logs)', () => {
    // Prepare
    const out = stream(false);
    const line = createStatusLine(out);

    // Act
    line.draw(() => 'progress');
    line.end('done');

    // Assess
    expect(out.written).toEqual([]);
  });
});
