import type { GuardrailReport, Notifier } from '../app/ports';

/**
 * A notifier whose implementation (and its clients) is imported on first use: a cold start that
 * notifies nobody compiles none of it. `prepare` starts that import ahead of the first notification
 * (in the background, while the event's first calls are in flight), so that the notification goes out
 * as soon as it is due instead of after a compile. A failed import is retried on the next notification.
 */
export class LazyNotifier implements Notifier {
  private loaded: Promise<Notifier> | undefined;

  constructor(
    readonly name: string,
    private readonly load: () => Promise<Notifier>,
  ) {}

  /** Starts loading the implementation; a failure surfaces (and is retried) at the next notify. */
  prepare(): void {
    this.loading().catch(() => undefined);
  }

  async notify(report: GuardrailReport): Promise<void> {
    await (await this.loading()).notify(report);
  }

  private loading(): Promise<Notifier> {
    this.loaded ??= this.load().catch((error: unknown) => {
      this.loaded = undefined;
      throw error;
    });
    return this.loaded;
  }
}
