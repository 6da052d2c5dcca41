import { describe, expect, it } from 'vitest';
import { InMemoryDecisionStore } from '../../../lambdas/adapters/local/in-memory-decision-store';
import { InMemoryReverter } from '../../../lambdas/adapters/local/in-memory-reverter';
import { StaticState } from '../../../lambdas/adapters/local/static-state';
import { SignedLinks } from '../../../lambdas/app/one-click/signed-link';
import type {
  DecisionReport,
  DecisionStatus,
  DecisionStore,
  GuardrailReport,
  Mode,
} from '../../../lambdas/app/ports';
import { type PipelineDeps, processEvent } from '../../../lambdas/app/process-event';
import type { GuardianConfig } from '../../../lambdas/core/config/schema';
import { loadExamples, NOW } from '../../support/examples';
import { notifyOnly } from './fixtures';

const SECRET = 'x'.repeat(40);

/** The pipeline over the example account, recording what each notifier got and what the store held then. */
async function pipeline(options: {
  config?: (c: GuardianConfig) => GuardianConfig;
  mode?: Mode;
  store?: DecisionStore;
}) {
  const { model, config, events } = await loadExamples();
  const decisions = options.store ?? new InMemoryDecisionStore();
  const sent: { report: DecisionReport; stored: (DecisionStatus | undefined)[] }[] = [];
  let account = model;
  const deps: PipelineDeps = {
    config: (options.config ?? notifyOnly)(config),
    state: new StaticState(model),
    reverter: new InMemoryReverter({ get: () => account, set: (m) => (account = m) }),
    notifiers: [
      {
        name: 'recorder',
        async notify(report: GuardrailReport) {
          const ids = report.verdict.findings.map((f) => f.id);
          const stored = await Promise.all(ids.map(async (id) => (await decisions.get(id))?.status));
          sent.push({ report, stored });
        },
      },
    ],
    clock: { now: () => NOW },
    mode: options.mode ?? 'enforce',
    audit: { record: async () => undefined, forGroup: async () => [] },
    metrics: { count: () => undefined },
    decisions,
    decisionLinks: new SignedLinks({
      secret: async () => SECRET,
      publicUrl: 'https://guardian.example',
      ttlHours: 24,
    }),
  };
  return { deps, decisions, sent, events };
}

describe('the pipeline with one-click decisions', () => {
  it('saves a pending decision per finding before any notifier sees the alert, and links each', async () => {
    // Prepare
    const { deps, sent, events } = await pipeline({});

    // Act
    const result = await processEvent(events['03-stale-sg-on-secondary-eni']!, deps);

    // Assess
    expect(result.verdict?.action).toBe('notify');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.stored).toEqual(['pending', 'pending']);
    const links = sent[0]!.report.decisionLinks ?? [];
    expect(links.map((l) => l.findingId).sort()).toEqual(result.verdict!.findings.map((f) => f.id).sort());
    expect(links[0]!.url).toMatch(
      /^https:\/\/guardian\.example\/decide\?f=fnd-[0-9a-f]{32}&exp=\d+&sig=[0-9a-f]{64}$/,
    );
  });

  it('saves nothing when policy reverted the change itself', async () => {
    // Prepare
    const { deps, decisions, sent, events } = await pipeline({ config: (c) => c });

    // Act
    const result = await processEvent(events['07-self-reference-removed']!, deps);

    // Assess
    expect(result.revert?.status).toBe('reverted');
    expect(await decisions.get(result.verdict!.findings[0]!.id)).toBeUndefined();
    expect(sent[0]!.report.decisionLinks).toBeUndefined();
  });

  it('saves a decision in dry-run, where policy would have reverted', async () => {
    // Prepare
    const { deps, decisions, events } = await pipeline({ config: (c) => c, mode: 'dry-run' });

    // Act
    const result = await processEvent(events['07-self-reference-removed']!, deps);

    // Assess
    expect(result.revert?.status).toBe('skipped');
    expect((await decisions.get(result.verdict!.findings[0]!.id))?.status).toBe('pending');
  });

  it('does not alert again about a finding someone chose to keep', async () => {
    // Prepare
    const { deps, decisions, sent, events } = await pipeline({});
    const event = events['05-ssh-open-to-world']!;
    const first = await processEvent(event, deps);
    const findingId = first.verdict!.findings[0]!.id;
    await decisions.transition(findingId, {
      eventId: first.verdict!.eventId,
      from: ['pending'],
      to: 'kept',
      at: 'x',
    });

    // Act
    const again = await processEvent(event, deps);

    // Assess
    expect(again.verdict?.findings.map((f) => f.id)).toEqual([findingId]);
    expect(sent).toHaveLength(1);
    expect((await decisions.get(findingId))?.status).toBe('kept');
  });

  it('leaves a kept finding out of an alert that has others', async () => {
    // Prepare
    const { deps, decisions, sent, events } = await pipeline({});
    const event = events['03-stale-sg-on-secondary-eni']!;
    const first = await processEvent(event, deps);
    const [kept, other] = first.verdict!.findings.map((f) => f.id).sort();
    await decisions.transition(kept!, {
      eventId: first.verdict!.eventId,
      from: ['pending'],
      to: 'kept',
      at: 'x',
    });

    // Act
    await processEvent(event, deps);

    // Assess
    expect(sent).toHaveLength(2);
    expect(sent[1]!.report.verdict.findings.map((f) => f.id)).toEqual([other]);
    expect(sent[1]!.report.decisionLinks?.map((l) => l.findingId)).toEqual([other]);
  });

  it('still notifies, without links, when the decision store fails, and reports it', async () => {
    // Prepare
    const broken = new InMemoryDecisionStore();
    broken.keptAmong = async () => {
      throw new Error('ProvisionedThroughputExceededException');
    };
    const { deps, sent, events } = await pipeline({ store: broken });

    // Act
    const result = await processEvent(events['05-ssh-open-to-world']!, deps);

    // Assess
    expect(sent).toHaveLength(1);
    expect(sent[0]!.report.decisionLinks).toBeUndefined();
    expect(result.notifyErrors).toEqual({ decisions: 'ProvisionedThroughputExceededException' });
  });
});
