import {
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateNetworkAclEntryCommand,
  DeleteNetworkAclEntryCommand,
  ModifyNetworkInterfaceAttributeCommand,
  ModifySecurityGroupRulesCommand,
  ReplaceNetworkAclAssociationCommand,
  ReplaceNetworkAclEntryCommand,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { EC2_WRITER_IAM_ACTIONS, Ec2Reverter } from '../../../../lambdas/adapters/aws/ec2/ec2-writer';
import { REVERT_IAM_ACTIONS, type RevertApi, step } from '../../../../lambdas/core/revert/steps';
import { mockedEc2 } from './ec2-fake-account';
import { ec2Error, planOf, readyPlan, verdictFor } from './ec2-writer-support';

const TCP_22_WORLD = [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }];
const ENTRY = { NetworkAclId: 'acl-1', RuleNumber: 100, Egress: false };

const CASES: [RevertApi, unknown, Record<string, unknown>][] = [
  [
    'AuthorizeSecurityGroupIngress',
    AuthorizeSecurityGroupIngressCommand,
    { GroupId: 'sg-1', IpPermissions: TCP_22_WORLD },
  ],
  [
    'AuthorizeSecurityGroupEgress',
    AuthorizeSecurityGroupEgressCommand,
    { GroupId: 'sg-1', IpPermissions: TCP_22_WORLD },
  ],
  [
    'RevokeSecurityGroupIngress',
    RevokeSecurityGroupIngressCommand,
    { GroupId: 'sg-1', SecurityGroupRuleIds: ['sgr-1'] },
  ],
  [
    'RevokeSecurityGroupEgress',
    RevokeSecurityGroupEgressCommand,
    { GroupId: 'sg-1', IpPermissions: TCP_22_WORLD },
  ],
  [
    'ModifySecurityGroupRules',
    ModifySecurityGroupRulesCommand,
    {
      GroupId: 'sg-1',
      SecurityGroupRules: [
        {
          SecurityGroupRuleId: 'sgr-1',
          SecurityGroupRule: { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIpv4: '10.0.0.0/8' },
        },
      ],
    },
  ],
  [
    'ModifyNetworkInterfaceAttribute',
    ModifyNetworkInterfaceAttributeCommand,
    { NetworkInterfaceId: 'eni-1', Groups: ['sg-1'] },
  ],
  [
    'CreateNetworkAclEntry',
    CreateNetworkAclEntryCommand,
    { ...ENTRY, Protocol: '6', RuleAction: 'deny', CidrBlock: '0.0.0.0/0', PortRange: { From: 22, To: 22 } },
  ],
  [
    'ReplaceNetworkAclEntry',
    ReplaceNetworkAclEntryCommand,
    { ...ENTRY, Protocol: '-1', RuleAction: 'allow', CidrBlock: '10.0.0.0/8' },
  ],
  ['DeleteNetworkAclEntry', DeleteNetworkAclEntryCommand, ENTRY],
  [
    'ReplaceNetworkAclAssociation',
    ReplaceNetworkAclAssociationCommand,
    { AssociationId: 'aclassoc-2', NetworkAclId: 'acl-1' },
  ],
];

type AnyCommand = Parameters<ReturnType<typeof mockedEc2>['ec2']['on']>[0];

describe('Ec2Reverter: one SDK command per revert API', () => {
  it.each(CASES)('sends %s with the step input as is', async (api, command, input) => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    ec2.onAnyCommand().resolves({});
    const plan = planOf(api, input);

    // Act
    const outcome = await new Ec2Reverter(client).apply(plan, verdictFor(plan));

    // Assess
    const calls = ec2.commandCalls(command as AnyCommand);
    expect(calls.map((c) => c.args[0].input)).toEqual([input]);
    expect(ec2.calls()).toHaveLength(1);
    expect(outcome).toEqual({ status: 'reverted', steps: [{ step: plan.steps[0], status: 'applied' }] });
  });

  it('covers every API a revert plan can use', () => {
    // Prepare
    const apis = REVERT_IAM_ACTIONS.map((a) => a.replace('ec2:', ''));

    // Act
    const covered = CASES.map(([api]) => api);

    // Assess
    expect([...covered].sort()).toEqual([...apis].sort());
  });

  it('fails a step with an unknown API without calling EC2 or throwing', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    ec2.onAnyCommand().resolves({});
    const plan = readyPlan({
      api: 'DeleteSecurityGroup',
      input: { GroupId: 'sg-1' },
      iamAction: 'ec2:X',
      summary: 'x',
    });

    // Act
    const outcome = await new Ec2Reverter(client).apply(plan, verdictFor(plan));

    // Assess
    expect(ec2.calls()).toHaveLength(0);
    expect(outcome.status).toBe('failed');
    expect(outcome.steps[0]?.status).toBe('failed');
    expect(outcome.steps[0]?.error).toMatch(/^unknown EC2 API DeleteSecurityGroup \(the reverter knows /);
  });
});

