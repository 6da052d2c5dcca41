import { beforeAll, describe, expect, it } from 'vitest';
import type { GuardianConfig } from '../../../lambdas/core/config/schema';
import type { NetworkModel } from '../../../lambdas/core/model/types';
import { loadExamples } from '../../support/examples';
import { ALL_OUT, judged, NGINX_8080, planOf, resourceChange, securityGroup, vpcRule } from './plan-builders';

let model: NetworkModel;
let config: GuardianConfig;

beforeAll(async () => {
  ({ model, config } = await loadExamples());
});

type Json = Record<string, unknown>;

const backend = (ingress: Json[]) => securityGroup('sg-0backend123', 'backend', ingress, [ALL_OUT]);
const FROM_NGINX = vpcRule({
  id: 'sgr-0nginx8080',
  from_port: 8080,
  to_port: 8080,
  referenced_security_group_id: 'sg-0nginx456',
  description: 'nginx proxy to app',
});

/** The plan's `configuration`: each resource's expressions, as terraform show -json writes them. */
function withConfiguration(plan: Json, resources: Record<string, Json>): Json {
  return {
    ...plan,
    configuration: {
      root_module: {
        resources: Object.entries(resources).map(([address, expressions]) => ({
          address,
          mode: 'managed',
          type: address.split('.')[0],
          name: address.split('.')[1],
          expressions,
        })),
      },
    },
  };
}

const NAME = { name: { constant_value: 'backend' } };
const INLINE_EGRESS = { ...NAME, egress: { constant_value: [ALL_OUT] } };

/** The nginx-to-backend ingress removed inline (the group's own update). */
const removedInline = () =>
  planOf(resourceChange('aws_security_group.backend', ['update'], backend([NGINX_8080]), backend([])));

/** The same rule removed as its own resource, next to the group's unchanged resource. */
const removedResource = () =>
  planOf(
    resourceChange('aws_security_group.backend', ['no-op'], backend([NGINX_8080]), backend([NGINX_8080])),
    resourceChange('aws_vpc_security_group_ingress_rule.from_nginx', ['delete'], FROM_NGINX, null),
  );

/** Adds a rule resource whose group id is known only after apply (it references the group). */
function withRule(plan: Json, address: string): Json {
  const after = vpcRule({ security_group_id: null, cidr_ipv4: '10.0.0.0/8', from_port: 443, to_port: 443 });
  const rule = resourceChange(address, ['create'], null, after, { id: true, security_group_id: true });
  return { ...plan, resource_changes: [...(plan.resource_changes as Json[]), rule] };
}

function fixOf(plan: Json): string {
  const report = judged(plan, model, config);
  const finding = report.net.findings.find((f) => f.dependency === 'nginx-to-backend');
  const fix = finding?.fixes?.find((x) => x.terraform.includes('8080'));
  if (!fix) throw new Error('no tcp/8080 fix');
  return fix.terraform;
}

describe('preflight fixes in the plan’s own style', () => {
  it.each([
    ['the group’s configuration writes inline blocks', withConfiguration(removedInline(), { 'aws_security_group.backend': INLINE_EGRESS })],
    ['a plan without configuration changes the group’s inline rules', removedInline()],
  ])('suggests an inline ingress block when %s', (_name, plan) => {
    // Act
    const terraform = fixOf(plan);

    // Assess
    expect(terraform.split('\n')).toEqual([
      '# add to resource aws_security_group.backend (sg-0backend123): the plan writes its rules inline, and a separate rule resource would fight them on every apply',
      'ingress {',
      '  description     = "nginx-to-backend"',
      '  protocol        = "tcp"',
      '  from_port       = 8080',
      '  to_port         = 8080',
      '  security_groups = ["sg-0nginx456"]',
      '}',
    ]);
  });

  it.each([
    [
      'the plan manages the group’s rules as separate resources',
      withConfiguration(removedResource(), {
        'aws_security_group.backend': NAME,
        'aws_vpc_security_group_ingress_rule.from_nginx': {},
      }),
    ],
    [
      'a rule resource of the plan targets the group (through a reference), even one with inline blocks',
      withConfiguration(withRule(removedInline(), 'aws_vpc_security_group_ingress_rule.https'), {
        'aws_security_group.backend': INLINE_EGRESS,
        'aws_vpc_security_group_ingress_rule.https': {
          security_group_id: { references: ['aws_security_group.backend.id', 'aws_security_group.backend'] },
        },
      }),
    ],
    ['the group is not in the plan', planOf(resourceChange('aws_vpc_security_group_ingress_rule.from_nginx', ['delete'], FROM_NGINX, null))],
  ])('keeps a rule resource when %s', (_name, plan) => {
    // Act
    const terraform = fixOf(plan);

    // Assess
    expect(terraform).toMatch(/^resource "aws_vpc_security_group_ingress_rule" /);
    expect(terraform).toContain('referenced_security_group_id = "sg-0nginx456"');
  });

  it('gives the per-resource findings the same style as the net ones', () => {
    // Act
    const report = judged(
      withConfiguration(removedInline(), { 'aws_security_group.backend': INLINE_EGRESS }),
      model,
      config,
    );

    // Assess
    const stepFix = report.resources[0]?.findings[0]?.fixes?.[0]?.terraform;
    expect(stepFix).toBe(report.net.findings[0]?.fixes?.[0]?.terraform);
    expect(stepFix).toContain('ingress {');
  });
});
