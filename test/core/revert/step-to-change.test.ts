import { describe, expect, it } from 'vitest';
import { revertStepToChange } from '../../../lambdas/core/revert/step-to-change';
import { fromGroup, tcp } from '../state/fixtures';

const step = (api: string, input: Record<string, unknown>) => ({
  api,
  input,
  iamAction: `ec2:${api}`,
  summary: '',
});

describe('revertStepToChange', () => {
  it('reads authorize and revoke steps back into rule changes', () => {
    // Prepare
    const perms = [
      {
        IpProtocol: 'tcp',
        FromPort: 22,
        ToPort: 22,
        IpRanges: [{ CidrIp: '10.0.0.0/8', Description: 'admin' }],
        UserIdGroupPairs: [{ GroupId: 'sg-app' }],
      },
    ];

    // Act
    const authorize = revertStepToChange(
      step('AuthorizeSecurityGroupIngress', { GroupId: 'sg-web', IpPermissions: perms }),
    );
    const revoke = revertStepToChange(
      step('RevokeSecurityGroupEgress', { GroupId: 'sg-web', SecurityGroupRuleIds: ['sgr-1'] }),
    );

    // Assess
    expect(authorize).toEqual({
      kind: 'sg-rules-added',
      groupId: 'sg-web',
      direction: 'ingress',
      rules: [tcp(22, '10.0.0.0/8', 'admin'), fromGroup(22, 'sg-app')],
    });
    expect(revoke).toEqual({
      kind: 'sg-rules-removed',
      groupId: 'sg-web',
      direction: 'egress',
      rules: [],
      ruleIds: ['sgr-1'],
    });
  });

  it('reads NACL and ENI steps back', () => {
    // Prepare
    const create = step('CreateNetworkAclEntry', {
      NetworkAclId: 'acl-a',
      RuleNumber: 5,
      Protocol: '6',
      RuleAction: 'deny',
      Egress: false,
      CidrBlock: '0.0.0.0/0',
      PortRange: { From: 22, To: 22 },
    });

    // Act
    const entry = revertStepToChange(create);
    const eni = revertStepToChange(
      step('ModifyNetworkInterfaceAttribute', { NetworkInterfaceId: 'eni-1', Groups: ['sg-a'] }),
    );

    // Assess
    expect(entry).toEqual({
      kind: 'nacl-entry-created',
      naclId: 'acl-a',
      entry: {
        ruleNumber: 5,
        egress: false,
        protocol: 'tcp',
        action: 'deny',
        cidr: '0.0.0.0/0',
        portRange: { from: 22, to: 22 },
      },
    });
    expect(eni).toEqual({ kind: 'eni-groups-set', eniId: 'eni-1', groupIds: ['sg-a'] });
  });

  it('returns undefined for an unknown API or a malformed input', () => {
    // Prepare
    const unknown = step('DeleteSecurityGroup', { GroupId: 'sg-1' });
    const malformed = step('CreateNetworkAclEntry', {
      NetworkAclId: 'acl-a',
      RuleNumber: 'five',
      Egress: false,
    });

    // Act
    const results = [revertStepToChange(unknown), revertStepToChange(malformed)];

    // Assess
    expect(results).toEqual([undefined, undefined]);
  });
});
