import { describe, expect, it } from 'vitest';
import type { GuardrailReport, Notifier } from '../../lambdas/app/ports';
import { LazyNotifier } from '../../lambdas/handlers/lazy-notifier';

const REPORT = { mode: 'enforce' } as unknown as GuardrailReport;

/** A loader that counts its calls, fails the first `failures` of them, and records what it delivered. */
function countingLoader(failures = 0) {
  const delivered: GuardrailReport[] = [];
  let calls = 0;
  const notifier: Notifier = { name: 'sns', notify: async (report) => void delivered.push(report) };
  const load = async (): Promise<Notifier> => {
    calls += 1;
    if (calls <= failures) throw new Error(`import failed (${calls})`);
    return notifier;
  };
  return { load, delivered, calls: () => calls };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('LazyNotifier', () => {
  it('loads its implementation on the first notification only, when nothing prepared it', async () => {
    // Prepare
    const loader = countingLoader();
    const lazy = new LazyNotifier('sns', loader.load);

    // Act
    const before = loader.calls();
    await lazy.notify(REPORT);
    await lazy.notify(REPORT);

    // Assess
    expect(before).toBe(0);
    expect(loader.calls()).toBe(1);
    expect(loader.delivered).toEqual([REPORT, REPORT]);
  });

  it('starts loading on prepare, and the notification then uses that load', async () => {
    // Prepare
    const loader = countingLoader();
    const lazy = new LazyNotifier('sns', loader.load);

    // Act
    lazy.prepare();
    const afterPrepare = loader.calls();
    lazy.prepare();
    await lazy.notify(REPORT);

    // Assess
    expect(afterPrepare).toBe(1);
    expect(loader.calls()).toBe(1);
    expect(loader.delivered).toEqual([REPORT]);
  });

  it('does not fail on a prepare whose import fails: the notification loads again and is delivered', async () => {
    // Prepare
    const loader = countingLoader(1);
    const lazy = new LazyNotifier('sns', loader.load);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);

    // Act
    lazy.prepare();
    await turn();
    await lazy.notify(REPORT);
    await turn();
    process.off('unhandledRejection', onUnhandled);

    // Assess
    expect(unhandled).toEqual([]);
    expect(loader.calls()).toBe(2);
    expect(loader.delivered).toEqual([REPORT]);
  });

  it('reports a failed import to the notification that needed it, and retries on the next one', async () => {
    // Prepare
    const loader = countingLoader(1);
    const lazy = new LazyNotifier('sns', loader.load);

    // Act
    const first = await lazy.notify(REPORT).then(
      () => 'delivered',
      (error: Error) => error.message,
    );
    await lazy.notify(REPORT);

    // Assess
    expect(first).toBe('import failed (1)');
    expect(loader.delivered).toEqual([REPORT]);
  });
});