describe('Ec2Reverter: already in the wanted state', () => {
  it.each([
    ['RevokeSecurityGroupIngress', 'InvalidPermission.NotFound'],
    ['RevokeSecurityGroupEgress', 'InvalidPermission.NotFound'],
    ['RevokeSecurityGroupIngress', 'InvalidSecurityGroupRuleId.NotFound'],
    ['AuthorizeSecurityGroupIngress', 'InvalidPermission.Duplicate'],
    ['AuthorizeSecurityGroupEgress', 'InvalidPermission.Duplicate'],
    ['CreateNetworkAclEntry', 'NetworkAclEntryAlreadyExists'],
    ['DeleteNetworkAclEntry', 'InvalidNetworkAclEntry.NotFound'],
  ] as const)('counts %s answered %s as already done', async (api, code) => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    ec2.onAnyCommand().rejects(ec2Error(code));
    const plan = planOf(api, { GroupId: 'sg-1' });

    // Act
    const outcome = await new Ec2Reverter(client).apply(plan, verdictFor(plan));

    // Assess
    expect(outcome).toEqual({ status: 'reverted', steps: [{ step: plan.steps[0], status: 'already' }] });
  });

  it('does not count a missing rule as done when the step modifies it', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    ec2
      .onAnyCommand()
      .rejects(ec2Error('InvalidSecurityGroupRuleId.NotFound', 400, 'The rule ID does not exist'));
    const plan = planOf('ModifySecurityGroupRules', { GroupId: 'sg-1', SecurityGroupRules: [] });

    // Act
    const outcome = await new Ec2Reverter(client).apply(plan, verdictFor(plan));

    // Assess
    expect(outcome.status).toBe('failed');
    expect(outcome.steps[0]?.error).toBe('InvalidSecurityGroupRuleId.NotFound: The rule ID does not exist');
  });

  it('counts a revoke whose every permission EC2 reports unknown as already done, a partial one as applied', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    const two = [
      {
        IpProtocol: 'tcp',
        FromPort: 22,
        ToPort: 22,
        IpRanges: [{ CidrIp: '0.0.0.0/0' }, { CidrIp: '10.0.0.0/8' }],
      },
    ];
    const oneUnknown = [
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/8' }] },
    ];
    ec2
      .on(RevokeSecurityGroupIngressCommand, { GroupId: 'sg-all' })
      .resolves({ Return: true, UnknownIpPermissions: two });
    ec2
      .on(RevokeSecurityGroupIngressCommand, { GroupId: 'sg-some' })
      .resolves({ Return: true, UnknownIpPermissions: oneUnknown });
    const all = planOf('RevokeSecurityGroupIngress', { GroupId: 'sg-all', IpPermissions: two });
    const some = planOf('RevokeSecurityGroupIngress', { GroupId: 'sg-some', IpPermissions: two });
    const reverter = new Ec2Reverter(client);

    // Act
    const allUnknown = await reverter.apply(all, verdictFor(all));
    const someUnknown = await reverter.apply(some, verdictFor(some));

    // Assess
    expect(allUnknown.steps[0]?.status).toBe('already');
    expect(someUnknown.steps[0]?.status).toBe('applied');
  });
});

