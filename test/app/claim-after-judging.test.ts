import { describe, expect, it } from 'vitest';
import { InMemoryReverter } from '../../lambdas/adapters/local/in-memory-reverter';
import { StaticState } from '../../lambdas/adapters/local/static-state';
import type { LedgerRun } from '../../lambdas/app/ledger';
import type { LedgerClaim } from '../../lambdas/app/ledger-ports';
import type { Notifier } from '../../lambdas/app/ports';
import { type PipelineDeps, processEvent } from '../../lambdas/app/process-event';
import { loadExamples, NOW } from '../support/examples';

/** A claim the test answers by hand, after the state is read and the change judged. */
function slowRun(log: string[]) {
  let answer: (claim: LedgerClaim | Error) => void = () => undefined;
  const claim = new Promise<LedgerClaim>((resolve, reject) => {
    answer = (c) => {
      log.push('claim answered');
      if (c instanceof Error) reject(c);
      else resolve(c);
    };
  });
  const run: LedgerRun = {
    eventId: 'e-1',
    claim,
    record: async () => undefined,
    complete: async (_done, writes) => writes(),
  };
  return { run, answer };
}

/** The example account in enforce mode; the log says in which order the state, reverter and channel ran. */
async function world(log: string[]) {
  const { model, config, events } = await loadExamples();
  let account = model;
  const reverter = new InMemoryReverter({ get: () => account, set: (m) => (account = m) });
  const state = new StaticState(model);
  const notifier: Notifier = { name: 'sns', notify: async () => void log.push('notified') };
  const deps: PipelineDeps = {
    config,
    state: {
      modelFor: async () => {
        const m = await state.modelFor();
        log.push('state read');
        return m;
      },
    },
    reverter: {
      apply: async (plan) => {
        log.push('reverted');
        return reverter.apply(plan);
      },
    },
    notifiers: [notifier],
    // The judge's input takes the time: its first read says when the change was judged.
    clock: { now: () => (log.includes('judging') ? NOW : (log.push('judging'), NOW)) },
    mode: 'enforce',
    metrics: { count: () => undefined },
    audit: { record: async () => undefined, forGroup: async () => [] },
  };
  return { event: events['02-open-8080-to-world']!, deps };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

/** The panic event processed with a claim answered (`claim`) only once the state was read and judged. */
async function withLateClaim(claim: LedgerClaim | Error) {
  const log: string[] = [];
  const w = await world(log);
  const { run, answer } = slowRun(log);
  const processing = processEvent(w.event, w.deps, run).catch((error: Error) => error);
  await settle();
  answer(claim);
  return { log, outcome: await processing };
}

describe('processEvent judges before its claim answers, and acts only after', () => {
  it('judges as soon as the state is read, and reverts only once the claim is answered', async () => {
    // Prepare
    const log: string[] = [];
    const w = await world(log);
    const { run, answer } = slowRun(log);

    // Act
    const processing = processEvent(w.event, w.deps, run);
    await settle();
    const before = [...log];
    answer({ status: 'claimed', progress: {} });
    const result = await processing;

    // Assess
    expect(before).toEqual(['state read', 'judging']);
    expect(log).toEqual(['state read', 'judging', 'claim answered', 'reverted', 'notified']);
    expect(result).toMatchObject({ status: 'judged', revert: { status: 'reverted' } });
  });

  it('does nothing when the late claim says the event was completed before', async () => {
    // Act
    const { log, outcome } = await withLateClaim({ status: 'completed', result: { status: 'judged', verdict: 'violation' } });

    // Assess
    expect(log).toEqual(['state read', 'judging', 'claim answered']);
    expect(outcome).toEqual({ status: 'completed', stored: { status: 'judged', verdict: 'violation' } });
  });

  it('neither reverts nor notifies when the late claim fails, and rethrows its error', async () => {
    // Act
    const { log, outcome } = await withLateClaim(new Error('event e-1 is already being handled by another run'));

    // Assess
    expect(outcome).toBeInstanceOf(Error);
    expect((outcome as Error).message).toMatch(/already being handled/);
    expect(log).toEqual(['state read', 'judging', 'claim answered']);
  });
});
