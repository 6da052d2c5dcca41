import type { GuardianConfig } from '../../../lambdas/core/config/schema';
import type { NetworkModel } from '../../../lambdas/core/model/types';
import { judgePlan } from '../../../lambdas/core/plan/judge-plan';
import { readPlan } from '../../../lambdas/core/plan/read-plan';
import { translatePlan } from '../../../lambdas/core/plan/translate-plan';
import type { PlanReport, Translation } from '../../../lambdas/core/plan/types';

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

/** The translated steps of a plan (ops, cannot-judge, notes per resource), before any is applied. */
export function translated(plan: unknown): Translation[] {
  const resources = readPlan(plan);
  if (!resources.ok) throw new Error(`${resources.issue.path}: ${resources.issue.reason}`);
  const steps = translatePlan(resources.value);
  if (!steps.ok) throw new Error(`${steps.issue.path}: ${steps.issue.reason}`);
  return steps.value.steps.map((s) => s.translation);
}

/** The `change` of every `change` op, for compact assertions. */
export function changesOf(translation: Translation | undefined): unknown[] {
  return (translation?.ops ?? []).flatMap((op) => (op.op === 'change' ? [op.change] : []));
}

/** A plan with a `configuration` whose resources hold `expressions` (address -> expressions). */
export function withConfiguration(plan: Json, expressions: Record<string, Json>): Json {
  return {
    ...plan,
    configuration: {
      provider_config: { aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws' } },
      root_module: {
        resources: Object.entries(expressions).map(([address, exprs]) => {
          const [type, name] = address.split('.') as [string, string];
          return { address, mode: 'managed', type, name, provider_config_key: 'aws', expressions: exprs, schema_version: 0 };
        }),
      },
    },
  };
}

/** aws_launch_template attributes: the web template at version 7 unless overridden. */
export function launchTemplate(overrides: Json = {}): Json {
  return {
    arn: 'arn:aws:ec2:eu-west-1:123456789012:launch-template/lt-0web1234567890abc',
    block_device_mappings: [],
    default_version: 7,
    description: '',
    iam_instance_profile: [],
    id: 'lt-0web1234567890abc',
    image_id: 'ami-0abcdef1234567890',
    instance_type: 't3.small',
    latest_version: 7,
    name: 'web',
    name_prefix: '',
    network_interfaces: [],
    security_group_names: [],
    tag_specifications: [{ resource_type: 'instance', tags: { Role: 'web' } }],
    tags: {},
    tags_all: {},
    update_default_version: null,
    user_data: '',
    vpc_security_group_ids: ['sg-0nginx456'],
    ...overrides,
  };
}

/** One `network_interfaces` block of aws_launch_template, as the provider writes it. */
export function templateInterface(deviceIndex: number, groups: string[], overrides: Json = {}): Json {
  return {
    associate_carrier_ip_address: '',
    associate_public_ip_address: '',
    delete_on_termination: 'true',
    description: '',
    device_index: deviceIndex,
    interface_type: '',
    ipv4_address_count: 0,
    ipv4_addresses: [],
    ipv6_address_count: 0,
    ipv6_addresses: [],
    network_card_index: 0,
    network_interface_id: '',
    private_ip_address: '',
    security_groups: groups,
    subnet_id: '',
    ...overrides,
  };
}

/** aws_instance attributes: a web instance in subnet-0web1 unless overridden. */
export function ec2Instance(overrides: Json = {}): Json {
  return {
    ami: 'ami-0abcdef1234567890',
    id: 'i-0nginx1',
    instance_type: 't3.small',
    launch_template: [],
    network_interface: [],
    primary_network_interface_id: 'eni-0nginx1a',
    security_groups: [],
    subnet_id: 'subnet-0web1',
    tags: { Role: 'web' },
    tags_all: { Role: 'web' },
    vpc_security_group_ids: ['sg-0nginx456'],
    ...overrides,
  };
}

/** aws_autoscaling_group attributes: the web group on launch template version 7 unless overridden. */
export function autoscalingGroup(overrides: Json = {}): Json {
  return {
    arn: 'arn:aws:autoscaling:eu-west-1:123456789012:autoScalingGroup:1a2b:autoScalingGroupName/web',
    desired_capacity: 2,
    id: 'web',
    launch_configuration: '',
    launch_template: [{ id: 'lt-0web1234567890abc', name: 'web', version: '7' }],
    max_size: 4,
    min_size: 2,
    mixed_instances_policy: [],
    name: 'web',
    tag: [
      { key: 'Name', propagate_at_launch: true, value: 'web' },
      { key: 'CostCenter', propagate_at_launch: false, value: 'cc-42' },
    ],
    vpc_zone_identifier: ['subnet-0web1'],
    ...overrides,
  };
}
