import type { GuardianConfig } from '../../../lambdas/core/config/schema';
import type { NetworkModel } from '../../../lambdas/core/model/types';
import { judgePlan } from '../../../lambdas/core/plan/judge-plan';
import type { PlanReport } from '../../../lambdas/core/plan/types';

type Json = Record<string, unknown>;

/** One `resource_changes[]` entry as `terraform show -json` writes it. */
export function resourceChange(
  address: string,
  actions: readonly string[],
  before: Json | null,
  after: Json | null,
  afterUnknown: Json = {},
): Json {
  const [type, name] = address.replace(/\[.*\]$/, '').split('.') as [string, string];
  return {
    address,
    mode: 'managed',
    type,
    name,
    provider_name: 'registry.terraform.io/hashicorp/aws',
    change: {
      actions,
      before,
      after,
      after_unknown: afterUnknown,
      before_sensitive: {},
      after_sensitive: {},
    },
  };
}

/** A plan document around resource changes. */
export function planOf(...changes: Json[]): Json {
  return {
    format_version: '1.2',
    terraform_version: '1.9.8',
    planned_values: { root_module: {} },
    resource_changes: changes,
  };
}

/** An inline rule block of aws_security_group, every attribute present as Terraform writes it. */
export function inlineRule(protocol: string, from: number, to: number, peers: Json = {}, description = ''): Json {
  return {
    cidr_blocks: [],
    description,
    from_port: from,
    ipv6_cidr_blocks: [],
    prefix_list_ids: [],
    protocol,
    security_groups: [],
    self: false,
    to_port: to,
    ...peers,
  };
}

export const ALL_OUT = inlineRule('-1', 0, 0, { cidr_blocks: ['0.0.0.0/0'] });
export const NGINX_8080 = inlineRule(
  'tcp',
  8080,
  8080,
  { security_groups: ['sg-0nginx456'] },
  'nginx proxy to app',
);

/** aws_security_group attributes. */
export function securityGroup(id: string | null, name: string, ingress: Json[] | null, egress: Json[] | null, tags: Json = {}): Json {
  return {
    arn: id ? `arn:aws:ec2:eu-west-1:123456789012:security-group/${id}` : null,
    description: 'Managed by Terraform',
    egress,
    id,
    ingress,
    name,
    name_prefix: '',
    owner_id: '123456789012',
    revoke_rules_on_delete: false,
    tags,
    tags_all: tags,
    timeouts: null,
    vpc_id: 'vpc-0demo1a2b3c4d5e6',
  };
}

/** aws_security_group_rule attributes (a CIDR-less rule unless given). */
export function sgRule(overrides: Json): Json {
  return {
    cidr_blocks: null,
    description: null,
    from_port: 0,
    id: 'sgrule-1',
    ipv6_cidr_blocks: null,
    prefix_list_ids: null,
    protocol: 'tcp',
    security_group_id: 'sg-0backend123',
    security_group_rule_id: null,
    self: false,
    source_security_group_id: null,
    timeouts: null,
    to_port: 0,
    type: 'ingress',
    ...overrides,
  };
}

/** aws_vpc_security_group_ingress_rule / _egress_rule attributes. */
export function vpcRule(overrides: Json): Json {
  return {
    arn: null,
    cidr_ipv4: null,
    cidr_ipv6: null,
    description: null,
    from_port: null,
    id: null,
    ip_protocol: 'tcp',
    prefix_list_id: null,
    referenced_security_group_id: null,
    security_group_id: 'sg-0backend123',
    security_group_rule_id: null,
    tags: null,
    tags_all: {},
    to_port: null,
    ...overrides,
  };
}

/** aws_network_acl_rule attributes: acl-0app1 egress #100 as in the example account unless overridden. */
export function naclRule(overrides: Json = {}): Json {
  return {
    cidr_block: '10.0.1.0/24',
    egress: true,
    from_port: 1024,
    icmp_code: null,
    icmp_type: null,
    id: 'nacl-2641917034',
    ipv6_cidr_block: '',
    network_acl_id: 'acl-0app1',
    protocol: '6',
    rule_action: 'allow',
    rule_number: 100,
    to_port: 65535,
    ...overrides,
  };
}

/** aws_network_interface attributes: the example's secondary backend ENI unless overridden. */
export function eni(overrides: Json = {}): Json {
  return {
    description: 'backend-2 eth1 (app traffic)',
    id: 'eni-0backend2b',
    private_ips: ['10.0.2.21'],
    security_groups: ['sg-0backend123'],
    subnet_id: 'subnet-0app1',
    tags: {},
    ...overrides,
  };
}

/** Judges a plan and fails the test when the plan cannot be read. */
export function judged(plan: unknown, model: NetworkModel, config: GuardianConfig): PlanReport {
  const result = judgePlan({ plan, model, config });
  if (!result.ok) throw new Error(`${result.issue.path}: ${result.issue.reason}`);
  return result.value;
}

/** The (kind, dependency or ruleId) of each net finding, for compact assertions. */
export function netKinds(report: PlanReport): string[] {
  return report.net.findings.map((f) => `${f.kind}:${f.dependency ?? f.ruleId}`);
}
