import { beforeAll, describe, expect, it } from 'vitest';
import type { GuardianConfig } from '../../../lambdas/core/config/schema';
import type { NetworkModel } from '../../../lambdas/core/model/types';
import { judgePlan } from '../../../lambdas/core/plan/judge-plan';
import { loadExamples } from '../../support/examples';
import { judged, netKinds, planOf, resourceChange, sgRule } from './plan-builders';

let model: NetworkModel;
let config: GuardianConfig;

beforeAll(async () => {
  ({ model, config } = await loadExamples());
});

const SSH_WORLD = sgRule({
  from_port: 22,
  to_port: 22,
  cidr_blocks: ['0.0.0.0/0'],
  ipv6_cidr_blocks: ['::/0'],
});
const CACHE_SELF = sgRule({ security_group_id: 'sg-0cache321', from_port: 6379, to_port: 6379, self: true });

describe('preflight: aws_security_group_rule', () => {
  it('reports a created CIDR rule as world exposure, its planned-unknown source_security_group_id notwithstanding', () => {
    // Prepare
    const plan = planOf(
      resourceChange('aws_security_group_rule.ssh', ['create'], null, SSH_WORLD, {
        id: true,
        security_group_rule_id: true,
        source_security_group_id: true,
      }),
    );

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(report.cannotJudge).toEqual([]);
    expect(report.net.findings).toMatchObject([
      { ruleId: 'SG-EXPOSURE-ADMIN', severity: 'critical', addresses: ['aws_security_group_rule.ssh'] },
    ]);
  });

  it('reports a deleted self-referencing rule as the dependency it breaks', () => {
    // Prepare
    const plan = planOf(resourceChange('aws_security_group_rule.cache_peers', ['delete'], CACHE_SELF, null));

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(netKinds(report)).toEqual(['dependency-broken:cache-cluster']);
  });

  it('cannot judge a rule whose group or source is known only after apply, and reports the attribute', () => {
    // Prepare
    const after = sgRule({
      from_port: 8080,
      to_port: 8080,
      security_group_id: null,
      source_security_group_id: null,
    });
    const plan = planOf(
      resourceChange('aws_security_group_rule.from_new', ['create'], null, after, {
        security_group_id: true,
        source_security_group_id: true,
      }),
    );

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(report.verdict).toBe('cannot-judge');
    expect(report.cannotJudge.map((c) => `${c.address}.${c.attribute}`)).toEqual([
      'aws_security_group_rule.from_new.security_group_id',
      'aws_security_group_rule.from_new.source_security_group_id',
    ]);
  });

  it('still applies the removal half of a replacement whose new half is unknown', () => {
    // Prepare
    const plan = planOf(
      resourceChange('aws_security_group_rule.cache_peers', ['delete', 'create'], CACHE_SELF, { ...CACHE_SELF, security_group_id: null }, {
        security_group_id: true,
      }),
    );

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(report.verdict).toBe('violation');
    expect(netKinds(report)).toEqual(['dependency-broken:cache-cluster']);
    expect(report.cannotJudge).toHaveLength(1);
  });

  it('changes nothing when a replacement keeps the same protocol, ports and peers', () => {
    // Prepare
    const plan = planOf(
      resourceChange(
        'aws_security_group_rule.cache_peers',
        ['create', 'delete'],
        CACHE_SELF,
        { ...CACHE_SELF, description: 'new' },
      ),
    );

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(report.resources[0]?.ops).toEqual([]);
    expect(report.verdict).toBe('ok');
  });

  it('normalises protocol numbers and all-traffic rules to the form the snapshot uses', () => {
    // Prepare
    const all = sgRule({
      protocol: '-1',
      from_port: 0,
      to_port: 0,
      type: 'egress',
      cidr_blocks: ['0.0.0.0/0'],
    });
    const plan = planOf(resourceChange('aws_security_group_rule.egress_all', ['delete'], all, null));

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(report.resources[0]?.notes).toEqual([]);
    expect(report.resources[0]?.ops[0]).toMatchObject({
      change: {
        kind: 'sg-rules-removed',
        direction: 'egress',
        rules: [{ protocol: '-1', fromPort: -1, toPort: -1 }],
      },
    });
  });

  it('fails on a rule without any peer, naming the resource change', () => {
    // Prepare
    const plan = planOf(
      resourceChange('aws_security_group_rule.empty', ['create'], null, sgRule({ from_port: 1, to_port: 2 })),
    );

    // Act
    const result = judgePlan({ plan, model, config });

    // Assess
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issue).toEqual({
      path: '$.resource_changes[0].change.after',
      reason: 'the rule names no peer (cidr_blocks, ipv6_cidr_blocks, prefix_list_ids, source_security_group_id or self)',
    });
  });

  it('fails with the path of a CIDR that is not one', () => {
    // Prepare
    const plan = planOf(
      resourceChange(
        'aws_security_group_rule.bad',
        ['create'],
        null,
        sgRule({ from_port: 1, to_port: 2, cidr_blocks: ['10.0.0.0/33'] }),
      ),
    );

    // Act
    const result = judgePlan({ plan, model, config });

    // Assess
    expect(!result.ok && result.issue.path).toBe('$.resource_changes[0].change.after.cidr_blocks[0]');
  });
});
