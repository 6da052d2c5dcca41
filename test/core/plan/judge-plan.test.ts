import { beforeAll, describe, expect, it } from 'vitest';
import type { GuardianConfig } from '../../../lambdas/core/config/schema';
import type { NetworkModel } from '../../../lambdas/core/model/types';
import { judgePlan } from '../../../lambdas/core/plan/judge-plan';
import { applyChange } from '../../../lambdas/core/state/apply-change';
import { loadExamples } from '../../support/examples';
import {
  ALL_OUT,
  eni,
  judged,
  NGINX_8080,
  naclRule,
  netKinds,
  planOf,
  resourceChange,
  securityGroup,
  sgRule,
  vpcRule,
} from './plan-builders';

let model: NetworkModel;
let config: GuardianConfig;

beforeAll(async () => {
  ({ model, config } = await loadExamples());
});

const backend = (ingress: Record<string, unknown>[]) =>
  securityGroup('sg-0backend123', 'backend', ingress, [ALL_OUT]);
const FROM_NGINX = vpcRule({ from_port: 8080, to_port: 8080, referenced_security_group_id: 'sg-0nginx456' });

describe('preflight: the whole plan', () => {
  it('keeps a rule that moves from an inline block to its own resource, and marks the gap as transient', () => {
    // Prepare
    const plan = planOf(
      resourceChange(
        'aws_vpc_security_group_ingress_rule.from_nginx',
        ['create'],
        null,
        FROM_NGINX,
        { id: true },
      ),
      resourceChange('aws_security_group.backend', ['update'], backend([NGINX_8080]), backend([])),
    );

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(report.verdict).toBe('ok');
    expect(report.resources.map((r) => r.address)).toEqual([
      'aws_security_group.backend',
      'aws_vpc_security_group_ingress_rule.from_nginx',
    ]);
    expect(report.resources[0]?.findings).toMatchObject([
      { dependency: 'nginx-to-backend', transient: true },
    ]);
  });

  it('keeps a rule that one change removes and an earlier one adds', () => {
    // Prepare
    const at9000 = sgRule({ from_port: 9000, to_port: 9000, source_security_group_id: 'sg-0nginx456' });
    const at8080 = { ...at9000, from_port: 8080, to_port: 8080 };
    const plan = planOf(
      resourceChange(
        'aws_vpc_security_group_ingress_rule.from_nginx',
        ['update'],
        FROM_NGINX,
        { ...FROM_NGINX, from_port: 8081, to_port: 8081 },
      ),
      resourceChange('aws_security_group_rule.a_nginx', ['delete', 'create'], at9000, at8080),
    );

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(report.resources.map((r) => r.address)).toEqual([
      'aws_security_group_rule.a_nginx',
      'aws_vpc_security_group_ingress_rule.from_nginx',
    ]);
    expect(report.resources[1]?.notes).toContain(
      'sg-0backend123: ingress rule tcp 8080 from sg-0nginx456 stays: aws_security_group_rule.a_nginx declares it',
    );
    expect(report.verdict).toBe('ok');
  });

  it('applies changes in the same order whatever the order of resource_changes', () => {
    // Prepare
    const changes = [
      resourceChange(
        'aws_network_interface.app',
        ['update'],
        eni(),
        eni({ security_groups: ['sg-0legacy789'] }),
      ),
      resourceChange(
        'aws_security_group_rule.ssh',
        ['create'],
        null,
        sgRule({ from_port: 22, to_port: 22, cidr_blocks: ['0.0.0.0/0'] }),
      ),
      resourceChange('aws_network_acl_rule.app_egress_100', ['delete'], naclRule(), null),
      resourceChange('aws_security_group.backend', ['update'], backend([NGINX_8080]), backend([])),
    ];

    // Act
    const forward = judged(planOf(...changes), model, config);
    const backward = judged(planOf(...[...changes].reverse()), model, config);

    // Assess
    expect(backward).toEqual(forward);
    expect(forward.resources.map((r) => r.address)).toEqual([
      'aws_network_acl_rule.app_egress_100',
      'aws_security_group.backend',
      'aws_network_interface.app',
      'aws_security_group_rule.ssh',
    ]);
  });

  it('reports the net effect: each broken dependency once, with every resource that breaks it', () => {
    // Prepare
    const plan = planOf(
      resourceChange('aws_network_acl_rule.app_egress_100', ['delete'], naclRule(), null),
      resourceChange('aws_security_group.backend', ['update'], backend([NGINX_8080]), backend([])),
    );

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(netKinds(report)).toEqual(['dependency-broken:nginx-to-backend']);
    expect(report.net.findings[0]?.addresses).toEqual(['aws_network_acl_rule.app_egress_100']);
    expect(report.net.findings[0]?.blockedBy).toEqual(expect.arrayContaining(['sg-ingress', 'nacl-return']));
  });

  it('leaves out no-op, read, data sources and resource types without network effect', () => {
    // Prepare
    const bucket = { bucket: 'logs' };
    const plan = planOf(
      resourceChange('aws_s3_bucket.logs', ['create'], null, bucket),
      resourceChange('aws_security_group.backend', ['no-op'], backend([NGINX_8080]), backend([NGINX_8080])),
      { ...resourceChange('aws_security_group.looked_up', ['read'], null, backend([])), mode: 'data' },
    );

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(report).toMatchObject({ verdict: 'ok', resources: [], skipped: 3 });
  });

  it('judges a change to the groups of an aws_instance as the groups of its primary ENI, never as fine', () => {
    // Prepare
    const before = { id: 'i-0backend1', vpc_security_group_ids: ['sg-0backend123'] };
    const plan = planOf(
      resourceChange(
        'aws_instance.backend',
        ['update'],
        before,
        { ...before, vpc_security_group_ids: ['sg-0legacy789'] },
      ),
    );

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(report.resources[0]?.ops).toEqual([
      {
        op: 'change',
        change: { kind: 'instance-groups-set', instanceId: 'i-0backend1', groupIds: ['sg-0legacy789'] },
      },
    ]);
    // Without describe-instances.json the instance is unknown: cannot judge; with it, a broken dependency.
    expect(report.verdict).not.toBe('ok');
  });

  it('reports dependencies already broken in the snapshot apart from what the plan causes', () => {
    // Prepare
    const withoutNginxRule = applyChange(model, {
      kind: 'sg-rules-removed',
      groupId: 'sg-0backend123',
      direction: 'ingress',
      rules: [
        { protocol: 'tcp', fromPort: 8080, toPort: 8080, peer: { kind: 'sg', groupId: 'sg-0nginx456' } },
      ],
      ruleIds: [],
    }).model;
    const plan = planOf(resourceChange('aws_network_acl_rule.app_egress_100', ['delete'], naclRule(), null));

    // Act
    const report = judged(plan, withoutNginxRule, config);

    // Assess
    expect(report.net.findings).toEqual([]);
    expect(report.net.preexisting.map((f) => f.dependency)).toEqual(['nginx-to-backend']);
  });
});

