import { readFileSync } from 'node:fs';
import { PublishCommand } from '@aws-sdk/client-sns';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbAuditLog } from '../../lambdas/adapters/aws/dynamodb/dynamodb-audit-log';
import { exampleEvent, startWorld } from './harness';

type World = Awaited<ReturnType<typeof startWorld>>;
let world: World;

beforeEach(async () => {
  world = await startWorld();
  await world.sweep(); // the last-known state, as a scheduled sweep leaves it
});
afterEach(async () => {
  await world.stop();
});

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** The break-glass CreateTags record (test/events) as EventBridge delivers it, at `eventTime`. */
function breakGlassEvent(eventTime: string, until: string): Record<string, unknown> {
  const detail = JSON.parse(readFileSync('test/events/create-tags-break-glass.json', 'utf8'));
  detail.eventTime = eventTime;
  detail.requestParameters.tagSet.items[0].value = until;
  return {
    version: '0',
    id: 'e2e-break-glass',
    'detail-type': 'AWS API Call via CloudTrail',
    source: 'aws.ec2',
    account: '123456789012',
    time: eventTime,
    region: 'eu-west-1',
    resources: [],
    detail,
  };
}

/** The SSH-to-the-world incident on the same group (sg-0backend123), at `eventTime`. */
function sshAt(eventTime: string): Record<string, unknown> {
  const event = exampleEvent('05-ssh-open-to-world');
  const detail = { ...(event.detail as Record<string, unknown>), eventTime, eventID: 'e2e-ssh' };
  return { ...event, id: 'e2e-ssh', time: eventTime, detail };
}

describe('evaluator handler: break-glass', () => {
  it('notifies and audits who opened an over-long exemption, then honours it only from its audited set time', async () => {
    // Prepare: a tag asking for 30 h, set an hour ago; SSH opened to the world on that group now
    const now = Date.now();
    const tag = breakGlassEvent(iso(now - HOUR), iso(now + 30 * HOUR));
    const ssh = sshAt(iso(now));
    world.land(tag);

    // Act
    const opened = await world.evaluate(tag);
    world.land(ssh);
    const exposed = await world.evaluate(ssh);

    // Assess: the opening is notified (SNS) with who, from where and until when, and audited under the group
    expect(opened.results[0]).toMatchObject({ status: 'judged', verdict: 'ok', action: 'notify' });
    const [publish] = world.sns.commandCalls(PublishCommand).map((c) => c.args[0].input);
    expect(publish?.Subject).toMatch(/^\[info\] sg-guardian: break-glass opened on sg-0backend123 until /);
    const message = String(publish?.Message);
    expect(message).toContain(
      'break-glass exemption opened on sg-0backend123 by arn:aws:sts::123456789012:assumed-role/' +
        'AWSReservedSSO_OnCall_4f1e2d3c/bob@example.com from 198.51.100.23 via cli',
    );
    expect(message).toContain(`exceeds exemptions.breakGlassMaxHours 24: honoured until ${new Date(now + 23 * HOUR).toISOString()}`);
    const entries = await new DynamoDbAuditLog({
      client: world.dynamo.client,
      tableName: world.tables.audit,
    }).forGroup('sg-0backend123');
    expect(entries.find((e) => e.eventName === 'CreateTags')).toMatchObject({
      action: 'notify',
      exemptions: [expect.objectContaining({ event: 'opened', exceedsLimit: true, openedAt: iso(now - HOUR) })],
    });
    // ... and the exposure made under it is notified, not reverted: the set time came from the audit log
    expect(exposed.results[0]).toMatchObject({ verdict: 'violation', action: 'notify' });
    expect(world.ec2.writes).toEqual([]);
  });
});
