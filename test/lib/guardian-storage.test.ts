import { readFileSync } from 'node:fs';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AUDIT_TABLE,
  createTableInput,
  IDEMPOTENCY_TABLE,
  STATE_TABLE,
  type TableSchema,
} from '../../lambdas/adapters/aws/dynamodb/table-schemas';
import { METRICS_NAMESPACE, METRICS_SERVICE } from '../../lib/guardian-alarms';
import { ACCOUNT, REGION, synthGuardian } from './guardian-fixture';

describe('SecurityGroupGuardian storage and topic', () => {
  let synth: ReturnType<typeof synthGuardian>;
  const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
    synth.stack.getLogicalId(construct.node.defaultChild as never);
  const tableResource = (name: 'state' | 'audit' | 'idempotency') =>
    synth.template.findResources('AWS::DynamoDB::Table')[logicalId(synth.guardian.tables[name])];

  beforeAll(() => {
    synth = synthGuardian();
  });

  const cases: { name: 'state' | 'audit' | 'idempotency'; schema: TableSchema; deletion: string }[] = [
    { name: 'state', schema: STATE_TABLE, deletion: 'Delete' },
    { name: 'audit', schema: AUDIT_TABLE, deletion: 'Retain' },
    { name: 'idempotency', schema: IDEMPOTENCY_TABLE, deletion: 'Delete' },
  ];

  it.each(cases)('creates the $name table with the key schema the adapters use', ({ name, schema }) => {
    // Prepare
    const expected = createTableInput(schema, 'unused');

    // Act
    const props = tableResource(name)?.Properties;

    // Assess
    expect(props.KeySchema).toEqual(expected.KeySchema);
    expect(sortByName(props.AttributeDefinitions)).toEqual(sortByName(expected.AttributeDefinitions ?? []));
    expect(props.GlobalSecondaryIndexes).toEqual(expected.GlobalSecondaryIndexes);
  });

  it.each(cases)(
    'bills the $name table on demand, with PITR, AWS-managed SSE and its TTL',
    ({ name, schema }) => {
      // Prepare
      const ttl = schema.timeToLiveAttribute;

      // Act
      const props = tableResource(name)?.Properties;

      // Assess
      expect(props.BillingMode).toBe('PAY_PER_REQUEST');
      expect(props.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(props.SSESpecification).toEqual({ SSEEnabled: true });
      expect(props.TimeToLiveSpecification).toEqual(ttl ? { AttributeName: ttl, Enabled: true } : undefined);
    },
  );

  it.each(cases)('gives the $name table deletion policy $deletion', ({ name, deletion }) => {
    // Act
    const resource = tableResource(name);

    // Assess
    expect(resource?.DeletionPolicy).toBe(deletion);
    expect(resource?.UpdateReplacePolicy).toBe(deletion);
  });

  it('uses the TTL attributes the audit log and Powertools write, and the state table indexes', () => {
    // Assess
    expect(tableResource('audit')?.Properties.TimeToLiveSpecification.AttributeName).toBe('expiresAt');
    expect(tableResource('idempotency')?.Properties.TimeToLiveSpecification.AttributeName).toBe('expiration');
    const indexes = tableResource('state')?.Properties.GlobalSecondaryIndexes as { IndexName: string }[];
    expect(indexes.map((i) => i.IndexName)).toEqual(['byKind', 'byScope']);
  });

  it('encrypts the topic with its own rotating KMS key, deleted with the stack', () => {
    // Prepare
    const key = logicalId(synth.guardian.notifications.topicKey);

    // Act
    const topics = synth.template.findResources('AWS::SNS::Topic');

    // Assess
    expect(Object.values(topics).map((t) => t.Properties.KmsMasterKeyId)).toEqual([
      { 'Fn::GetAtt': [key, 'Arn'] },
    ]);
    synth.template.hasResource('AWS::KMS::Key', {
      Properties: { EnableKeyRotation: true, PendingWindowInDays: 7 },
      DeletionPolicy: 'Delete',
    });
  });

  it('denies publishing to the topic without TLS, and lets only CloudWatch alarms publish as a service', () => {
    // Prepare
    const topic = logicalId(synth.guardian.notifications.topic);

    // Act
    const policies = Object.values(synth.template.findResources('AWS::SNS::TopicPolicy'));

    // Assess
    expect(policies.map((p) => p.Properties.Topics)).toEqual([[{ Ref: topic }]]);
    const statements = policies[0]?.Properties.PolicyDocument.Statement;
    expect(statements).toEqual([
      expect.objectContaining({
        Effect: 'Deny',
        Principal: '*',
        Action: 'sns:Publish',
        Resource: { Ref: topic },
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
      }),
    ]);
  });

  it('outputs the topic, the table names, the evaluator and its role, and the dead-letter queues', () => {
    // Act
    const outputs = synth.template.findOutputs('*');

    // Assess
    expect(Object.fromEntries(Object.entries(outputs).map(([id, o]) => [id, o.Value]))).toEqual({
      TopicArn: { Ref: logicalId(synth.guardian.notifications.topic) },
      StateTableName: { Ref: logicalId(synth.guardian.tables.state) },
      AuditTableName: { Ref: logicalId(synth.guardian.tables.audit) },
      IdempotencyTableName: { Ref: logicalId(synth.guardian.tables.idempotency) },
      EvaluatorFunctionName: { Ref: logicalId(synth.guardian.evaluator) },
      EvaluatorRoleArn: { 'Fn::GetAtt': [logicalId(synth.guardian.role), 'Arn'] },
      EventsDeadLetterQueueUrl: { Ref: logicalId(synth.guardian.eventsDeadLetterQueue) },
      FailedInvocationsQueueUrl: { Ref: logicalId(synth.guardian.failedInvocationsQueue) },
    });
  });
});

describe('SecurityGroupGuardian alarms', () => {
  let synth: ReturnType<typeof synthGuardian>;
  const ref = (construct: { node: { defaultChild?: unknown } }) =>
    synth.stack.getLogicalId(construct.node.defaultChild as never);
  const alarm = (name: keyof typeof synth.guardian.alarms.alarms) =>
    synth.template.findResources('AWS::CloudWatch::Alarm')[ref(synth.guardian.alarms.alarms[name])]
      ?.Properties;
  const firesOnFirst = (statistic: string) => ({
    Threshold: 0,
    ComparisonOperator: 'GreaterThanThreshold',
    EvaluationPeriods: 1,
    Period: 300,
    Statistic: statistic,
    TreatMissingData: 'notBreaching',
    AlarmActions: [{ Ref: ref(synth.guardian.notifications.topic) }],
  });

  beforeAll(() => {
    synth = synthGuardian();
  });

  it.each([
    ['EvaluatorErrors', 'evaluator', 'Errors'],
    ['EvaluatorThrottles', 'evaluator', 'Throttles'],
    ['SweepErrors', 'sweeper', 'Errors'],
  ] as const)('raises %s on the first %s %s, to the topic', (name, fn, metric) => {
    // Act
    const props = alarm(name);

    // Assess
    expect(props).toMatchObject({
      ...firesOnFirst('Sum'),
      AlarmName: `Test-${name}`,
      Namespace: 'AWS/Lambda',
      MetricName: metric,
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: ref(synth.guardian[fn]) } }],
    });
  });

  it.each([
    ['EventsDeadLetterQueue', 'eventsDeadLetterQueue'],
    ['FailedInvocationsQueue', 'failedInvocationsQueue'],
  ] as const)('raises %s as soon as one message waits in the %s', (name, queue) => {
    // Act
    const props = alarm(name);

    // Assess
    expect(props).toMatchObject({
      ...firesOnFirst('Maximum'),
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [ref(synth.guardian[queue]), 'QueueName'] } }],
    });
  });

  it('raises RevertFailures on the metric Powertools emits, with its service dimension', () => {
    // Prepare: the handlers' Metrics (Powertools adds the dimension `service` = serviceName)
    const handlers = ['evaluate', 'sweep'].map((h) => readFileSync(`lambdas/handlers/${h}.ts`, 'utf8'));

    // Act
    const props = alarm('RevertFailures');

    // Assess
    expect(props).toMatchObject({
      ...firesOnFirst('Sum'),
      Namespace: METRICS_NAMESPACE,
      MetricName: 'RevertFailures',
      Dimensions: [{ Name: 'service', Value: METRICS_SERVICE }],
    });
    for (const source of handlers)
      expect(source).toContain(
        `new Metrics({ namespace: '${METRICS_NAMESPACE}', serviceName: '${METRICS_SERVICE}' })`,
      );
    expect(readFileSync('lambdas/app/process-event.ts', 'utf8')).toContain("count('RevertFailures')");
  });

  it('raises SweepFailures when the sweep could not read an account or region', () => {
    // Act
    const props = alarm('SweepFailures');

    // Assess
    expect(props).toMatchObject({
      ...firesOnFirst('Sum'),
      Namespace: METRICS_NAMESPACE,
      MetricName: 'SweepFailures',
      Dimensions: [{ Name: 'service', Value: METRICS_SERVICE }],
    });
    expect(readFileSync('lambdas/handlers/sweep.ts', 'utf8')).toContain("addMetric('SweepFailures'");
  });

  it('has exactly these seven alarms', () => {
    // Act
    const names = Object.values(synth.template.findResources('AWS::CloudWatch::Alarm')).map(
      (a) => a.Properties.AlarmName,
    );

    // Assess
    expect(names.sort()).toEqual(
      [
        'EvaluatorErrors',
        'EvaluatorThrottles',
        'EventsDeadLetterQueue',
        'FailedInvocationsQueue',
        'RevertFailures',
        'SweepErrors',
        'SweepFailures',
      ].map((n) => `Test-${n}`),
    );
  });

  it("lets CloudWatch use the topic's key for this stack's alarms only", () => {
    // Prepare
    const conditions = {
      StringEquals: { 'aws:SourceAccount': ACCOUNT },
      ArnLike: {
        'aws:SourceArn': {
          'Fn::Join': [
            '',
            ['arn:', { Ref: 'AWS::Partition' }, `:cloudwatch:${REGION}:${ACCOUNT}:alarm:Test-*`],
          ],
        },
      },
    };

    // Act
    const key = synth.template.findResources('AWS::KMS::Key')[ref(synth.guardian.notifications.topicKey)];

    // Assess
    expect(key?.Properties.KeyPolicy.Statement).toContainEqual({
      Sid: 'CloudWatchAlarms',
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Resource: '*',
      Condition: conditions,
    });
    synth.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'CloudWatchAlarms',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: { Ref: ref(synth.guardian.notifications.topic) },
            Condition: conditions,
          },
        ]),
      },
    });
  });
});

function sortByName(definitions: readonly { AttributeName?: string }[]) {
  return [...definitions].sort((a, b) => String(a.AttributeName).localeCompare(String(b.AttributeName)));
}