describe('Ec2Reverter: failures', () => {
  const revoke = step(
    'RevokeSecurityGroupIngress',
    { GroupId: 'sg-1', SecurityGroupRuleIds: ['sgr-1'] },
    'revoke',
  );
  const authorize = step(
    'AuthorizeSecurityGroupIngress',
    { GroupId: 'sg-1', IpPermissions: TCP_22_WORLD },
    'add',
  );

  it('fails on a 5xx after the SDK retries and does not attempt later steps', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    ec2
      .on(RevokeSecurityGroupIngressCommand)
      .rejects(ec2Error('InternalError', 500, 'An internal error has occurred'));
    ec2.on(AuthorizeSecurityGroupIngressCommand).resolves({ Return: true });
    const plan = readyPlan(revoke, authorize);

    // Act
    const outcome = await new Ec2Reverter(client).apply(plan, verdictFor(plan));

    // Assess
    expect(ec2.commandCalls(AuthorizeSecurityGroupIngressCommand)).toHaveLength(0);
    expect(outcome).toEqual({
      status: 'failed',
      steps: [
        { step: revoke, status: 'failed', error: 'InternalError (HTTP 500): An internal error has occurred' },
      ],
      reason:
        'step 1 of 2 (RevokeSecurityGroupIngress) failed: InternalError (HTTP 500): An internal error has occurred; 1 later step(s) not attempted',
    });
  });

  it('says a write IAM denied may be outside the revert scope, and does not retry it', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    ec2
      .on(RevokeSecurityGroupIngressCommand)
      .rejects(ec2Error('UnauthorizedOperation', 403, 'You are not authorized to perform this operation.'));
    const plan = readyPlan(revoke);

    // Act
    const outcome = await new Ec2Reverter(client).apply(plan, verdictFor(plan));

    // Assess
    expect(outcome.status).toBe('failed');
    expect(ec2.commandCalls(RevokeSecurityGroupIngressCommand)).toHaveLength(1);
    expect(outcome.steps[0]?.error).toMatch(
      /^UnauthorizedOperation: You are not authorized to perform this operation\. \(.*outside deployment\.revertScope.*by hand/,
    );
  });

  it('reports a plan that failed after an applied step as partial', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    ec2.on(RevokeSecurityGroupIngressCommand).resolves({ Return: true });
    ec2.on(AuthorizeSecurityGroupIngressCommand).rejects(ec2Error('ServiceUnavailable', 503, 'busy'));
    const plan = readyPlan(revoke, authorize);

    // Act
    const outcome = await new Ec2Reverter(client).apply(plan, verdictFor(plan));

    // Assess
    expect(outcome.status).toBe('partial');
    expect(outcome.steps.map((s) => s.status)).toEqual(['applied', 'failed']);
  });

  it('fails a step EC2 answers with Return=false', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    ec2.on(ModifySecurityGroupRulesCommand).resolves({ Return: false });
    const plan = planOf('ModifySecurityGroupRules', { GroupId: 'sg-1', SecurityGroupRules: [] });

    // Act
    const outcome = await new Ec2Reverter(client).apply(plan, verdictFor(plan));

    // Assess
    expect(outcome.status).toBe('failed');
    expect(outcome.steps[0]?.error).toBe('ModifySecurityGroupRules answered Return=false');
  });

  it('skips a plan that is not ready without calling EC2', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    const plan = { status: 'unknown-prior' as const, steps: [], reason: 'prior groups of eni-1 are unknown' };

    // Act
    const outcome = await new Ec2Reverter(client).apply(plan, verdictFor(plan));

    // Assess
    expect(outcome).toEqual({ status: 'skipped', steps: [], reason: 'prior groups of eni-1 are unknown' });
    expect(ec2.calls()).toHaveLength(0);
  });

  it('asks IAM for the revert writes and the re-reads before them', () => {
    // Prepare
    const reads = [
      'ec2:DescribeNetworkInterfaces',
      'ec2:DescribeNetworkAcls',
      'ec2:DescribeSecurityGroupRules',
    ];

    // Act
    const actions = [...EC2_WRITER_IAM_ACTIONS];

    // Assess
    expect(actions.sort()).toEqual([...REVERT_IAM_ACTIONS, ...reads].sort());
  });
});
