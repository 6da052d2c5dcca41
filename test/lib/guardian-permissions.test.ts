import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_LOG_IAM_ACTIONS } from '../../lambdas/adapters/aws/dynamodb/dynamodb-audit-log';
import { STATE_CACHE_IAM_ACTIONS } from '../../lambdas/adapters/aws/dynamodb/dynamodb-state-cache';
import { EC2_READER_IAM_ACTIONS } from '../../lambdas/adapters/aws/ec2/ec2-reader';
import { EC2_WRITER_IAM_ACTIONS } from '../../lambdas/adapters/aws/ec2/ec2-writer';
import { EVENT_LEDGER_IAM_ACTIONS } from '../../lambdas/adapters/aws/dynamodb/event-ledger';
import { isReadOnlyEc2Action } from '../../lib/ec2-permissions';
import { ACCOUNT, iamStatements, REGION, synthGuardian, guardianFunctions } from './guardian-fixture';

const SLACK_SECRET_ARN = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:sg-guardian/slack-AbCdEf`;
const EC2_ARN = new RegExp(
  `^arn:\\$\\{AWS::Partition\\}:ec2:${REGION}:${ACCOUNT}:` +
    '(security-group|security-group-rule|network-interface|network-acl|subnet|instance)/\\*$',
);

describe('SecurityGroupGuardian permissions', () => {
  let synth: ReturnType<typeof synthGuardian>;
  let withSlack: ReturnType<typeof synthGuardian>;
  let statements: ReturnType<typeof iamStatements>;
  const id = (s: typeof synth, construct: { node: { defaultChild?: unknown } }) =>
    s.stack.getLogicalId(construct.node.defaultChild as never);
  const resourcesOf = (action: string) =>
    statements.filter((s) => s.actions.includes(action)).flatMap((s) => s.resources);

  beforeAll(() => {
    synth = synthGuardian();
    withSlack = synthGuardian({ slackSecretArn: SLACK_SECRET_ARN, slackChannel: 'C0123456' });
    statements = iamStatements(synth.template);
  });

  it('only allows, and never a wildcard EC2 action', () => {
    // Act
    const actions = statements.flatMap((s) => s.actions);

    // Assess
    expect(statements.every((s) => s.effect === 'Allow')).toBe(true);
    expect(actions).not.toContain('*');
    expect(actions.filter((a) => a.startsWith('ec2:') && a.includes('*'))).toEqual([]);
  });

  it('grants exactly the EC2 actions the reader and the writer call', () => {
    // Prepare
    const expected = new Set<string>([...EC2_READER_IAM_ACTIONS, ...EC2_WRITER_IAM_ACTIONS]);

    // Act
    const granted = new Set(statements.flatMap((s) => s.actions).filter((a) => a.startsWith('ec2:')));

    // Assess
    expect([...granted].sort()).toEqual([...expected].sort());
  });

  it('grants every EC2 write action only on resource ARNs of this account and region', () => {
    // Prepare
    const writes = EC2_WRITER_IAM_ACTIONS.filter((a) => !isReadOnlyEc2Action(a));

    // Act
    const byAction = writes.map((action) => [action, resourcesOf(action)] as const);

    // Assess
    expect(writes.length).toBeGreaterThan(5);
    for (const [action, resources] of byAction) {
      expect(resources.length, action).toBeGreaterThan(0);
      expect(
        resources.filter((r) => !EC2_ARN.test(r)),
        action,
      ).toEqual([]);
    }
    expect(resourcesOf('ec2:RevokeSecurityGroupIngress')).toContain(
      `arn:\${AWS::Partition}:ec2:${REGION}:${ACCOUNT}:security-group/*`,
    );
    expect(resourcesOf('ec2:ReplaceNetworkAclEntry')).toEqual([
      `arn:\${AWS::Partition}:ec2:${REGION}:${ACCOUNT}:network-acl/*`,
    ]);
  });

  it("grants the describe actions on '*' (they support no resource-level permissions)", () => {
    // Act
    const reads = [...EC2_READER_IAM_ACTIONS, ...EC2_WRITER_IAM_ACTIONS].filter(isReadOnlyEc2Action);

    // Assess
    expect(reads).toContain('ec2:DescribeSecurityGroups');
    for (const action of reads) expect(resourcesOf(action), action).toEqual(['*']);
  });

  it("puts nothing but describe calls and X-Ray on '*'", () => {
    // Act
    const onStar = statements.filter((s) => s.resources.includes('*')).flatMap((s) => s.actions);

    // Assess
    expect(onStar.filter((a) => !isReadOnlyEc2Action(a) && !a.startsWith('xray:'))).toEqual([]);
  });

  it('grants the DynamoDB actions of each adapter on its own table (and the state index)', () => {
    // Prepare
    const arn = (table: 'state' | 'audit' | 'idempotency') =>
      `\${${id(synth, synth.guardian.tables[table])}.Arn}`;

    // Act
    const dynamo = statements.filter((s) => s.actions.some((a) => a.startsWith('dynamodb:')));

    // Assess
    expect(dynamo.map((s) => ({ actions: [...s.actions].sort(), resources: s.resources }))).toEqual([
      { actions: [...STATE_CACHE_IAM_ACTIONS].sort(), resources: [arn('state'), `${arn('state')}/index/*`] },
      { actions: [...AUDIT_LOG_IAM_ACTIONS].sort(), resources: [arn('audit')] },
      { actions: [...EVENT_LEDGER_IAM_ACTIONS].sort(), resources: [arn('idempotency')] },
    ]);
  });

  it('publishes to the topic only, with its KMS key', () => {
    // Prepare
    const topic = `\${${id(synth, synth.guardian.notifications.topic)}}`;
    const key = `\${${id(synth, synth.guardian.notifications.topicKey)}.Arn}`;

    // Act
    const kms = statements.filter((s) => s.actions.some((a) => a.startsWith('kms:')));

    // Assess
    expect(resourcesOf('sns:Publish')).toEqual([topic]);
    expect(kms).toEqual([
      { effect: 'Allow', actions: ['kms:Decrypt', 'kms:GenerateDataKey*'], resources: [key] },
    ]);
  });

  it('reads the Slack secret and the one-click link secret, and only those, only when Slack is configured', () => {
    // Act
    const slackStatements = iamStatements(withSlack.template).filter((s) =>
      s.actions.some((a) => a.startsWith('secretsmanager:')),
    );

    // Assess
    expect(statements.flatMap((s) => s.actions).filter((a) => a.startsWith('secretsmanager:'))).toEqual([]);
    expect(slackStatements).toEqual([
      {
        effect: 'Allow',
        actions: ['secretsmanager:GetSecretValue'],
        resources: [SLACK_SECRET_ARN, expect.stringMatching(/LinkSecret/)],
      },
    ]);
  });

  it('writes logs only to the log groups of its two functions', () => {
    // Prepare
    const logGroups = Object.keys(synth.template.findResources('AWS::Logs::LogGroup'));

    // Act
    const logs = statements.filter((s) => s.actions.some((a) => a.startsWith('logs:')));

    // Assess
    expect(logGroups).toHaveLength(2);
    expect([...new Set(logs.flatMap((s) => s.actions))].sort()).toEqual([
      'logs:CreateLogStream',
      'logs:PutLogEvents',
    ]);
    expect(logs.flatMap((s) => s.resources).sort()).toEqual(logGroups.map((g) => `\${${g}.Arn}`).sort());
  });

  it('runs both handlers as one Lambda role without managed policies, which they know as their own', () => {
    // Prepare
    const role = id(synth, synth.guardian.role);

    // Act
    const functions = guardianFunctions(synth.template);
    const roles = synth.template.findResources('AWS::IAM::Role');
    const cdkProviders = Object.keys(roles).filter((r) => r.startsWith('AWSCDKTriggerCustomResourceProvider'));

    // Assess: the guardian's one role, and CDK's trigger provider (which only invokes the first sweep)
    expect(Object.keys(roles).filter((r) => !cdkProviders.includes(r))).toEqual([role]);
    expect(cdkProviders).toHaveLength(1);
    expect(roles[role]?.Properties.ManagedPolicyArns).toBeUndefined();
    expect(roles[role]?.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
    ]);
    expect(functions.map((f) => f.Properties.Role)).toEqual([
      { 'Fn::GetAtt': [role, 'Arn'] },
      { 'Fn::GetAtt': [role, 'Arn'] },
    ]);
    expect(functions.map((f) => f.Properties.Environment.Variables.SG_GUARDIAN_ROLE_ARN)).toEqual([
      { 'Fn::GetAtt': [role, 'Arn'] },
      { 'Fn::GetAtt': [role, 'Arn'] },
    ]);
  });
});
