/** Where a progress bar draws, e.g. process.stderr; it draws only when `isTTY` is true. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  /** Terminal width; lines are cut to fit (default 80). */
  readonly columns?: number;
  write(text: string): unknown;
}

/** A one-line progress display. Every method is safe to call in any order; off a TTY all are no-ops. */
export interface ProgressBar {
  /** Starts (or restarts) counting: a bar when `total` is known, a spinner and a count otherwise. */
  start(total?: number): void;
  /** Advances by `n` units and shows `label` (kept until the next label). */
  tick(n: number, label?: string): void;
  /** Draws the final state once more (with `label` if given) and ends the line. */
  done(label?: string): void;
}

export interface ProgressBarOptions {
  /** Width of the bar in characters (default 24). */
  readonly width?: number;
  /** Least time between two redraws of tick, in ms (default 80); start and done always draw. */
  readonly intervalMs?: number;
  /** Milliseconds clock for the redraw throttle (default Date.now). */
  readonly now?: () => number;
}

/** A bar that draws nothing: for streams that are not a terminal (pipes, files, CI logs). */
export const noProgress: ProgressBar = { start: () => {}, tick: () => {}, done: () => {} };

const SPINNER = ['|', '/', '-', '\\'];
const CLEAR_LINE = '\r\x1b[2K';

/** A progress bar on `stream` when it is a TTY, else noProgress. */
export function createProgressBar(stream: ProgressStream, options: ProgressBarOptions = {}): ProgressBar {
  return stream.isTTY === true ? new TtyProgressBar(stream, options) : noProgress;
}

class TtyProgressBar implements ProgressBar {
  #total: number | undefined;
  #count = 0;
  #label = '';
  #frame = 0;
  #lastDraw: number | undefined;
  #active = false;

  constructor(
    private readonly stream: ProgressStream,
    private readonly options: ProgressBarOptions,
  ) {}

  start(total?: number): void {
    this.#total = total !== undefined && total > 0 ? total : undefined;
    this.#count = 0;
    this.#active = true;
    this.draw();
  }

  tick(n: number, label?: string): void {
    if (!this.#active) this.start();
    this.#count += n;
    if (label !== undefined) this.#label = label;
    this.#frame += 1;
    const now = (this.options.now ?? Date.now)();
    if (this.#lastDraw !== undefined && now - this.#lastDraw < (this.options.intervalMs ?? 80)) return;
    this.draw(now);
  }

  done(label?: string): void {
    if (!this.#active) return;
    if (label !== undefined) this.#label = label;
    this.draw();
    this.stream.write('\n');
    this.#active = false;
    this.#lastDraw = undefined;
  }

  private draw(now: number = (this.options.now ?? Date.now)()): void {
    this.#lastDraw = now;
    const line = renderLine(this.#count, this.#total, this.#label, this.#frame, this.options.width ?? 24);
    const columns = this.stream.columns && this.stream.columns > 1 ? this.stream.columns : 80;
    this.stream.write(CLEAR_LINE + line.slice(0, columns - 1));
  }
}

/** `[#####-----]  50% 5/10 label` with a total, `| 5 label` without. */
export function renderLine(
  count: number,
  total: number | undefined,
  label: string,
  frame: number,
  width: number,
): string {
  const text = label ? ` ${label}` : '';
  const spinner = SPINNER[frame % SPINNER.length];
  if (total === undefined) return `${spinner} ${count.toLocaleString('en-US')}${text}`;
  const ratio = Math.min(1, Math.max(0, count / total));
  const filled = Math.round(ratio * width);
  const percent = `${Math.floor(ratio * 100)}%`.padStart(4);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
  return `${bar} ${percent} ${count.toLocaleString('en-US')}/${total.toLocaleString('en-US')}${text}`;
}
