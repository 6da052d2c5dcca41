import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EC2_READER_IAM_ACTIONS } from '../../lambdas/adapters/aws/ec2/ec2-reader';
import { EC2_WRITER_IAM_ACTIONS } from '../../lambdas/adapters/aws/ec2/ec2-writer';
import { GuardianPropsError } from '../../lib/errors';
import { buildApp, buildMemberApp } from '../../lib/guardian-app';
import { cloudTrailEventPattern } from '../../lib/guardian-event-pattern';
import { MemberAccountStack } from '../../lib/member-account-stack';
import { cdkJsonContext, cfnText, ORGANIZATION_CONFIG, REGION } from './guardian-fixture';

const CENTRAL = '111111111111';
const EVALUATOR_ROLE = `arn:aws:iam::${CENTRAL}:role/SgGuardian-GuardianRole1234`;
const CENTRAL_BUS = {
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:events:${REGION}:${CENTRAL}:event-bus/default`]],
};

describe('MemberAccountStack (-c member=true)', () => {
  let dir: string;
  let config: string;
  let stack: MemberAccountStack;
  let template: ReturnType<Template['toJSON']>;
  const app = (context: Record<string, unknown>) =>
    new App({
      builtinCloudFormationValidation: false,
      context: { ...cdkJsonContext(), config, member: 'true', ...context },
    });
  const resourcesOfType = (type: string) =>
    Object.entries(
      template.Resources as Record<string, { Type: string; Properties: never; Condition?: string }>,
    )
      .filter(([, r]) => r.Type === type)
      .map(([id, r]) => ({ id, ...r }));
  const revertRole = () => resourcesOfType('AWS::IAM::Role').find((r) => r.id.startsWith('RevertRole'));

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sg-guardian-member-'));
    config = join(dir, 'guardian.yaml');
    writeFileSync(config, ORGANIZATION_CONFIG);
    const built = buildApp(app({ centralAccount: CENTRAL, centralEvaluatorRoleArn: EVALUATOR_ROLE }));
    stack = built as MemberAccountStack;
    template = Template.fromStack(stack).toJSON();
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("forwards exactly the central rule's CloudTrail events to the central default bus", () => {
    // Act
    const [rule] = resourcesOfType('AWS::Events::Rule') as { Properties: Record<string, never> }[];

    // Assess
    expect(stack).toBeInstanceOf(MemberAccountStack);
    expect(rule?.Properties.EventPattern).toEqual({
      source: ['aws.ec2'],
      'detail-type': ['AWS API Call via CloudTrail'],
      detail: cloudTrailEventPattern().detail,
    });
    expect(rule?.Properties.Targets).toEqual([
      {
        Id: 'Target0',
        Arn: CENTRAL_BUS,
        RoleArn: { 'Fn::GetAtt': [expect.stringMatching(/^ForwardingCloudTrailRuleEventsRole/), 'Arn'] },
        DeadLetterConfig: {
          Arn: { 'Fn::GetAtt': [expect.stringMatching(/^ForwardingDeadLetterQueue/), 'Arn'] },
        },
      },
    ]);
  });

  it('may put events on the central bus only', () => {
    // Act
    const policies = resourcesOfType('AWS::IAM::Policy') as {
      Properties: { PolicyDocument: { Statement: unknown[] } };
    }[];

    // Assess
    expect(policies.flatMap((p) => p.Properties.PolicyDocument.Statement)).toEqual([
      { Action: 'events:PutEvents', Effect: 'Allow', Resource: CENTRAL_BUS },
    ]);
  });

  it('trusts only the central evaluator role, with the external id, from the Organization', () => {
    // Act
    const role = revertRole()?.Properties as Record<string, never> | undefined;

    // Assess
    expect(role?.RoleName).toBe('sg-guardian-revert');
    expect(role?.AssumeRolePolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { AWS: EVALUATOR_ROLE },
          Condition: {
            StringEquals: { 'sts:ExternalId': 'sg-guardian-ext-42', 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' },
          },
        },
      ],
    });
    expect(role?.ManagedPolicyArns).toBeUndefined();
  });

  it('grants the same EC2 actions as the central role, writes on its own account in the watched regions', () => {
    // Prepare
    const expected = new Set<string>([...EC2_READER_IAM_ACTIONS, ...EC2_WRITER_IAM_ACTIONS]);

    // Act
    const role = revertRole()?.Properties as unknown as {
      Policies: { PolicyDocument: { Statement: never[] } }[];
    };
    const statements = role.Policies.flatMap((p) => p.PolicyDocument.Statement) as {
      Action: string | string[];
      Resource: unknown;
    }[];
    const granted = statements.flatMap((s) => [s.Action].flat());
    const writeResources = statements
      .filter((s) => s.Resource !== '*')
      .flatMap((s) => [s.Resource].flat().map(cfnText));

    // Assess
    expect([...new Set(granted)].sort()).toEqual([...expected].sort());
    expect([statements.find((s) => s.Resource === '*')?.Action].flat().sort()).toEqual(
      [...EC2_READER_IAM_ACTIONS].sort(),
    );
    expect(writeResources.length).toBeGreaterThan(0);
    for (const arn of writeResources)
      expect(arn).toMatch(
        /^arn:\$\{AWS::Partition\}:ec2:(eu-west-1|us-east-1):\$\{AWS::AccountId\}:[a-z-]+\/\*$/,
      );
    expect(writeResources).toContain(`arn:\${AWS::Partition}:ec2:us-east-1:\${AWS::AccountId}:network-acl/*`);
  });

  it('is one template for every account and region: forwarding and role exist only where they belong', () => {
    // Act
    const conditions = template.Conditions;
    const placed = Object.values(
      template.Resources as Record<string, { Type: string; Condition?: string }>,
    ).map((r) => [r.Type, r.Condition]);

    // Assess
    expect(conditions).toEqual({
      ForwardEvents: {
        'Fn::Not': [
          {
            'Fn::And': [
              { 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, CENTRAL] },
              { 'Fn::Equals': [{ Ref: 'AWS::Region' }, REGION] },
            ],
          },
        ],
      },
      CreateRevertRole: {
        'Fn::And': [
          { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, CENTRAL] }] },
          { 'Fn::Equals': [{ Ref: 'AWS::Region' }, REGION] },
        ],
      },
    });
    expect(placed.filter(([type]) => type === 'AWS::IAM::Role' || type === 'AWS::Events::Rule')).toEqual([
      ['AWS::Events::Rule', 'ForwardEvents'],
      ['AWS::IAM::Role', 'ForwardEvents'],
      ['AWS::IAM::Role', 'CreateRevertRole'],
    ]);
    expect(placed.every(([, condition]) => condition !== undefined)).toBe(true);
    expect(
      Object.values(template.Outputs as Record<string, { Condition?: string }>).map((o) => o.Condition),
    ).toEqual(['ForwardEvents', 'CreateRevertRole']);
  });

  it('needs no CDK bootstrap in member accounts (no assets, no bootstrap version check)', () => {
    // Assess
    expect(template.Parameters).toBeUndefined();
    expect(template.Rules).toBeUndefined();
    expect(stack.account).toMatch(/^\$\{Token/);
  });

  it.each([
    [{ centralEvaluatorRoleArn: EVALUATOR_ROLE }, 'needs -c centralAccount='],
    [{ centralAccount: 'central' }, 'context centralAccount must be a 12-digit account id'],
    [{ centralAccount: CENTRAL }, 'needs -c centralEvaluatorRoleArn='],
    [
      { centralAccount: CENTRAL, centralEvaluatorRoleArn: 'arn:aws:iam::999999999999:role/x' },
      `must be a role ARN of account ${CENTRAL}`,
    ],
    [
      { centralAccount: CENTRAL, centralEvaluatorRoleArn: EVALUATOR_ROLE, config: 'examples/guardian.yaml' },
      'needs -c centralRegion=',
    ],
    [
      {
        centralAccount: CENTRAL,
        centralEvaluatorRoleArn: EVALUATOR_ROLE,
        centralRegion: REGION,
        config: 'examples/guardian.yaml',
      },
      'needs deployment.externalId',
    ],
  ])('refuses incomplete context %j', (context, message) => {
    // Act
    const act = () => buildMemberApp(app(context));

    // Assess
    expect(act).toThrow(GuardianPropsError);
    expect(act).toThrow(message);
  });
});
