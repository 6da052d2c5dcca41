import type { RulePeer, RuleSpec } from '../../model/types';
import {
  all,
  at,
  child,
  cidr,
  fail,
  has,
  id,
  type Node,
  ok,
  optDescription,
  optId,
  optStr,
  readList,
  type Result,
} from '../read';
import { readRulePorts } from './ports';
import { readProtocol } from './protocol';

/**
 * A rule as a response lists it (securityGroupRuleSet on authorize, revokedSecurityGroupRuleSet on
 * revoke): flat fields, one peer, and the sgr- id AWS gave it.
 */
export interface ResponseRule extends RuleSpec {
  readonly ruleId?: string;
  readonly groupId?: string;
}

export function readResponseRules(node: Node): Result<ResponseRule[]> {
  return readList(node, readResponseRule);
}

function readResponseRule(node: Node): Result<ResponseRule> {
  const protocol = readProtocol(child(node, 'ipProtocol'));
  if (!protocol.ok) return protocol;
  const r = all({
    ports: readRulePorts(protocol.value, child(node, 'fromPort'), child(node, 'toPort')),
    peer: readResponsePeer(node),
    ruleId: optId(child(node, 'securityGroupRuleId'), 'security-group-rule'),
    groupId: optId(child(node, 'groupId'), 'security-group'),
    description: optDescription(child(node, 'description')),
  });
  if (!r.ok) return r;
  const { ports, peer, ruleId, groupId, description } = r.value;
  return ok({
    protocol: protocol.value,
    ...ports,
    peer,
    ...(description === undefined ? {} : { description }),
    ...(ruleId === undefined ? {} : { ruleId }),
    ...(groupId === undefined ? {} : { groupId }),
  });
}

/** The one peer of a response rule: cidrIpv4 | cidrIpv6 | prefixListId | referencedGroupInfo | referencedGroupId. */
function readResponsePeer(node: Node): Result<RulePeer> {
  if (has(node, 'cidrIpv4'))
    return peerOf(cidr(child(node, 'cidrIpv4'), 'ipv4'), (c) => ({ kind: 'cidr', cidr: c }));
  if (has(node, 'cidrIpv6'))
    return peerOf(cidr(child(node, 'cidrIpv6'), 'ipv6'), (c) => ({ kind: 'cidr', cidr: c }));
  if (has(node, 'prefixListId')) {
    return peerOf(id(child(node, 'prefixListId'), 'prefix-list'), (id) => ({ kind: 'prefix-list', prefixListId: id }));
  }
  if (has(node, 'referencedGroupInfo')) {
    const info = child(node, 'referencedGroupInfo');
    const r = all({ groupId: id(child(info, 'groupId'), 'security-group'), userId: optStr(at(info, 'userId')) });
    if (!r.ok) return r;
    return ok({
      kind: 'sg',
      groupId: r.value.groupId,
      ...(r.value.userId === undefined ? {} : { userId: r.value.userId }),
    });
  }
  if (has(node, 'referencedGroupId')) {
    return peerOf(id(child(node, 'referencedGroupId'), 'security-group'), (id) => ({ kind: 'sg', groupId: id }));
  }
  return fail(node, 'rule names no peer (cidrIpv4, cidrIpv6, prefixListId or referencedGroupInfo)');
}

function peerOf<T>(r: Result<T>, make: (value: T) => RulePeer): Result<RulePeer> {
  return r.ok ? ok(make(r.value)) : r;
}

export function samePeer(a: RulePeer, b: RulePeer): boolean {
  if (a.kind === 'cidr') return b.kind === 'cidr' && a.cidr === b.cidr;
  if (a.kind === 'prefix-list') return b.kind === 'prefix-list' && a.prefixListId === b.prefixListId;
  return b.kind === 'sg' && a.groupId === b.groupId;
}

type Traffic = Pick<RuleSpec, 'protocol' | 'fromPort' | 'toPort'>;

export function sameTraffic(a: Traffic, b: Traffic): boolean {
  return a.protocol === b.protocol && a.fromPort === b.fromPort && a.toPort === b.toPort;
}

export function sameRule(a: RuleSpec, b: RuleSpec): boolean {
  return sameTraffic(a, b) && samePeer(a.peer, b.peer);
}
