import { eniAttributeParser } from './parsers/eni-attribute';
import { modifySgRulesParser } from './parsers/modify-sg-rules';
import { naclAssociationParser } from './parsers/nacl-association';
import { naclEntryDeletedParser, naclEntryParser } from './parsers/nacl-entry';
import type { EventParser } from './parsers/parser';
import { authorizeParser, revokeParser } from './parsers/sg-permissions';

/** eventName -> parser for every EC2 call sg-guardian understands. */
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
]);

/** The eventNames parseRecord handles (the CDK event pattern subscribes to exactly these). */
export const SUPPORTED_EVENT_NAMES: readonly string[] = Object.freeze([...PARSERS.keys()]);

export function parserFor(eventName: string): EventParser | undefined {
  return PARSERS.get(eventName);
}
