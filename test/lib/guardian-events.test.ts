import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { SUPPORTED_EVENT_NAMES } from '../../lambdas/core/events/parser-table';
import { synthGuardian } from './guardian-fixture';

describe('SecurityGroupGuardian event wiring', () => {
  let synth: ReturnType<typeof synthGuardian>;
  const ref = (construct: { node: { defaultChild?: unknown } }) =>
    synth.stack.getLogicalId(construct.node.defaultChild as never);

  beforeAll(() => {
    synth = synthGuardian();
  });

  it('subscribes to exactly the CloudTrail EC2 calls the event parsers understand', () => {
    // Prepare
    const rules = synth.template.findResources('AWS::Events::Rule', {
      Properties: { EventPattern: Match.anyValue() },
    });

    // Act
    const patterns = Object.values(rules).map((r) => r.Properties.EventPattern);

    // Assess
    expect(patterns).toEqual([
      {
        source: ['aws.ec2'],
        'detail-type': ['AWS API Call via CloudTrail'],
        detail: { eventSource: ['ec2.amazonaws.com'], eventName: [...SUPPORTED_EVENT_NAMES] },
      },
    ]);
    expect(SUPPORTED_EVENT_NAMES.length).toBeGreaterThan(0);
  });

  it('delivers events to the evaluator with 8 retries for 2 hours, then to a dead-letter queue', () => {
    // Prepare
    const evaluator = ref(synth.guardian.evaluator);
    const dlq = ref(synth.guardian.eventsDeadLetterQueue);

    // Act
    const rules = synth.template.findResources('AWS::Events::Rule', {
      Properties: { EventPattern: Match.anyValue() },
    });

    // Assess
    expect(Object.values(rules)[0]?.Properties.Targets).toEqual([
      {
        Id: 'Target0',
        Arn: { 'Fn::GetAtt': [evaluator, 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 7200 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [dlq, 'Arn'] } },
      },
    ]);
  });

  it('lets only that rule send to the encrypted, SSL-only dead-letter queue', () => {
    // Prepare
    const dlq = ref(synth.guardian.eventsDeadLetterQueue);
    const rule = ref(synth.guardian.rule);

    // Act
    const queue = synth.template.findResources('AWS::SQS::Queue')[dlq];

    // Assess
    expect(queue?.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 1209600 });
    synth.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: dlq }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sqs:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
          Match.objectLike({
            Effect: 'Allow',
            Action: 'sqs:SendMessage',
            Principal: { Service: 'events.amazonaws.com' },
            Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [rule, 'Arn'] } } },
          }),
        ]),
      },
    });
  });

  it('retries a failed evaluation twice, then sends it to the failed-invocations queue', () => {
    // Prepare
    const evaluator = ref(synth.guardian.evaluator);
    const failed = ref(synth.guardian.failedInvocationsQueue);

    // Act
    const configs = synth.template.findResources('AWS::Lambda::EventInvokeConfig', {
      Properties: { FunctionName: { Ref: evaluator } },
    });

    // Assess
    expect(Object.values(configs).map((c) => c.Properties)).toEqual([
      {
        FunctionName: { Ref: evaluator },
        Qualifier: '$LATEST',
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [failed, 'Arn'] } } },
      },
    ]);
    synth.template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    synth.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: failed }],
      PolicyDocument: {
        Statement: [
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ],
      },
    });
  });

  it('runs the sweep every 15 minutes by default, without asynchronous retries', () => {
    // Prepare
    const sweep = ref(synth.guardian.sweeper);

    // Act
    const schedules = synth.template.findResources('AWS::Events::Rule', {
      Properties: { ScheduleExpression: Match.anyValue() },
    });

    // Assess
    expect(Object.values(schedules).map((r) => r.Properties)).toEqual([
      expect.objectContaining({
        ScheduleExpression: 'rate(15 minutes)',
        Targets: [{ Id: 'Target0', Arn: { 'Fn::GetAtt': [sweep, 'Arn'] } }],
      }),
    ]);
    synth.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: sweep },
      MaximumRetryAttempts: 0,
    });
    synth.template.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { 'Fn::GetAtt': [sweep, 'Arn'] },
      Principal: 'events.amazonaws.com',
    });
  });
});
