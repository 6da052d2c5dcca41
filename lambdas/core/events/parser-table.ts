import { eniAttributeParser } from './parsers/eni-attribute';
import { attachEniParser, createEniParser, detachEniParser } from './parsers/eni-lifecycle';
import { instanceAttributeParser } from './parsers/instance-attribute';
import {
  createLaunchTemplateParser,
  createLaunchTemplateVersionParser,
  modifyLaunchTemplateParser,
} from './parsers/launch-template';
import { modifySgRulesParser } from './parsers/modify-sg-rules';
import { naclAssociationParser } from './parsers/nacl-association';
import { naclEntryDeletedParser, naclEntryParser } from './parsers/nacl-entry';
import type { EventParser } from './parsers/parser';
import { modifyPrefixListParser } from './parsers/prefix-list';
import { runInstancesParser } from './parsers/run-instances';
import { createSgParser, deleteSgParser } from './parsers/sg-lifecycle';
import { authorizeParser, revokeParser } from './parsers/sg-permissions';
import { createTagsParser, deleteTagsParser } from './parsers/tags';

/** eventName -> parser for every EC2 call sg-guardian understands (one small file per family). */
const PARSERS: ReadonlyMap<string, EventParser> = new Map([
  ['AuthorizeSecurityGroupIngress', authorizeParser('ingress')],
  ['AuthorizeSecurityGroupEgress', authorizeParser('egress')],
  ['RevokeSecurityGroupIngress', revokeParser('ingress')],
  ['RevokeSecurityGroupEgress', revokeParser('egress')],
  ['ModifySecurityGroupRules', modifySgRulesParser],
  ['ModifyNetworkInterfaceAttribute', eniAttributeParser],
  ['CreateNetworkAclEntry', naclEntryParser('nacl-entry-created')],
  ['ReplaceNetworkAclEntry', naclEntryParser('nacl-entry-replaced')],
  ['DeleteNetworkAclEntry', naclEntryDeletedParser],
  ['ReplaceNetworkAclAssociation', naclAssociationParser],
  ['RunInstances', runInstancesParser],
  ['CreateNetworkInterface', createEniParser],
  ['AttachNetworkInterface', attachEniParser],
  ['DetachNetworkInterface', detachEniParser],
  ['ModifyInstanceAttribute', instanceAttributeParser],
  ['CreateLaunchTemplate', createLaunchTemplateParser],
  ['CreateLaunchTemplateVersion', createLaunchTemplateVersionParser],
  ['ModifyLaunchTemplate', modifyLaunchTemplateParser],
  ['ModifyManagedPrefixList', modifyPrefixListParser],
  ['CreateSecurityGroup', createSgParser],
  ['DeleteSecurityGroup', deleteSgParser],
  ['CreateTags', createTagsParser],
  ['DeleteTags', deleteTagsParser],
]);

/** The eventNames parseRecord handles (the CDK event pattern subscribes to exactly these). */
export const SUPPORTED_EVENT_NAMES: readonly string[] = Object.freeze([...PARSERS.keys()]);

export function parserFor(eventName: string): EventParser | undefined {
  return PARSERS.get(eventName);
}
