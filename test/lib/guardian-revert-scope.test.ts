import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { EC2_WRITER_IAM_ACTIONS } from '../../lambdas/adapters/aws/ec2/ec2-writer';
import { parseConfig } from '../../lambdas/core/config/parse-config';
import { isReadOnlyEc2Action } from '../../lib/ec2-permissions';
import { MemberAccountStack } from '../../lib/member-account-stack';
import { ACCOUNT, iamStatements, REGION, synthGuardian } from './guardian-fixture';

const SCOPE = { tags: { team: ['platform', 'network'], 'sg-guardian': 'managed' }, vpcIds: ['vpc-0a1b2c3d4e'] };
const VPC_ARN = 'arn:${AWS::Partition}:ec2:*:*:vpc/vpc-0a1b2c3d4e';
const TAGS = { 'aws:ResourceTag/team': ['platform', 'network'], 'aws:ResourceTag/sg-guardian': ['managed'] };
const arn = (type: string) => `arn:\${AWS::Partition}:ec2:${REGION}:${ACCOUNT}:${type}/*`;
const WRITES = EC2_WRITER_IAM_ACTIONS.filter((a) => !isReadOnlyEc2Action(a));

type Statements = ReturnType<typeof iamStatements>;
/** The conditions each resource ARN is granted under, for one action. */
const grantsOf = (statements: Statements, action: string) =>
  statements
    .filter((s) => s.actions.includes(action))
    .flatMap((s) => s.resources.map((resource) => ({ resource, conditions: s.conditions })));

describe('deployment.revertScope: revert permissions limited by tag and VPC', () => {
  let scoped: Statements;
  let unscoped: Statements;

  beforeAll(() => {
    scoped = iamStatements(synthGuardian({ revertScope: SCOPE }).template);
    unscoped = iamStatements(synthGuardian().template);
  });

  it('puts no condition on any EC2 write without a revert scope', () => {
    // Act
    const writes = WRITES.flatMap((action) => grantsOf(unscoped, action));

    // Assess
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.filter((g) => g.conditions !== undefined)).toEqual([]);
  });

  it('limits the security group a rule write changes to the tags and VPCs', () => {
    // Act
    const grants = grantsOf(scoped, 'ec2:RevokeSecurityGroupIngress');

    // Assess
    expect(grants).toContainEqual({
      resource: arn('security-group'),
      conditions: { StringEquals: TAGS, ArnLike: { 'ec2:Vpc': [VPC_ARN] } },
    });
  });

  it('grants the rule resource of an authorize without the tag condition (a new rule has no tags)', () => {
    // Act
    const grants = grantsOf(scoped, 'ec2:AuthorizeSecurityGroupIngress');

    // Assess
    expect(grants).toContainEqual({ resource: arn('security-group-rule'), conditions: undefined });
  });

  it('limits interfaces and network ACLs by tag and VPC, and the groups and subnets they name by VPC only', () => {
    // Act
    const eni = grantsOf(scoped, 'ec2:ModifyNetworkInterfaceAttribute');
    const association = grantsOf(scoped, 'ec2:ReplaceNetworkAclAssociation');

    // Assess
    const both = { StringEquals: TAGS, ArnLike: { 'ec2:Vpc': [VPC_ARN] } };
    const vpcOnly = { ArnLike: { 'ec2:Vpc': [VPC_ARN] } };
    expect(eni).toEqual(
      expect.arrayContaining([
        { resource: arn('network-interface'), conditions: both },
        { resource: arn('security-group'), conditions: vpcOnly },
        { resource: arn('instance'), conditions: undefined },
      ]),
    );
    expect(association).toEqual(
      expect.arrayContaining([
        { resource: arn('network-acl'), conditions: both },
        { resource: arn('subnet'), conditions: vpcOnly },
      ]),
    );
  });

  it('still grants every resource type each write names, so a scoped revert is never denied by omission', () => {
    // Act
    const types = (statements: Statements, action: string) =>
      new Set(grantsOf(statements, action).map((g) => g.resource));

    // Assess
    for (const action of WRITES) expect(types(scoped, action), action).toEqual(types(unscoped, action));
  });

  it('scopes by VPC alone when no tags are given', () => {
    // Act
    const statements = iamStatements(synthGuardian({ revertScope: { vpcIds: ['vpc-0a1b2c3d4e'] } }).template);

    // Assess
    expect(grantsOf(statements, 'ec2:DeleteNetworkAclEntry')).toEqual([
      { resource: arn('network-acl'), conditions: { ArnLike: { 'ec2:Vpc': [VPC_ARN] } } },
    ]);
  });

  it('gives member revert roles the same scope', () => {
    // Prepare
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new MemberAccountStack(app, 'Member', {
      centralAccount: '111111111111',
      centralRegion: REGION,
      revertRole: {
        centralEvaluatorRoleArn: 'arn:aws:iam::111111111111:role/Evaluator',
        externalId: 'ext-42',
        revertScope: { tags: { team: 'platform' } },
      },
    });

    // Act
    const roles = Template.fromStack(stack).findResources('AWS::IAM::Role');
    const role = Object.entries(roles).find(([id]) => id.startsWith('RevertRole'))?.[1];
    const statements = role?.Properties.Policies[0].PolicyDocument.Statement as {
      Action: string | string[];
      Condition?: unknown;
    }[];

    // Assess
    const revoke = statements.filter((s) => [s.Action].flat().includes('ec2:RevokeSecurityGroupEgress'));
    expect(revoke.map((s) => s.Condition)).toContainEqual({
      StringEquals: { 'aws:ResourceTag/team': ['platform'] },
    });
  });
});

describe('deployment.revertScope in guardian.yaml', () => {
  const parse = (revertScope: string) =>
    parseConfig(`dependencies: []\ndeployment:\n  revertScope: ${revertScope}\n`, 'guardian.yaml');

  it('accepts tags with one value or a list, and VPC ids', () => {
    // Act
    const config = parse('{ tags: { team: [a, b], env: prod }, vpcIds: [vpc-0a1b2c3d] }');

    // Assess
    expect(config.deployment.revertScope).toEqual({
      tags: { team: ['a', 'b'], env: 'prod' },
      vpcIds: ['vpc-0a1b2c3d'],
    });
  });

  it.each([
    ['{}', 'deployment.revertScope', 'give tags, vpcIds or both'],
    ['{ vpcIds: [subnet-0a1b2c3d] }', 'deployment.revertScope.vpcIds[0]', 'a VPC id'],
    ['{ tags: { "aws:cloudformation:stack-name": x } }', 'deployment.revertScope.tags', 'tag key'],
  ])('rejects %s naming the field', (value, field, message) => {
    // Act
    const act = () => parse(value);

    // Assess
    expect(act).toThrow(field);
    expect(act).toThrow(message);
  });
});
