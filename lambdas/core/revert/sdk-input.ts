import type { NaclEntry, RuleSpec } from '../model/types';
import { isIpv6 } from '../util/cidr';
import { protocolNumber } from '../util/protocol';

/** SDK v3 SecurityGroupRuleRequest (ModifySecurityGroupRules) for a rule's content. */
export function securityGroupRuleRequest(spec: RuleSpec): Record<string, unknown> {
  const peer = spec.peer;
  return {
    IpProtocol: spec.protocol,
    FromPort: spec.fromPort,
    ToPort: spec.toPort,
    ...(peer.kind === 'cidr' ? { [isIpv6(peer.cidr) ? 'CidrIpv6' : 'CidrIpv4']: peer.cidr } : {}),
    ...(peer.kind === 'prefix-list' ? { PrefixListId: peer.prefixListId } : {}),
    ...(peer.kind === 'sg' ? { ReferencedGroupId: peer.groupId } : {}),
    ...(spec.description === undefined ? {} : { Description: spec.description }),
  };
}

/** SDK v3 input of Create/ReplaceNetworkAclEntry for an entry (Protocol as a number string). */
export function naclEntryInput(naclId: string, entry: NaclEntry): Record<string, unknown> {
  return {
    NetworkAclId: naclId,
    RuleNumber: entry.ruleNumber,
    Protocol: protocolNumber(entry.protocol),
    RuleAction: entry.action,
    Egress: entry.egress,
    ...(isIpv6(entry.cidr) ? { Ipv6CidrBlock: entry.cidr } : { CidrBlock: entry.cidr }),
    ...(entry.portRange ? { PortRange: { From: entry.portRange.from, To: entry.portRange.to } } : {}),
    ...(entry.icmpTypeCode
      ? { IcmpTypeCode: { Code: entry.icmpTypeCode.code, Type: entry.icmpTypeCode.type } }
      : {}),
  };
}

export function naclEntrySummary(entry: NaclEntry): string {
  const ports = entry.portRange ? ` ${entry.portRange.from}-${entry.portRange.to}` : '';
  return `#${entry.ruleNumber} ${entry.egress ? 'egress' : 'ingress'} ${entry.action} ${entry.protocol}${ports} ${entry.cidr}`;
}
