import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbAuditLog } from '../../lambdas/adapters/aws/dynamodb/dynamodb-audit-log';
import { toAuditEntry } from '../../lambdas/app/audit-entry';
import { judgeWithAuditedOpenings } from '../../lambdas/app/break-glass-openings';
import type { GuardianConfig } from '../../lambdas/core/config/schema';
import { parseDocument } from '../../lambdas/core/events/parse';
import type { ParsedEvent } from '../../lambdas/core/events/types';
import type { NetworkModel } from '../../lambdas/core/model/types';
import { applyChange } from '../../lambdas/core/state/apply-change';
import { judge } from '../../lambdas/core/verdict/judge';
import { type Dynalite, startDynalite } from '../support/dynalite';
import { loadExamples } from '../support/examples';

let db: Dynalite;
let model: NetworkModel;
let config: GuardianConfig;
let events: Record<string, ParsedEvent>;

beforeAll(async () => {
  db = await startDynalite();
  ({ model, config, events } = await loadExamples());
});
afterAll(async () => {
  await db.close();
});

/** The break-glass CreateTags fixture at `eventTime`, tagging sg-0backend123 until `until`. */
function breakGlassAt(eventTime: string, until: string): Extract<ParsedEvent, { status: 'parsed' }> {
  const record = JSON.parse(readFileSync('test/events/create-tags-break-glass.json', 'utf8'));
  record.eventTime = eventTime;
  record.requestParameters.tagSet.items[0].value = until;
  const event = parseDocument(record)[0]!;
  if (event.status !== 'parsed') throw new Error('fixture did not parse');
  return event;
}

async function freshAudit() {
  const { audit } = await db.freshTables();
  return new DynamoDbAuditLog({ client: db.client, tableName: audit });
}

describe('judgeWithAuditedOpenings (the Lambda)', () => {
  // A tag asking for 30 h, set an hour before SSH is opened on the same group.
  const tag = breakGlassAt('2026-11-20T15:30:00Z', '2026-11-21T21:30:00Z');
  const now = new Date('2026-11-20T16:30:03Z');
  const tagged = () => applyChange(model, tag.change).model;

  it('honours an over-long tag from the CreateTags time the audit log recorded, and says until when', async () => {
    // Prepare: the CreateTags verdict audited as the pipeline does, with the group it tagged
    const audit = await freshAudit();
    const opened = judge({ event: tag, model, config, now: new Date('2026-11-20T15:30:02Z') });
    await audit.record(toAuditEntry({ verdict: opened, mode: 'enforce', now: new Date('2026-11-20T15:30:02Z') }));

    // Act
    const v = await judgeWithAuditedOpenings(
      { event: events['05-ssh-open-to-world']!, model: tagged(), config, now },
      audit,
    );

    // Assess
    expect(v.action).toBe('notify');
    expect(v.actionReason).toBe(
      'exemption on sg-0backend123 until 2026-11-21T21:30:00Z (set 2026-11-20T15:30:00.000Z) ' +
        'exceeds exemptions.breakGlassMaxHours 24: honoured until 2026-11-21T15:30:00.000Z',
    );
  });

  it('does not honour the same tag when nothing recorded when it was set', async () => {
    // Prepare
    const audit = await freshAudit();

    // Act
    const v = await judgeWithAuditedOpenings(
      { event: events['05-ssh-open-to-world']!, model: tagged(), config, now },
      audit,
    );

    // Assess
    expect(v.action).toBe('revert');
    expect(v.actionReason).toMatch(/set is unknown: not honoured before 2026-11-20T21:30:00.000Z$/);
  });

  it('audits the opening under the tagged group, with who and until', async () => {
    // Prepare
    const audit = await freshAudit();
    const opened = judge({ event: tag, model, config, now: new Date('2026-11-20T15:30:02Z') });

    // Act
    await audit.record(toAuditEntry({ verdict: opened, mode: 'enforce', now: new Date('2026-11-20T15:30:02Z') }));

    // Assess
    const [entry] = await audit.forGroup('sg-0backend123');
    expect(entry).toMatchObject({
      eventName: 'CreateTags',
      action: 'notify',
      actor: expect.objectContaining({ sourceIp: '198.51.100.23', via: 'cli' }),
      exemptions: [
        expect.objectContaining({ event: 'opened', until: '2026-11-21T21:30:00Z', exceedsLimit: true }),
      ],
    });
  });
});

describe('judgeWithAuditedOpenings when the audit log cannot be read', () => {
  it('notifies instead of reverting: whether the tag exempts is in doubt', async () => {
    // Prepare
    const tag = breakGlassAt('2026-11-20T15:30:00Z', '2026-11-21T21:30:00Z');
    const failing = {
      forGroup: async () => {
        throw new Error('ProvisionedThroughputExceededException');
      },
    };

    // Act
    const v = await judgeWithAuditedOpenings(
      {
        event: events['05-ssh-open-to-world']!,
        model: applyChange(model, tag.change).model,
        config,
        now: new Date('2026-11-20T16:30:03Z'),
      },
      failing,
    );

    // Assess
    expect(v.action).toBe('notify');
    expect(v.actionReason).toMatch(/audit log could not be read .*ProvisionedThroughputExceededException.*never revert on doubt$/);
  });
});

describe('judgeWithAuditedOpenings: the same tag set again', () => {
  it('keeps counting from the first CreateTags, so re-tagging cannot extend an exemption', async () => {
    // Prepare: 2099 set at 08:00 (audited), then the same value set again at 20:00
    const audit = await freshAudit();
    const first = breakGlassAt('2026-11-20T08:00:00Z', '2099-01-01T00:00:00Z');
    const opened = judge({ event: first, model, config, now: new Date('2026-11-20T08:00:02Z') });
    await audit.record(toAuditEntry({ verdict: opened, mode: 'enforce', now: new Date('2026-11-20T08:00:02Z') }));
    const again = breakGlassAt('2026-11-20T20:00:00Z', '2099-01-01T00:00:00Z');

    // Act
    const v = await judgeWithAuditedOpenings(
      { event: again, model: applyChange(model, first.change).model, config, now: new Date('2026-11-20T20:00:02Z') },
      audit,
    );

    // Assess
    expect(v.exemptions?.[0]).toMatchObject({
      event: 'opened',
      openedAt: '2026-11-20T08:00:00Z',
      honouredUntil: '2026-11-21T08:00:00.000Z',
    });
    expect(v.reason).toContain('honoured until 2026-11-21T08:00:00.000Z');
  });
});
