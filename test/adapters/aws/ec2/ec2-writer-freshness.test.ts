import {
  CreateNetworkAclEntryCommand,
  DeleteNetworkAclEntryCommand,
  DescribeNetworkAclsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupRulesCommand,
  ModifyNetworkInterfaceAttributeCommand,
  ModifySecurityGroupRulesCommand,
  ReplaceNetworkAclAssociationCommand,
  ReplaceNetworkAclEntryCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { Ec2Reverter } from '../../../../lambdas/adapters/aws/ec2/ec2-writer';
import type { Change } from '../../../../lambdas/core/events/types';
import type { NaclEntry } from '../../../../lambdas/core/model/types';
import { naclEntryInput } from '../../../../lambdas/core/revert/sdk-input';
import type { RevertPlan } from '../../../../lambdas/core/verdict/types';
import { mockedEc2 } from './ec2-fake-account';
import { ec2Error, planOf, verdictFor } from './ec2-writer-support';

type AnyCommand = Parameters<ReturnType<typeof mockedEc2>['ec2']['on']>[0];

const SSH_OPEN: NaclEntry = {
  ruleNumber: 90,
  egress: false,
  protocol: 'tcp',
  action: 'allow',
  cidr: '0.0.0.0/0',
  portRange: { from: 22, to: 22 },
};
const SSH_OPEN_SDK = {
  RuleNumber: 90,
  Egress: false,
  Protocol: '6',
  RuleAction: 'allow',
  CidrBlock: '0.0.0.0/0',
  PortRange: { From: 22, To: 22 },
};
const naclAnswer = (entries: object[], naclId = 'acl-1', associationId = 'aclassoc-1') => ({
  NetworkAcls: [
    {
      NetworkAclId: naclId,
      VpcId: 'vpc-1',
      IsDefault: false,
      Entries: entries,
      Associations: [{ NetworkAclAssociationId: associationId, NetworkAclId: naclId, SubnetId: 'subnet-1' }],
    },
  ],
});
const ruleAnswer = (fromPort: number) => ({
  SecurityGroupRules: [
    {
      SecurityGroupRuleId: 'sgr-1',
      GroupId: 'sg-1',
      IsEgress: false,
      IpProtocol: 'tcp',
      FromPort: fromPort,
      ToPort: fromPort,
      CidrIpv4: '0.0.0.0/0',
    },
  ],
});

interface Case {
  readonly change: Change;
  readonly plan: RevertPlan;
  readonly read: readonly [command: unknown, answer: object];
  readonly write: unknown;
}

const eniCase: Omit<Case, 'read'> = {
  change: { kind: 'eni-groups-set', eniId: 'eni-1', groupIds: ['sg-open', 'sg-app'] },
  plan: planOf('ModifyNetworkInterfaceAttribute', { NetworkInterfaceId: 'eni-1', Groups: ['sg-app'] }),
  write: ModifyNetworkInterfaceAttributeCommand,
};
const created: Omit<Case, 'read'> = {
  change: { kind: 'nacl-entry-created', naclId: 'acl-1', entry: SSH_OPEN },
  plan: planOf('DeleteNetworkAclEntry', { NetworkAclId: 'acl-1', RuleNumber: 90, Egress: false }),
  write: DeleteNetworkAclEntryCommand,
};
const replaced: Omit<Case, 'read'> = {
  change: { kind: 'nacl-entry-replaced', naclId: 'acl-1', entry: SSH_OPEN },
  plan: planOf('ReplaceNetworkAclEntry', naclEntryInput('acl-1', { ...SSH_OPEN, cidr: '10.0.0.0/8' })),
  write: ReplaceNetworkAclEntryCommand,
};
const deleted: Omit<Case, 'read'> = {
  change: { kind: 'nacl-entry-deleted', naclId: 'acl-1', ruleNumber: 90, egress: false },
  plan: planOf('CreateNetworkAclEntry', naclEntryInput('acl-1', { ...SSH_OPEN, action: 'deny' })),
  write: CreateNetworkAclEntryCommand,
};
const moved: Omit<Case, 'read'> = {
  change: {
    kind: 'nacl-association-replaced',
    associationId: 'aclassoc-old',
    naclId: 'acl-open',
    newAssociationId: 'aclassoc-new',
  },
  plan: planOf('ReplaceNetworkAclAssociation', { AssociationId: 'aclassoc-new', NetworkAclId: 'acl-prior' }),
  write: ReplaceNetworkAclAssociationCommand,
};
const modified: Omit<Case, 'read'> = {
  change: {
    kind: 'sg-rules-modified',
    groupId: 'sg-1',
    updates: [
      {
        ruleId: 'sgr-1',
        rule: { protocol: 'tcp', fromPort: 22, toPort: 22, peer: { kind: 'cidr', cidr: '0.0.0.0/0' } },
      },
    ],
  },
  plan: planOf('ModifySecurityGroupRules', { GroupId: 'sg-1', SecurityGroupRules: [] }),
  write: ModifySecurityGroupRulesCommand,
};

const ENIS = DescribeNetworkInterfacesCommand;
const NACLS = DescribeNetworkAclsCommand;
const RULES = DescribeSecurityGroupRulesCommand;
const eniWith = (...ids: string[]) => ({
  NetworkInterfaces: [{ NetworkInterfaceId: 'eni-1', Groups: ids.map((GroupId) => ({ GroupId })) }],
});

async function run({ change, plan, read, write }: Case) {
  const { client, ec2 } = mockedEc2();
  ec2.on(read[0] as AnyCommand).resolves(read[1]);
  ec2.on(write as AnyCommand).resolves({});
  const outcome = await new Ec2Reverter(client).apply(plan, verdictFor(plan, change));
  return { outcome, ec2, writes: ec2.commandCalls(write as AnyCommand).length };
}

describe('Ec2Reverter: re-reads the resource before reverting', () => {
  it.each<[string, Case]>([
    [
      'the ENI still has the groups the change set (any order)',
      { ...eniCase, read: [ENIS, eniWith('sg-app', 'sg-open')] },
    ],
    ['the created entry is still there', { ...created, read: [NACLS, naclAnswer([SSH_OPEN_SDK])] }],
    ['the replacing entry is still there', { ...replaced, read: [NACLS, naclAnswer([SSH_OPEN_SDK])] }],
    ['the deleted entry is still absent', { ...deleted, read: [NACLS, naclAnswer([])] }],
    [
      'the new association still points at the NACL',
      { ...moved, read: [NACLS, naclAnswer([], 'acl-open', 'aclassoc-new')] },
    ],
    ['the modified rule still has the new content', { ...modified, read: [RULES, ruleAnswer(22)] }],
  ])('reverts when %s', async (_, testCase) => {
    // Prepare
    const prepared = testCase;

    // Act
    const { outcome, writes } = await run(prepared);

    // Assess
    expect(outcome.status).toBe('reverted');
    expect(writes).toBe(1);
  });

  it.each<[string, Case]>([
    ['eni-1 now has [sg-x, sg-y]', { ...eniCase, read: [ENIS, eniWith('sg-x', 'sg-y')] }],
    ['eni-1 now has [sg-open]', { ...eniCase, read: [ENIS, eniWith('sg-open')] }],
    ['eni-1 no longer exists', { ...eniCase, read: [ENIS, { NetworkInterfaces: [] }] }],
    [
      'acl-1 ingress rule #90 is now #90 ingress deny tcp 22-22 0.0.0.0/0',
      { ...created, read: [NACLS, naclAnswer([{ ...SSH_OPEN_SDK, RuleAction: 'deny' }])] },
    ],
    ['acl-1 ingress rule #90 no longer exists', { ...replaced, read: [NACLS, naclAnswer([])] }],
    ['acl-1 no longer exists', { ...created, read: [NACLS, { NetworkAcls: [] }] }],
    [
      'acl-1 ingress rule #90 exists again: #90 ingress allow tcp 22-22 0.0.0.0/0',
      { ...deleted, read: [NACLS, naclAnswer([SSH_OPEN_SDK])] },
    ],
    [
      'association aclassoc-new no longer exists (the subnet moved again)',
      { ...moved, read: [NACLS, { NetworkAcls: [] }] },
    ],
    [
      'association aclassoc-new now points at acl-other',
      { ...moved, read: [NACLS, naclAnswer([], 'acl-other', 'aclassoc-new')] },
    ],
    ['rule sgr-1 of sg-1 is now tcp 2222 from 0.0.0.0/0', { ...modified, read: [RULES, ruleAnswer(2222)] }],
    ['rule sgr-1 of sg-1 no longer exists', { ...modified, read: [RULES, { SecurityGroupRules: [] }] }],
  ])('skips as superseded when %s, writing nothing', async (reason, testCase) => {
    // Prepare
    const prepared = testCase;

    // Act
    const { outcome, writes } = await run(prepared);

    // Assess
    expect(outcome).toEqual({ status: 'skipped', steps: [], reason: `superseded: ${reason}` });
    expect(writes).toBe(0);
  });

  it('re-reads exactly the changed resource by filter', async () => {
    // Prepare
    const cases: Case[] = [
      { ...eniCase, read: [ENIS, eniWith('sg-app', 'sg-open')] },
      { ...created, read: [NACLS, naclAnswer([SSH_OPEN_SDK])] },
      { ...moved, read: [NACLS, naclAnswer([], 'acl-open', 'aclassoc-new')] },
      { ...modified, read: [RULES, ruleAnswer(22)] },
    ];

    // Act
    const sent = await Promise.all(
      cases.map(async (c) => (await run(c)).ec2.commandCalls(c.read[0] as AnyCommand)[0]?.args[0].input),
    );

    // Assess
    expect(sent).toEqual([
      { Filters: [{ Name: 'network-interface-id', Values: ['eni-1'] }] },
      { Filters: [{ Name: 'network-acl-id', Values: ['acl-1'] }] },
      { Filters: [{ Name: 'association.association-id', Values: ['aclassoc-new'] }] },
      { Filters: [{ Name: 'security-group-rule-id', Values: ['sgr-1'] }] },
    ]);
  });

  it('reads nothing before reverting added or removed rules (their error codes make them idempotent)', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    ec2.onAnyCommand().resolves({ Return: true });
    const plan = planOf('RevokeSecurityGroupIngress', { GroupId: 'sg-1', SecurityGroupRuleIds: ['sgr-9'] });
    const change: Change = { kind: 'sg-rules-added', groupId: 'sg-1', direction: 'ingress', rules: [] };

    // Act
    const outcome = await new Ec2Reverter(client).apply(plan, verdictFor(plan, change));

    // Assess
    expect(outcome.status).toBe('reverted');
    expect(ec2.calls().map((c) => c.args[0].constructor)).toEqual([RevokeSecurityGroupIngressCommand]);
  });

  it('fails without writing when the re-read itself fails', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    ec2
      .on(DescribeNetworkAclsCommand)
      .rejects(ec2Error('InternalError', 500, 'An internal error has occurred'));
    ec2.on(DeleteNetworkAclEntryCommand).resolves({});

    // Act
    const outcome = await new Ec2Reverter(client).apply(
      created.plan,
      verdictFor(created.plan, created.change),
    );

    // Assess
    expect(outcome).toEqual({
      status: 'failed',
      steps: [],
      reason: 'could not re-read before reverting: InternalError (HTTP 500): An internal error has occurred',
    });
    expect(ec2.commandCalls(DeleteNetworkAclEntryCommand)).toHaveLength(0);
  });
});
