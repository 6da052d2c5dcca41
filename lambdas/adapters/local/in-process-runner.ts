import type { AsyncRunner } from '../../app/ports';

export interface InProcessRunnerOptions {
  /** Await each job inside start() (a Lambda without a self-invoke); default false: run in the background. */
  readonly inline?: boolean;
  /** A failed background job is reported here (it never rejects start()). */
  readonly onError?: (error: unknown) => void;
}

/**
 * Runs jobs in this process: in the background for the local server and tests (idle() waits for them),
 * or inline. Inline in a Lambda answers Slack only after the revert, which may pass Slack's 3 s.
 */
export class InProcessRunner<Job> implements AsyncRunner<Job> {
  readonly #running = new Set<Promise<void>>();

  constructor(
    private readonly run: (job: Job) => Promise<unknown>,
    private readonly options: InProcessRunnerOptions = {},
  ) {}

  async start(job: Job): Promise<void> {
    const done = this.run(job).then(
      () => undefined,
      (error: unknown) => this.options.onError?.(error),
    );
    if (this.options.inline) return done;
    this.#running.add(done);
    void done.finally(() => this.#running.delete(done));
  }

  /** Resolves when every background job has finished. */
  async idle(): Promise<void> {
    while (this.#running.size) await Promise.all(this.#running);
  }
}
