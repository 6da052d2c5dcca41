import { describe, expect, it } from 'vitest';
import type { Change } from '../../../lambdas/core/events/types';
import { planRevert } from '../../../lambdas/core/revert/plan';
import { applyChange } from '../../../lambdas/core/state/apply-change';
import { deriveStates } from '../../../lambdas/core/state/derive';
import { fromGroup, smallModel, tcp } from '../state/fixtures';
import { planFromAfter, planFromBefore } from './plan-helpers';

describe('planRevert for security group rules', () => {
  it('revokes exactly the rule ids an authorize added', () => {
    // Prepare
    const change: Change = {
      kind: 'sg-rules-added',
      groupId: 'sg-web',
      direction: 'ingress',
      rules: [
        { ...tcp(22, '0.0.0.0/0'), ruleId: 'sgr-a' },
        { ...tcp(3389, '0.0.0.0/0'), ruleId: 'sgr-b' },
      ],
    };

    // Act
    const plan = planFromAfter(change);

    // Assess
    expect(plan).toEqual({
      status: 'ready',
      steps: [
        {
          api: 'RevokeSecurityGroupIngress',
          input: { GroupId: 'sg-web', SecurityGroupRuleIds: ['sgr-a', 'sgr-b'] },
          iamAction: 'ec2:RevokeSecurityGroupIngress',
          summary: 'Revoke ingress rule(s) sgr-a, sgr-b from sg-web',
        },
      ],
    });
  });

  it('takes added rule ids from the after state when the event has none', () => {
    // Prepare
    const change: Change = {
      kind: 'sg-rules-added',
      groupId: 'sg-web',
      direction: 'egress',
      rules: [tcp(5432, '10.0.0.0/16')],
    };
    const snapshot = applyChange(smallModel(), {
      ...change,
      rules: [{ ...tcp(5432, '10.0.0.0/16'), ruleId: 'sgr-pg' }],
    }).model;

    // Act
    const plan = planRevert(change, deriveStates(snapshot, change));

    // Assess
    expect(plan.steps[0]?.api).toBe('RevokeSecurityGroupEgress');
    expect(plan.steps[0]?.input).toEqual({ GroupId: 'sg-web', SecurityGroupRuleIds: ['sgr-pg'] });
  });

  it('revokes by exact IpPermissions when rule ids are unknown', () => {
    // Prepare
    const change: Change = {
      kind: 'sg-rules-added',
      groupId: 'sg-web',
      direction: 'ingress',
      rules: [tcp(8443, '0.0.0.0/0', 'tmp'), tcp(8443, '::/0'), fromGroup(8443, 'sg-app')],
    };

    // Act
    const plan = planFromBefore(change);

    // Assess
    expect(plan.steps[0]?.input).toEqual({
      GroupId: 'sg-web',
      IpPermissions: [
        {
          IpProtocol: 'tcp',
          FromPort: 8443,
          ToPort: 8443,
          IpRanges: [{ CidrIp: '0.0.0.0/0' }],
          Ipv6Ranges: [{ CidrIpv6: '::/0' }],
          UserIdGroupPairs: [{ GroupId: 'sg-app' }],
        },
      ],
    });
  });

  it('re-authorizes removed rules with their descriptions from the prior state', () => {
    // Prepare
    const change: Change = {
      kind: 'sg-rules-removed',
      groupId: 'sg-web',
      direction: 'ingress',
      rules: [tcp(22, '10.0.0.0/8'), tcp(443, '0.0.0.0/0')],
      ruleIds: [],
    };

    // Act
    const plan = planFromBefore(change);

    // Assess
    expect(plan.status).toBe('ready');
    expect(plan.steps).toEqual([
      {
        api: 'AuthorizeSecurityGroupIngress',
        input: {
          GroupId: 'sg-web',
          IpPermissions: [
            {
              IpProtocol: 'tcp',
              FromPort: 22,
              ToPort: 22,
              IpRanges: [{ CidrIp: '10.0.0.0/8', Description: 'admin' }],
            },
            { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
          ],
        },
        iamAction: 'ec2:AuthorizeSecurityGroupIngress',
        summary: 'Re-authorize tcp 22 from 10.0.0.0/8, tcp 443 from 0.0.0.0/0 on sg-web',
      },
    ]);
  });

  it('re-authorizes rules removed by id from the revoked content of an after-snapshot', () => {
    // Prepare
    const change: Change = {
      kind: 'sg-rules-removed',
      groupId: 'sg-web',
      direction: 'egress',
      rules: [],
      ruleIds: ['sgr-toapp'],
      revoked: [{ ...fromGroup(8080, 'sg-app'), description: 'app', ruleId: 'sgr-toapp' }],
    };

    // Act
    const plan = planFromAfter(change);

    // Assess
    expect(plan.steps[0]).toMatchObject({
      api: 'AuthorizeSecurityGroupEgress',
      input: {
        GroupId: 'sg-web',
        IpPermissions: [
          {
            IpProtocol: 'tcp',
            FromPort: 8080,
            ToPort: 8080,
            UserIdGroupPairs: [{ GroupId: 'sg-app', Description: 'app' }],
          },
        ],
      },
    });
  });

  it('re-authorizes a removed rule even when the other direction has the same spec', () => {
    // Prepare
    const sameAsEgress = fromGroup(8080, 'sg-app');
    const model = applyChange(smallModel(), {
      kind: 'sg-rules-added',
      groupId: 'sg-web',
      direction: 'ingress',
      rules: [sameAsEgress],
    }).model;
    const change: Change = {
      kind: 'sg-rules-removed',
      groupId: 'sg-web',
      direction: 'ingress',
      rules: [sameAsEgress],
      ruleIds: [],
    };

    // Act
    const plan = planRevert(change, deriveStates(model, change));

    // Assess
    expect(plan.steps.map((s) => s.api)).toEqual(['AuthorizeSecurityGroupIngress']);
  });

  it('gives no steps, never a guess, when removed rules are unknown', () => {
    // Prepare
    const change: Change = {
      kind: 'sg-rules-removed',
      groupId: 'sg-web',
      direction: 'ingress',
      rules: [],
      ruleIds: ['sgr-gone'],
    };

    // Act
    const plan = planFromBefore(change);

    // Assess
    expect(plan).toEqual({
      status: 'unknown-prior',
      steps: [],
      reason: 'content of revoked rule(s) sgr-gone unknown: not in the snapshot or the event',
    });
  });

  it('restores modified rules to their prior content', () => {
    // Prepare
    const change: Change = {
      kind: 'sg-rules-modified',
      groupId: 'sg-web',
      updates: [{ ruleId: 'sgr-ssh', rule: tcp(22, '0.0.0.0/0', 'oops') }],
    };

    // Act
    const plan = planFromBefore(change);

    // Assess
    expect(plan.steps).toEqual([
      {
        api: 'ModifySecurityGroupRules',
        input: {
          GroupId: 'sg-web',
          SecurityGroupRules: [
            {
              SecurityGroupRuleId: 'sgr-ssh',
              SecurityGroupRule: {
                IpProtocol: 'tcp',
                FromPort: 22,
                ToPort: 22,
                CidrIpv4: '10.0.0.0/8',
                Description: 'admin',
              },
            },
          ],
        },
        iamAction: 'ec2:ModifySecurityGroupRules',
        summary: 'Restore rule(s) sgr-ssh of sg-web to their prior content',
      },
    ]);
  });

  it('cannot restore a modified rule seen only after the change', () => {
    // Prepare
    const change: Change = {
      kind: 'sg-rules-modified',
      groupId: 'sg-web',
      updates: [{ ruleId: 'sgr-ssh', rule: tcp(22, '0.0.0.0/0') }],
    };

    // Act
    const plan = planFromAfter(change);

    // Assess
    expect(plan.status).toBe('unknown-prior');
    expect(plan.steps).toEqual([]);
    expect(plan.reason).toContain('prior content is unknown');
  });
});
