import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbAuditLog } from '../../lambdas/adapters/aws/dynamodb/dynamodb-audit-log';
import { DynamoDbEventLedger } from '../../lambdas/adapters/aws/dynamodb/event-ledger';
import { InMemoryReverter } from '../../lambdas/adapters/local/in-memory-reverter';
import { StaticState } from '../../lambdas/adapters/local/static-state';
import { startLedgerRun } from '../../lambdas/app/ledger';
import type { GuardrailReport, Notifier } from '../../lambdas/app/ports';
import { type PipelineDeps, processEvent } from '../../lambdas/app/process-event';
import { type Dynalite, startDynalite } from '../support/dynalite';
import { loadExamples, NOW } from '../support/examples';

let db: Dynalite;
beforeAll(async () => {
  db = await startDynalite();
});
afterAll(async () => {
  await db.close();
});

const LEASE = new Date(NOW.getTime() + 60_000);

/** A channel that delivers, fails, or never answers (a sandbox killed while it waits). */
function channel(name: string, behaviour: () => 'deliver' | 'fail' | 'hang') {
  const delivered: GuardrailReport[] = [];
  const notifier: Notifier = {
    name,
    async notify(report) {
      const now = behaviour();
      if (now === 'hang') return new Promise<void>(() => undefined);
      if (now === 'fail') throw new Error(`${name} is down`);
      delivered.push(report);
    },
  };
  return { notifier, delivered };
}

/** The pipeline over the example account in enforce mode, with the ledger and audit on dynalite. */
async function world() {
  const { model, config, events } = await loadExamples();
  const tables = await db.freshTables();
  let account = model;
  const reverter = new InMemoryReverter({ get: () => account, set: (m) => (account = m) });
  const applied: unknown[] = [];
  const ledger = new DynamoDbEventLedger({ client: db.client, tableName: tables.idempotency, clock: () => NOW });
  const audit = new DynamoDbAuditLog({ client: db.client, tableName: tables.audit });
  const deps = (notifiers: Notifier[], clock = NOW): PipelineDeps => ({
    config,
    state: new StaticState(model),
    reverter: {
      apply: async (plan) => {
        applied.push(plan);
        return reverter.apply(plan);
      },
    },
    notifiers,
    clock: { now: () => clock },
    mode: 'enforce',
    audit,
    metrics: { count: () => undefined },
  });
  return { events, ledger, audit, applied, deps, tables };
}

describe('processEvent under the event ledger', () => {
  it('after a run killed while notifying, the retry does not revert again and sends every channel not recorded', async () => {
    // Prepare: the first run reverts, delivers SNS, then hangs in Slack and is killed when its lease (NOW) ends
    const w = await world();
    const event = w.events['05-ssh-open-to-world']!;
    const eventId = event.status === 'parsed' ? event.meta.eventId : '';
    const sns = channel('sns', () => 'deliver');
    let slackUp = false;
    const slack = channel('slack', () => (slackUp ? 'deliver' : 'hang'));
    void processEvent(event, w.deps([sns.notifier, slack.notifier]), startLedgerRun(w.ledger, eventId, NOW));
    await until(() => w.applied.length === 1 && sns.delivered.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 100)); // the revert's record lands
    slackUp = true;

    // Act: the retry, once the first run's lease has expired
    const later = new Date(NOW.getTime() + 1_000);
    const ledger = new DynamoDbEventLedger({ client: db.client, tableName: w.tables.idempotency, clock: () => later });
    const retry = await processEvent(event, w.deps([sns.notifier, slack.notifier], later), startLedgerRun(ledger, eventId, LEASE));

    // Assess: deliveries are recorded at the end (or on failure), so a kill mid-way repeats SNS, never the revert
    expect(retry).toMatchObject({ status: 'judged', revert: { status: 'reverted' } });
    expect(w.applied).toHaveLength(1);
    expect(sns.delivered).toHaveLength(2);
    expect(slack.delivered).toHaveLength(1);
  });

  it('does not notify a channel again once its delivery is recorded, and reports the recorded outcome', async () => {
    // Prepare: the first run completes everything but its final write fails (the audit is invalid)
    const w = await world();
    const event = w.events['05-ssh-open-to-world']!;
    const eventId = event.status === 'parsed' ? event.meta.eventId : '';
    const sns = channel('sns', () => 'deliver');
    const slack = channel('slack', () => 'fail');
    const auditDown = { record: () => Promise.reject(new Error('audit down')), forGroup: async () => [] };
    const broken = { ...w.deps([sns.notifier, slack.notifier]), audit: auditDown };
    const failed = await processEvent(event, broken, startLedgerRun(w.ledger, eventId, LEASE)).catch((e: Error) => e);

    // Act
    const again = () => processEvent(event, w.deps([sns.notifier, slack.notifier]), startLedgerRun(w.ledger, eventId, LEASE));
    const retry = await again();
    const repeat = await again();

    // Assess
    expect(failed).toBeInstanceOf(Error);
    expect(retry).toMatchObject({
      status: 'judged',
      revert: { status: 'reverted' },
      notifyErrors: { slack: 'slack is down' },
    });
    expect(repeat).toMatchObject({ status: 'completed', stored: { status: 'judged', revert: 'reverted' } });
    expect(w.applied).toHaveLength(1);
    expect(sns.delivered).toHaveLength(1);
    const [entry] = await w.audit.forGroup('sg-0backend123');
    expect(entry?.outcomeDetail).toMatch(/notification failed \(slack: slack is down\)/);
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!condition()) throw new Error('timed out');
}
