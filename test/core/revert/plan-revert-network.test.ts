import { describe, expect, it } from 'vitest';
import type { Change } from '../../../lambdas/core/events/types';
import { planRevert } from '../../../lambdas/core/revert/plan';
import { REVERT_IAM_ACTIONS } from '../../../lambdas/core/revert/steps';
import { applyChange } from '../../../lambdas/core/state/apply-change';
import { deriveStates } from '../../../lambdas/core/state/derive';
import { entry, fromGroup, smallModel, tcp } from '../state/fixtures';
import { planFromAfter, planFromBefore } from './plan-helpers';

describe('planRevert for ENIs and NACLs', () => {
  it('sets the prior groups back on an ENI, or says they are unknown', () => {
    // Prepare
    const change: Change = { kind: 'eni-groups-set', eniId: 'eni-app', groupIds: ['sg-db'] };

    // Act
    const fromBefore = planFromBefore(change);
    const fromAfter = planFromAfter(change);

    // Assess
    expect(fromBefore.steps).toEqual([
      {
        api: 'ModifyNetworkInterfaceAttribute',
        input: { NetworkInterfaceId: 'eni-app', Groups: ['sg-app'] },
        iamAction: 'ec2:ModifyNetworkInterfaceAttribute',
        summary: 'Set the groups of eni-app back to sg-app',
      },
    ]);
    expect(fromAfter.status).toBe('unknown-prior');
  });

  it('deletes a created NACL entry', () => {
    // Prepare
    const change: Change = {
      kind: 'nacl-entry-created',
      naclId: 'acl-a',
      entry: entry(50, true, 443, 'deny'),
    };

    // Act
    const plan = planFromAfter(change);

    // Assess
    expect(plan.steps).toEqual([
      {
        api: 'DeleteNetworkAclEntry',
        input: { NetworkAclId: 'acl-a', RuleNumber: 50, Egress: true },
        iamAction: 'ec2:DeleteNetworkAclEntry',
        summary: 'Delete entry #50 egress deny tcp 443-443 0.0.0.0/0 from acl-a',
      },
    ]);
  });

  it('replaces a replaced entry with its prior content, protocol as a number', () => {
    // Prepare
    const change: Change = {
      kind: 'nacl-entry-replaced',
      naclId: 'acl-b',
      entry: entry(100, false, 8080, 'deny'),
    };

    // Act
    const plan = planFromBefore(change);

    // Assess
    expect(plan.steps[0]).toMatchObject({
      api: 'ReplaceNetworkAclEntry',
      input: {
        NetworkAclId: 'acl-b',
        RuleNumber: 100,
        Protocol: '6',
        RuleAction: 'allow',
        Egress: false,
        CidrBlock: '0.0.0.0/0',
        PortRange: { From: 8080, To: 8080 },
      },
    });
  });

  it('re-creates a deleted entry with ICMP type and IPv6 CIDR', () => {
    // Prepare
    const icmp = {
      ruleNumber: 70,
      egress: false,
      protocol: 'icmpv6',
      action: 'allow' as const,
      cidr: '::/0',
      icmpTypeCode: { type: 128, code: 0 },
    };
    const model = applyChange(smallModel(), {
      kind: 'nacl-entry-created',
      naclId: 'acl-a',
      entry: icmp,
    }).model;
    const change: Change = { kind: 'nacl-entry-deleted', naclId: 'acl-a', ruleNumber: 70, egress: false };

    // Act
    const plan = planRevert(change, deriveStates(model, change));

    // Assess
    expect(plan.steps[0]).toEqual({
      api: 'CreateNetworkAclEntry',
      input: {
        NetworkAclId: 'acl-a',
        RuleNumber: 70,
        Protocol: '58',
        RuleAction: 'allow',
        Egress: false,
        Ipv6CidrBlock: '::/0',
        IcmpTypeCode: { Code: 0, Type: 128 },
      },
      iamAction: 'ec2:CreateNetworkAclEntry',
      summary: 'Re-create entry #70 ingress allow icmpv6 ::/0 of acl-a',
    });
  });

  it('cannot re-create an entry deleted before the snapshot', () => {
    // Prepare
    const change: Change = { kind: 'nacl-entry-deleted', naclId: 'acl-a', ruleNumber: 100, egress: true };

    // Act
    const plan = planFromAfter(change);

    // Assess
    expect(plan).toMatchObject({ status: 'unknown-prior', steps: [] });
  });

  it('moves a subnet back to its prior NACL through the new association id', () => {
    // Prepare
    const change: Change = {
      kind: 'nacl-association-replaced',
      associationId: 'assoc-a',
      naclId: 'acl-b',
      newAssociationId: 'assoc-new',
    };

    // Act
    const plan = planFromBefore(change);

    // Assess
    expect(plan.steps).toEqual([
      {
        api: 'ReplaceNetworkAclAssociation',
        input: { AssociationId: 'assoc-new', NetworkAclId: 'acl-a' },
        iamAction: 'ec2:ReplaceNetworkAclAssociation',
        summary: 'Associate subnet subnet-a with acl-a again (replacing assoc-new)',
      },
    ]);
  });

  it('cannot move a subnet back without the new association id', () => {
    // Prepare
    const change: Change = { kind: 'nacl-association-replaced', associationId: 'assoc-a', naclId: 'acl-b' };

    // Act
    const plan = planFromBefore(change);

    // Assess
    expect(plan.status).toBe('unknown-prior');
    expect(plan.reason).toContain('new association id is unknown');
  });

  it('uses only IAM actions listed in REVERT_IAM_ACTIONS', () => {
    // Prepare
    const changes: Change[] = [
      { kind: 'sg-rules-added', groupId: 'sg-web', direction: 'egress', rules: [tcp(1, '0.0.0.0/0')] },
      {
        kind: 'sg-rules-removed',
        groupId: 'sg-web',
        direction: 'egress',
        rules: [fromGroup(8080, 'sg-app')],
        ruleIds: [],
      },
      {
        kind: 'sg-rules-modified',
        groupId: 'sg-web',
        updates: [{ ruleId: 'sgr-ssh', rule: tcp(23, '0.0.0.0/0') }],
      },
      { kind: 'eni-groups-set', eniId: 'eni-web', groupIds: [] },
      { kind: 'nacl-entry-created', naclId: 'acl-a', entry: entry(1, false, 1) },
      { kind: 'nacl-entry-replaced', naclId: 'acl-a', entry: entry(100, false, 1) },
      { kind: 'nacl-entry-deleted', naclId: 'acl-a', ruleNumber: 100, egress: false },
      {
        kind: 'nacl-association-replaced',
        associationId: 'assoc-a',
        naclId: 'acl-b',
        newAssociationId: 'assoc-n',
      },
    ];

    // Act
    const steps = changes.flatMap((c) => planFromBefore(c).steps);

    // Assess
    expect(steps).toHaveLength(8);
    for (const step of steps) expect(REVERT_IAM_ACTIONS).toContain(step.iamAction);
  });
});
