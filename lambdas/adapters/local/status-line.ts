import type { ProgressStream } from './progress-bar';

/** One line of status on a terminal, rewritten in place; nothing at all when the stream is not a TTY. */
export interface StatusLine {
  /** Redraws the line (at most every `intervalMs`); `line` is only called when it draws. */
  draw(line: () => string): void;
  /** Draws `line` once more and ends it with a newline. */
  end(line: string): void;
}

export interface StatusLineOptions {
  /** Least time between two redraws, in ms (default 100); `end` always draws. */
  readonly intervalMs?: number;
  /** Milliseconds clock for the throttle (default Date.now). */
  readonly now?: () => number;
}

const CLEAR_LINE = '\r\x1b[2K';
const silent: StatusLine = { draw: () => {}, end: () => {} };

export function createStatusLine(stream: ProgressStream, options: StatusLineOptions = {}): StatusLine {
  if (stream.isTTY !== true) return silent;
  const now = options.now ?? Date.now;
  const interval = options.intervalMs ?? 100;
  const fit = (text: string) => {
    const columns = stream.columns && stream.columns > 1 ? stream.columns : 80;
    return CLEAR_LINE + text.slice(0, columns - 1);
  };
  let last: number | undefined;
  return {
    draw(line) {
      const t = now();
      if (last !== undefined && t - last < interval) return;
      last = t;
      stream.write(fit(line()));
    },
    end(line) {
      stream.write(`${fit(line)}\n`);
      last = undefined;
    },
  };
}
