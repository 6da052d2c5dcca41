import {
  AuthorizeSecurityGroupIngressCommand,
  CreateNetworkAclEntryCommand,
  DescribeNetworkAclsCommand,
  DescribeNetworkInterfacesCommand,
  ModifyNetworkInterfaceAttributeCommand,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { Ec2Reverter } from '../../../../lambdas/adapters/aws/ec2/ec2-writer';
import type { Change } from '../../../../lambdas/core/events/types';
import type { RevertPlan } from '../../../../lambdas/core/verdict/types';
import { mockedEc2 } from './ec2-fake-account';
import { ec2Error, planOf, verdictFor } from './ec2-writer-support';

type AnyCommand = Parameters<ReturnType<typeof mockedEc2>['ec2']['on']>[0];

/** A launch: nothing to revert, so the verdict's change has no freshness check of its own. */
const LAUNCH = { kind: 'instances-launched', instances: [] } as unknown as Change;

const SET_GROUPS = planOf('ModifyNetworkInterfaceAttribute', {
  NetworkInterfaceId: 'eni-1',
  Groups: ['sg-app', 'sg-backend'],
});
const CREATE_ENTRY = planOf('CreateNetworkAclEntry', {
  NetworkAclId: 'acl-1',
  RuleNumber: 49,
  Egress: true,
  Protocol: '6',
  RuleAction: 'allow',
  CidrBlock: '10.0.1.15/32',
  PortRange: { From: 8080, To: 8080 },
});
const ENTRY_SDK = { ...CREATE_ENTRY.steps[0]!.input };
delete (ENTRY_SDK as Record<string, unknown>).NetworkAclId;

const ENIS = DescribeNetworkInterfacesCommand;
const NACLS = DescribeNetworkAclsCommand;
const SET = ModifyNetworkInterfaceAttributeCommand;
const CREATE = CreateNetworkAclEntryCommand;

const eniWith = (...ids: string[]) => ({
  NetworkInterfaces: [{ NetworkInterfaceId: 'eni-1', Groups: ids.map((GroupId) => ({ GroupId })) }],
});
const naclWith = (...entries: object[]) => ({
  NetworkAcls: [
    { NetworkAclId: 'acl-1', VpcId: 'vpc-1', IsDefault: false, Entries: entries, Associations: [] },
  ],
});

async function applyFix(plan: RevertPlan, read: readonly [unknown, object], write: unknown) {
  const { client, ec2 } = mockedEc2();
  ec2.on(read[0] as AnyCommand).resolves(read[1]);
  ec2.on(write as AnyCommand).resolves({});
  const outcome = await new Ec2Reverter(client).apply(plan, verdictFor(plan, LAUNCH), { purpose: 'fix' });
  return { outcome, writes: ec2.commandCalls(write as AnyCommand).length };
}

describe('Ec2Reverter: re-reads the resource a one-click fix writes', () => {
  it.each([
    ['the ENI still lacks exactly the one group', SET_GROUPS, [ENIS, eniWith('sg-app')], SET],
    ['the rule number is still free', CREATE_ENTRY, [NACLS, naclWith()], CREATE],
  ] as const)('applies the fix when %s', async (_, plan, read, write) => {
    // Act
    const { outcome, writes } = await applyFix(plan, read, write);

    // Assess
    expect(outcome).toMatchObject({ status: 'reverted', steps: [{ status: 'applied' }] });
    expect(writes).toBe(1);
  });

  it.each([
    ['the ENI already carries every group', SET_GROUPS, [ENIS, eniWith('sg-backend', 'sg-app')], SET],
    ['the same entry is already there', CREATE_ENTRY, [NACLS, naclWith(ENTRY_SDK)], CREATE],
  ] as const)('counts the fix as done, writing nothing, when %s', async (_, plan, read, write) => {
    // Act
    const { outcome, writes } = await applyFix(plan, read, write);

    // Assess
    expect(outcome).toMatchObject({ status: 'reverted', steps: [{ status: 'already' }] });
    expect(writes).toBe(0);
  });

  it.each([
    [
      'eni-1 now has [sg-other]; the fix was computed for another group list',
      SET_GROUPS,
      [ENIS, eniWith('sg-other')],
      SET,
    ],
    [
      'eni-1 now has [sg-app, sg-new]; the fix was computed for another group list',
      SET_GROUPS,
      [ENIS, eniWith('sg-app', 'sg-new')],
      SET,
    ],
    ['eni-1 no longer exists', SET_GROUPS, [ENIS, { NetworkInterfaces: [] }], SET],
    [
      'acl-1 egress rule #49 is now taken by #49 egress deny tcp 8080-8080 10.0.1.15/32; pick another number by hand',
      CREATE_ENTRY,
      [NACLS, naclWith({ ...ENTRY_SDK, RuleAction: 'deny' })],
      CREATE,
    ],
  ] as const)('skips as superseded when %s, writing nothing', async (reason, plan, read, write) => {
    // Act
    const { outcome, writes } = await applyFix(plan, read, write);

    // Assess
    expect(outcome).toEqual({ status: 'skipped', steps: [], reason: `superseded: ${reason}` });
    expect(writes).toBe(0);
  });

  it('authorizes an SG-to-SG rule without a re-read, and counts InvalidPermission.Duplicate as done', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    ec2.on(AuthorizeSecurityGroupIngressCommand).rejects(ec2Error('InvalidPermission.Duplicate'));
    const plan = planOf('AuthorizeSecurityGroupIngress', {
      GroupId: 'sg-backend',
      IpPermissions: [
        { IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, UserIdGroupPairs: [{ GroupId: 'sg-web' }] },
      ],
    });

    // Act
    const outcome = await new Ec2Reverter(client).apply(plan, verdictFor(plan, LAUNCH), { purpose: 'fix' });

    // Assess
    expect(outcome).toMatchObject({ status: 'reverted', steps: [{ status: 'already' }] });
    expect(ec2.calls().map((c) => c.args[0].constructor)).toEqual([AuthorizeSecurityGroupIngressCommand]);
  });

  it('fails without writing when the re-read itself fails', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    ec2.on(ENIS).rejects(ec2Error('RequestLimitExceeded', 503, 'Rate exceeded'));

    // Act
    const outcome = await new Ec2Reverter(client).apply(SET_GROUPS, verdictFor(SET_GROUPS, LAUNCH), {
      purpose: 'fix',
    });

    // Assess
    expect(outcome.status).toBe('failed');
    expect(outcome.reason).toMatch(/^could not re-read before applying the fix: RequestLimitExceeded/);
    expect(ec2.commandCalls(SET)).toHaveLength(0);
  });
});
