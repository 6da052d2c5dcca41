import { beforeAll, describe, expect, it } from 'vitest';
import type { GuardianConfig } from '../../../lambdas/core/config/schema';
import type { NetworkModel } from '../../../lambdas/core/model/types';
import { judgePlan } from '../../../lambdas/core/plan/judge-plan';
import { loadExamples } from '../../support/examples';
import { judged, netKinds, planOf, resourceChange, vpcRule } from './plan-builders';

let model: NetworkModel;
let config: GuardianConfig;

beforeAll(async () => {
  ({ model, config } = await loadExamples());
});

const FROM_NGINX = vpcRule({
  from_port: 8080,
  to_port: 8080,
  referenced_security_group_id: 'sg-0nginx456',
  id: 'sgr-0backendi00',
});
const UNKNOWN_IDS = { arn: true, id: true, security_group_rule_id: true };

describe('preflight: aws_vpc_security_group_ingress_rule / _egress_rule', () => {
  it('reports 8080 opened to the world by a new ingress rule as high exposure', () => {
    // Prepare
    const after = vpcRule({ from_port: 8080, to_port: 8080, cidr_ipv4: '0.0.0.0/0' });
    const plan = planOf(
      resourceChange('aws_vpc_security_group_ingress_rule.debug', ['create'], null, after, UNKNOWN_IDS),
    );

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(report.net.findings).toMatchObject([
      {
        ruleId: 'SG-EXPOSURE-INTERNAL-APP',
        severity: 'high',
        ports: [{ from: 8080, to: 8080 }],
        addresses: ['aws_vpc_security_group_ingress_rule.debug'],
      },
    ]);
  });

  it('judges an in-place update as the old rule removed and the new one added', () => {
    // Prepare
    const moved = { ...FROM_NGINX, from_port: 8081, to_port: 8081 };
    const plan = planOf(
      resourceChange('aws_vpc_security_group_ingress_rule.from_nginx', ['update'], FROM_NGINX, moved),
    );

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(report.resources[0]?.ops.map((o) => (o.op === 'change' ? o.change.kind : o.op))).toEqual([
      'sg-rules-added',
      'sg-rules-removed',
    ]);
    expect(netKinds(report)).toEqual(['dependency-broken:nginx-to-backend']);
  });

  it('reads an egress rule as egress, with all traffic for ip_protocol -1', () => {
    // Prepare
    const all = vpcRule({ ip_protocol: '-1', cidr_ipv4: '0.0.0.0/0' });
    const plan = planOf(
      resourceChange(
        'aws_vpc_security_group_egress_rule.all',
        ['delete'],
        { ...all, security_group_id: 'sg-0nginx456' },
        null,
      ),
    );

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(report.resources[0]?.ops[0]).toMatchObject({
      change: {
        kind: 'sg-rules-removed',
        groupId: 'sg-0nginx456',
        direction: 'egress',
        rules: [{ protocol: '-1', fromPort: -1, toPort: -1 }],
      },
    });
    expect(netKinds(report)).toEqual(['dependency-broken:nginx-to-backend']);
  });

  it('cannot judge a rule that references a group known only after apply', () => {
    // Prepare
    const after = vpcRule({ from_port: 8080, to_port: 8080 });
    const plan = planOf(
      resourceChange(
        'aws_vpc_security_group_ingress_rule.from_new',
        ['create'],
        null,
        after,
        { ...UNKNOWN_IDS, referenced_security_group_id: true },
      ),
    );

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(report.cannotJudge).toEqual([
      {
        address: 'aws_vpc_security_group_ingress_rule.from_new',
        attribute: 'referenced_security_group_id',
        reason: 'referenced_security_group_id is known only after apply',
      },
    ]);
  });

  it('fails on a rule that names two peers', () => {
    // Prepare
    const after = vpcRule({
      from_port: 1,
      to_port: 1,
      cidr_ipv4: '10.0.0.0/8',
      prefix_list_id: 'pl-0corpvpn1',
    });
    const plan = planOf(resourceChange('aws_vpc_security_group_ingress_rule.two', ['create'], null, after));

    // Act
    const result = judgePlan({ plan, model, config });

    // Assess
    expect(!result.ok && result.issue.reason).toBe(
      'the rule names more than one peer (cidr_ipv4, prefix_list_id)',
    );
  });
});