describe('preflight: reading the plan', () => {
  it.each([
    [[], '$', 'expected a terraform show -json plan (an object), got an array'],
    [{ resource_changes: [] }, '$.format_version', 'missing (not terraform show -json output)'],
    [
      { format_version: '1.0', values: {} },
      '$.resource_changes',
      'missing: this is a state, not a plan (terraform show -json PLANFILE)',
    ],
    [{ format_version: '1.2', resource_changes: {} }, '$.resource_changes', 'expected a list, got an object'],
    [
      { format_version: '1.2', resource_changes: [{ address: 'a.b', type: 'a' }] },
      '$.resource_changes[0].change',
      'missing',
    ],
    [
      {
        format_version: '1.2',
        resource_changes: [{ address: 'a.b', type: 'a', change: { actions: ['update', 'create'] } }],
      },
      '$.resource_changes[0].change.actions',
      'unknown actions "update,create" (expected create, update, delete, delete+create, create+delete, no-op, read or forget)',
    ],
    [
      { format_version: '1.2', resource_changes: [{ address: 'a.b', type: 'a', change: { actions: [7] } }] },
      '$.resource_changes[0].change.actions[0]',
      'expected a string, got 7',
    ],
  ])('fails on %j at %s', (plan, path, reason) => {
    // Act
    const result = judgePlan({ plan, model, config });

    // Assess
    expect(result).toEqual({ ok: false, issue: { path, reason } });
  });

  it('reads a plan without resource_changes (nothing to change) as ok', () => {
    // Act
    const report = judged({ format_version: '1.2', planned_values: {} }, model, config);

    // Assess
    expect(report).toMatchObject({ verdict: 'ok', resources: [], skipped: 0 });
  });
});
