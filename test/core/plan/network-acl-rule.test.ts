import { beforeAll, describe, expect, it } from 'vitest';
import type { GuardianConfig } from '../../../lambdas/core/config/schema';
import type { NetworkModel } from '../../../lambdas/core/model/types';
import { judgePlan } from '../../../lambdas/core/plan/judge-plan';
import { loadExamples } from '../../support/examples';
import { judged, naclRule, netKinds, planOf, resourceChange } from './plan-builders';

let model: NetworkModel;
let config: GuardianConfig;

beforeAll(async () => {
  ({ model, config } = await loadExamples());
});

const TIGHTENED = naclRule({ cidr_block: '0.0.0.0/0', from_port: 443, to_port: 443, id: null });

describe('preflight: aws_network_acl_rule', () => {
  it('reports an egress entry replaced under the same number as a broken return path (ephemeral ports)', () => {
    // Prepare
    const plan = planOf(
      resourceChange(
        'aws_network_acl_rule.app_egress_100',
        ['delete', 'create'],
        naclRule(),
        TIGHTENED,
        { id: true },
      ),
    );

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(report.resources[0]?.ops).toMatchObject([
      {
        change: {
          kind: 'nacl-entry-replaced',
          naclId: 'acl-0app1',
          entry: { ruleNumber: 100, egress: true, portRange: { from: 443, to: 443 } },
        },
      },
    ]);
    expect(report.net.findings).toMatchObject([
      { dependency: 'nginx-to-backend', blockedBy: ['nacl-return'] },
    ]);
  });

  it('reports a deleted entry the traffic needed', () => {
    // Prepare
    const plan = planOf(resourceChange('aws_network_acl_rule.app_egress_100', ['delete'], naclRule(), null));

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(netKinds(report)).toEqual(['dependency-broken:nginx-to-backend']);
    expect(report.net.findings[0]?.blockedBy).toEqual(['nacl-return']);
  });

  it('reports a created deny entry that shadows the allow rules after it', () => {
    // Prepare
    const deny = naclRule({
      egress: false,
      rule_number: 50,
      protocol: '-1',
      rule_action: 'deny',
      cidr_block: '10.0.1.0/24',
      from_port: 0,
      to_port: 0,
    });
    const plan = planOf(
      resourceChange('aws_network_acl_rule.block_web', ['create'], null, deny, { id: true }),
    );

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(report.resources[0]?.ops[0]).toMatchObject({
      change: { kind: 'nacl-entry-created', entry: { protocol: '-1', action: 'deny' } },
    });
    expect(report.resources[0]?.ops[0]).not.toHaveProperty('change.entry.portRange');
    expect(netKinds(report)).toEqual(['dependency-broken:nginx-to-backend']);
  });

  it('moves an entry to another number as a delete and a create', () => {
    // Prepare
    const plan = planOf(
      resourceChange(
        'aws_network_acl_rule.app_egress',
        ['delete', 'create'],
        naclRule(),
        naclRule({ rule_number: 105 }),
      ),
    );

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(
      report.resources[0]?.ops.map((o) => (o.op === 'change' ? o.change.kind : o.op)),
    ).toEqual(['nacl-entry-deleted', 'nacl-entry-created']);
    expect(report.verdict).toBe('ok');
  });

  it('cannot judge an entry of a NACL created in the same plan', () => {
    // Prepare
    const plan = planOf(
      resourceChange(
        'aws_network_acl_rule.new',
        ['create'],
        null,
        naclRule({ network_acl_id: null }),
        { network_acl_id: true },
      ),
    );

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(report.cannotJudge).toMatchObject([
      { address: 'aws_network_acl_rule.new', attribute: 'network_acl_id' },
    ]);
  });

  it('cannot judge an entry of a NACL the snapshot does not have', () => {
    // Prepare
    const plan = planOf(
      resourceChange(
        'aws_network_acl_rule.other',
        ['create'],
        null,
        naclRule({ network_acl_id: 'acl-0other' }),
      ),
    );

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(report.cannotJudge).toEqual([
      { address: 'aws_network_acl_rule.other', reason: 'network ACL acl-0other is not in the snapshot' },
    ]);
  });

  it('fails with the path of an unknown rule action', () => {
    // Prepare
    const plan = planOf(
      resourceChange('aws_network_acl_rule.bad', ['create'], null, naclRule({ rule_action: 'permit' })),
    );

    // Act
    const result = judgePlan({ plan, model, config });

    // Assess
    expect(!result.ok && result.issue).toEqual({
      path: '$.resource_changes[0].change.after.rule_action',
      reason: 'expected allow or deny, got "permit"',
    });
  });
});
