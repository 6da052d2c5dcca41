import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_SNS_MESSAGE_BYTES,
  SNS_NOTIFIER_IAM_ACTIONS,
  SnsNotifier,
} from '../../../../lambdas/adapters/aws/sns/sns-notifier';
import type { Verdict } from '../../../../lambdas/core/verdict/types';
import {
  bigVerdict,
  CONTEXT,
  exampleVerdicts,
  reportOf,
  revertedOutcome,
} from '../../../app/render/report-fixtures';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:sg-guardian-alerts';
const sns = mockClient(SNSClient);
const client = new SNSClient({
  region: 'eu-west-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

let revoke: Verdict;

beforeAll(async () => {
  ({ revoke } = await exampleVerdicts());
});

afterEach(() => {
  sns.reset();
});

function published() {
  const calls = sns.commandCalls(PublishCommand);
  expect(calls).toHaveLength(1);
  return calls[0]!.args[0].input;
}

describe('SnsNotifier', () => {
  it('publishes a one-line subject under 100 characters to the topic', async () => {
    // Prepare
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const notifier = new SnsNotifier({ client, topicArn: TOPIC, context: CONTEXT });

    // Act
    await notifier.notify(reportOf(revoke, revertedOutcome(revoke)));

    // Assess
    const input = published();
    expect(input.TopicArn).toBe(TOPIC);
    expect(input.Subject).toBe(
      '[critical] sg-guardian: nginx-to-backend broken on sg-0backend123 — reverted',
    );
    expect(input.Subject!.length).toBeLessThan(100);
    expect(input.Subject).not.toMatch(/[\r\n]/);
  });

  it('sets filterable attributes: severity, kind, account, region, groups, verdict, action', async () => {
    // Prepare
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const notifier = new SnsNotifier({ client, topicArn: TOPIC, context: CONTEXT });

    // Act
    await notifier.notify(reportOf(revoke, revertedOutcome(revoke)));

    // Assess
    expect(published().MessageAttributes).toEqual({
      severity: { DataType: 'String', StringValue: 'critical' },
      kind: { DataType: 'String.Array', StringValue: '["dependency-broken"]' },
      account: { DataType: 'String', StringValue: '123456789012' },
      region: { DataType: 'String', StringValue: 'eu-west-1' },
      groupId: { DataType: 'String.Array', StringValue: '["sg-0backend123"]' },
      verdict: { DataType: 'String', StringValue: 'violation' },
      action: { DataType: 'String', StringValue: 'revert' },
      outcome: { DataType: 'String', StringValue: 'reverted' },
      mode: { DataType: 'String', StringValue: 'enforce' },
    });
  });

  it('leaves out attributes that would be empty', async () => {
    // Prepare
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const { meta: _meta, ...noMeta } = revoke;
    const ok: Verdict = { ...noMeta, verdict: 'ok', findings: [], change: undefined };
    const notifier = new SnsNotifier({ client, topicArn: TOPIC });

    // Act
    await notifier.notify(reportOf(ok));

    // Assess
    expect(Object.keys(published().MessageAttributes!).sort()).toEqual([
      'action',
      'mode',
      'outcome',
      'severity',
      'verdict',
    ]);
  });

  it('sends the summary, findings, revert plan, outcome and links as JSON', async () => {
    // Prepare
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const outcome = revertedOutcome(revoke);
    const notifier = new SnsNotifier({ client, topicArn: TOPIC, context: CONTEXT });

    // Act
    await notifier.notify(reportOf(revoke, outcome));

    // Assess
    const message = JSON.parse(published().Message!);
    expect(message).toMatchObject({
      source: 'sg-guardian',
      severity: 'critical',
      state: 'reverted',
      event: { id: revoke.eventId, name: 'RevokeSecurityGroupIngress' },
      change: { description: 'sg-0backend123: removed ingress tcp/8080 from sg-0nginx456' },
      verdict: { status: 'violation', action: 'revert' },
      revertPlan: JSON.parse(JSON.stringify(revoke.revert)),
      revertOutcome: JSON.parse(JSON.stringify(outcome)),
    });
    expect(message.findings).toEqual(JSON.parse(JSON.stringify(revoke.findings)));
    expect(message.links.map((l: { kind: string }) => l.kind)).toEqual([
      'cloudtrail-event',
      'security-group',
    ]);
    expect(message.text).toContain('who:     user/alice (IAMUser) from 203.0.113.45 via console');
    expect(message.truncated).toBeUndefined();
  });

  it('drops pair lists first to stay under 256 KB, and says so', async () => {
    // Prepare
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const notifier = new SnsNotifier({ client, topicArn: TOPIC, context: CONTEXT });

    // Act
    await notifier.notify(reportOf(bigVerdict(40, 500)));

    // Assess
    const raw = published().Message!;
    const message = JSON.parse(raw);
    expect(Buffer.byteLength(raw)).toBeLessThanOrEqual(MAX_SNS_MESSAGE_BYTES);
    expect(message.truncated.dropped[0]).toBe('pairs');
    expect(message.truncated.reason).toContain('256 KB');
    expect(message.findings).toHaveLength(40);
    expect(message.findings[0]).toMatchObject({ pairCount: 500, fixes: expect.any(Array) });
    expect(message.findings[0].pairs).toBeUndefined();
  });

  it('keeps a huge verdict under 256 KB by listing fewer findings', async () => {
    // Prepare
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const notifier = new SnsNotifier({ client, topicArn: TOPIC, context: CONTEXT });

    // Act
    await notifier.notify(reportOf(bigVerdict(5000, 1)));

    // Assess
    const raw = published().Message!;
    const message = JSON.parse(raw);
    expect(Buffer.byteLength(raw)).toBeLessThanOrEqual(MAX_SNS_MESSAGE_BYTES);
    expect(message.findingsTotal).toBe(5000);
    expect(message.findings.length).toBe(message.findingsListed);
    expect(message.findings.length).toBeLessThan(5000);
  });

  it('rejects with an error naming the topic when Publish fails', async () => {
    // Prepare
    sns
      .on(PublishCommand)
      .rejects(Object.assign(new Error('Topic does not exist'), { name: 'NotFoundException' }));
    const notifier = new SnsNotifier({ client, topicArn: TOPIC, context: CONTEXT });

    // Act
    const result = notifier.notify(reportOf(revoke));

    // Assess
    await expect(result).rejects.toMatchObject({
      name: 'SnsNotifyError',
      message: `SNS publish to ${TOPIC} failed: NotFoundException: Topic does not exist`,
      cause: expect.any(Error),
    });
  });

  it('needs only sns:Publish', () => {
    // Assess
    expect(SNS_NOTIFIER_IAM_ACTIONS).toEqual(['sns:Publish']);
  });
});
