import { beforeAll, describe, expect, it } from 'vitest';
import {
  AUDIT_TABLE,
  createTableInput,
  IDEMPOTENCY_TABLE,
  STATE_TABLE,
  type TableSchema,
} from '../../lambdas/adapters/table-schemas';
import { synthGuardian } from './guardian-fixture';

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

  it('uses the TTL attributes the audit log and Powertools write', () => {
    // Assess
    expect(tableResource('audit')?.Properties.TimeToLiveSpecification.AttributeName).toBe('expiresAt');
    expect(tableResource('idempotency')?.Properties.TimeToLiveSpecification.AttributeName).toBe('expiration');
    expect(tableResource('state')?.Properties.GlobalSecondaryIndexes[0].IndexName).toBe('byKind');
  });

  it('encrypts the topic with its own rotating KMS key', () => {
    // Prepare
    const key = logicalId(synth.guardian.notifications.topicKey);

    // Act
    const topics = synth.template.findResources('AWS::SNS::Topic');

    // Assess
    expect(Object.values(topics).map((t) => t.Properties.KmsMasterKeyId)).toEqual([
      { 'Fn::GetAtt': [key, 'Arn'] },
    ]);
    synth.template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('denies publishing to the topic without TLS', () => {
    // Prepare
    const topic = logicalId(synth.guardian.notifications.topic);

    // Act
    const policies = Object.values(synth.template.findResources('AWS::SNS::TopicPolicy'));

    // Assess
    expect(policies.map((p) => p.Properties.Topics)).toEqual([[{ Ref: topic }]]);
    expect(policies[0]?.Properties.PolicyDocument.Statement).toEqual([
      expect.objectContaining({
        Effect: 'Deny',
        Principal: '*',
        Action: 'sns:Publish',
        Resource: { Ref: topic },
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    ]);
  });

  it('outputs the topic, the table names, the evaluator and the dead-letter queues', () => {
    // Act
    const outputs = synth.template.findOutputs('*');

    // Assess
    expect(Object.fromEntries(Object.entries(outputs).map(([id, o]) => [id, o.Value]))).toEqual({
      TopicArn: { Ref: logicalId(synth.guardian.notifications.topic) },
      StateTableName: { Ref: logicalId(synth.guardian.tables.state) },
      AuditTableName: { Ref: logicalId(synth.guardian.tables.audit) },
      IdempotencyTableName: { Ref: logicalId(synth.guardian.tables.idempotency) },
      EvaluatorFunctionName: { Ref: logicalId(synth.guardian.evaluator) },
      EventsDeadLetterQueueUrl: { Ref: logicalId(synth.guardian.eventsDeadLetterQueue) },
      FailedInvocationsQueueUrl: { Ref: logicalId(synth.guardian.failedInvocationsQueue) },
    });
  });
});

function sortByName(definitions: readonly { AttributeName?: string }[]) {
  return [...definitions].sort((a, b) => String(a.AttributeName).localeCompare(String(b.AttributeName)));
}
