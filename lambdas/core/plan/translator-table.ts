import { eniSgAttachment } from './translators/eni-sg-attachment';
import { networkAclRule } from './translators/network-acl-rule';
import { networkInterface } from './translators/network-interface';
import { securityGroup } from './translators/security-group';
import { securityGroupRule } from './translators/security-group-rule';
import type { Translator } from './translators/translator';
import { unsupported } from './translators/unsupported';
import { vpcSecurityGroupRule } from './translators/vpc-security-group-rule';

const EVERY_CHANGE = ['create', 'update', 'delete', 'delete-create', 'create-delete'] as const;

interface Entry {
  readonly translate: Translator;
  /**
   * Apply order within a phase: groups before their rules before ENIs (creates and updates);
   * deletes run in the reverse order, so rules go before their group.
   */
  readonly rank: number;
}

/** Terraform resource type -> translator, for every type that can change what the engine judges. */
const TRANSLATORS: ReadonlyMap<string, Entry> = new Map([
  ['aws_security_group', { translate: securityGroup, rank: 0 }],
  ['aws_security_group_rule', { translate: securityGroupRule, rank: 1 }],
  ['aws_vpc_security_group_ingress_rule', { translate: vpcSecurityGroupRule('ingress'), rank: 1 }],
  ['aws_vpc_security_group_egress_rule', { translate: vpcSecurityGroupRule('egress'), rank: 1 }],
  ['aws_network_acl_rule', { translate: networkAclRule, rank: 2 }],
  ['aws_network_interface', { translate: networkInterface, rank: 3 }],
  ['aws_network_interface_sg_attachment', { translate: eniSgAttachment, rank: 4 }],
  // Not modelled: a change to these attributes is "cannot judge".
  [
    'aws_instance',
    { translate: unsupported(['vpc_security_group_ids', 'security_groups'], ['update']), rank: 5 },
  ],
  ['aws_default_security_group', { translate: unsupported(['ingress', 'egress'], EVERY_CHANGE), rank: 5 }],
  ['aws_network_acl', { translate: unsupported(['ingress', 'egress', 'subnet_ids'], EVERY_CHANGE), rank: 5 }],
  [
    'aws_default_network_acl',
    { translate: unsupported(['ingress', 'egress', 'subnet_ids'], EVERY_CHANGE), rank: 5 },
  ],
  [
    'aws_network_acl_association',
    { translate: unsupported(['network_acl_id', 'subnet_id'], EVERY_CHANGE), rank: 5 },
  ],
  ['aws_ec2_managed_prefix_list', { translate: unsupported(['entry'], ['update', 'delete']), rank: 5 }],
  [
    'aws_ec2_managed_prefix_list_entry',
    { translate: unsupported(['cidr', 'prefix_list_id'], EVERY_CHANGE), rank: 5 },
  ],
]);

export const MAX_RANK = 5;

export function translatorFor(type: string): Entry | undefined {
  return TRANSLATORS.get(type);
}
