import type { PlannedValue } from './plan-context';
import { autoscalingGroup } from './translators/autoscaling-group';
import { eniSgAttachment } from './translators/eni-sg-attachment';
import { instance, plannedInstance } from './translators/instance';
import { launchTemplate, plannedTemplate } from './translators/launch-template';
import { managedPrefixList } from './translators/managed-prefix-list';
import { managedPrefixListEntry } from './translators/managed-prefix-list-entry';
import { networkAclRule } from './translators/network-acl-rule';
import { networkInterface } from './translators/network-interface';
import { networkInterfaceAttachment } from './translators/network-interface-attachment';
import { securityGroup } from './translators/security-group';
import { securityGroupRule } from './translators/security-group-rule';
import type { Translator } from './translators/translator';
import { unsupported } from './translators/unsupported';
import { vpcSecurityGroupRule } from './translators/vpc-security-group-rule';

const EVERY_CHANGE = ['create', 'update', 'delete', 'delete-create', 'create-delete'] as const;

interface Entry {
  readonly translate: Translator;
  /**
   * Apply order within a phase: groups before their rules before ENIs, templates before the
   * instances and Auto Scaling groups that launch from them (creates and updates); deletes run in
   * the reverse order, so rules go before their group.
   */
  readonly rank: number;
  /** What the plan makes of the resource's attributes that others reference (ids it creates, versions). */
  readonly planned?: PlannedValue;
  /**
   * Launches from, or attaches to, what other resources create: its updates are applied after every
   * create too (an Auto Scaling group moving to a template the plan creates).
   */
  readonly late?: boolean;
}


/** Terraform resource type -> translator, for every type that can change what the engine judges. */
const TRANSLATORS: ReadonlyMap<string, Entry> = new Map([
  ['aws_security_group', { translate: securityGroup, rank: 0 }],
  ['aws_ec2_managed_prefix_list', { translate: managedPrefixList, rank: 0 }],
  ['aws_ec2_managed_prefix_list_entry', { translate: managedPrefixListEntry, rank: 1 }],
  ['aws_security_group_rule', { translate: securityGroupRule, rank: 1 }],
  ['aws_vpc_security_group_ingress_rule', { translate: vpcSecurityGroupRule('ingress'), rank: 1 }],
  ['aws_vpc_security_group_egress_rule', { translate: vpcSecurityGroupRule('egress'), rank: 1 }],
  ['aws_network_acl_rule', { translate: networkAclRule, rank: 2 }],
  ['aws_network_interface', { translate: networkInterface, rank: 3 }],
  ['aws_network_interface_sg_attachment', { translate: eniSgAttachment, rank: 4 }],
  ['aws_launch_template', { translate: launchTemplate, rank: 5, planned: plannedTemplate }],
  ['aws_instance', { translate: instance, rank: 6, planned: plannedInstance, late: true }],
  ['aws_network_interface_attachment', { translate: networkInterfaceAttachment, rank: 7, late: true }],
  ['aws_autoscaling_group', { translate: autoscalingGroup, rank: 8, late: true }],
  // Not modelled: a change to these attributes is "cannot judge".
  ['aws_default_security_group', { translate: unsupported(['ingress', 'egress'], EVERY_CHANGE), rank: 9 }],
  ['aws_network_acl', { translate: unsupported(['ingress', 'egress', 'subnet_ids'], EVERY_CHANGE), rank: 9 }],
  [
    'aws_default_network_acl',
    { translate: unsupported(['ingress', 'egress', 'subnet_ids'], EVERY_CHANGE), rank: 9 },
  ],
  [
    'aws_network_acl_association',
    { translate: unsupported(['network_acl_id', 'subnet_id'], EVERY_CHANGE), rank: 9 },
  ],
]);

export const MAX_RANK = 9;

export function translatorFor(type: string): Entry | undefined {
  return TRANSLATORS.get(type);
}
