import type { RulePeer, RuleSpec } from '../../model/types';
import {
  all,
  child,
  cidr,
  collect,
  fail,
  has,
  id,
  isRecord,
  type Node,
  ok,
  oneOrMany,
  optDescription,
  type Result,
} from '../read';
import type { RuleUpdate } from '../types';
import { type EventParser, fromResult } from './parser';
import { readRulePorts } from './ports';
import { readProtocol } from './protocol';

/**
 * ModifySecurityGroupRules -> 'sg-rules-modified'. CloudTrail records the request PascalCase under
 * requestParameters.ModifySecurityGroupRulesRequest: { GroupId, SecurityGroupRule: { SecurityGroupRuleId,
 * SecurityGroupRule: {...}, tag } }, where SecurityGroupRule is one object or an array of them.
 */
export const modifySgRulesParser: EventParser = ({ request }) => {
  const body = child(request, 'ModifySecurityGroupRulesRequest');
  if (!isRecord(body.value)) return fromResult(fail(body, 'missing ModifySecurityGroupRulesRequest object'));
  const groupId = id(child(body, 'GroupId'), 'security-group');
  if (!groupId.ok) return fromResult(groupId);
  const key = has(body, 'SecurityGroupRule') ? 'SecurityGroupRule' : 'SecurityGroupRules';
  const updates = collect(oneOrMany(child(body, key)), readUpdate);
  if (!updates.ok) return fromResult(updates);
  if (updates.value.length === 0)
    return fromResult(fail(child(body, key), 'missing: the call names no rule update'));
  return fromResult(ok({ kind: 'sg-rules-modified', groupId: groupId.value, updates: updates.value }));
};

function readUpdate(node: Node): Result<RuleUpdate> {
  const r = all({
    ruleId: id(child(node, 'SecurityGroupRuleId'), 'security-group-rule'),
    rule: readRule(child(node, 'SecurityGroupRule')),
  });
  return r.ok ? ok({ ruleId: r.value.ruleId, rule: r.value.rule }) : r;
}

function readRule(node: Node): Result<RuleSpec> {
  if (!isRecord(node.value)) return fail(node, 'missing SecurityGroupRule object');
  const protocol = readProtocol(child(node, 'IpProtocol'));
  if (!protocol.ok) return protocol;
  const r = all({
    ports: readRulePorts(protocol.value, child(node, 'FromPort'), child(node, 'ToPort')),
    peer: readPeer(node),
    description: optDescription(child(node, 'Description')),
  });
  if (!r.ok) return r;
  const { ports, peer, description } = r.value;
  return ok({
    protocol: protocol.value,
    ...ports,
    peer,
    ...(description === undefined ? {} : { description }),
  });
}

const PEER_KEYS = ['CidrIpv4', 'CidrIpv6', 'PrefixListId', 'ReferencedGroupId'] as const;

/** Exactly one of CidrIpv4 | CidrIpv6 | PrefixListId | ReferencedGroupId. */
function readPeer(node: Node): Result<RulePeer> {
  const present = PEER_KEYS.filter((key) => has(node, key));
  const [key] = present;
  if (key === undefined || present.length > 1) {
    return fail(node, `expected exactly one of ${PEER_KEYS.join(', ')}, found ${present.length}`);
  }
  const value = child(node, key);
  if (key === 'CidrIpv4' || key === 'CidrIpv6') {
    const c = cidr(value, key === 'CidrIpv4' ? 'ipv4' : 'ipv6');
    return c.ok ? ok({ kind: 'cidr', cidr: c.value }) : c;
  }
  if (key === 'PrefixListId') {
    const list = id(value, 'prefix-list');
    return list.ok ? ok({ kind: 'prefix-list', prefixListId: list.value }) : list;
  }
  const group = id(value, 'security-group');
  return group.ok ? ok({ kind: 'sg', groupId: group.value }) : group;
}
