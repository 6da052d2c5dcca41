import { child, fail, isAbsent, type Node, ok, type Result } from '../../events/read';
import type { Direction, RulePeer } from '../../model/types';
import { readCidr, readGroupPeer, readPrefixListPeer, readTraffic, toSpecs } from '../rule-specs';
import { unknownAttributes } from '../unknown';
import { optText, text } from '../values';
import { knownAfterApply, makesNew, ruleDiff, type RuleSet, touchesOld, type Translator } from './translator';

const DECIDING = [
  'security_group_id',
  'ip_protocol',
  'from_port',
  'to_port',
  'cidr_ipv4',
  'cidr_ipv6',
  'prefix_list_id',
  'referenced_security_group_id',
];

const PEERS: readonly [string, (node: Node) => Result<RulePeer>][] = [
  ['cidr_ipv4', (n) => cidrPeer(n, 'ipv4')],
  ['cidr_ipv6', (n) => cidrPeer(n, 'ipv6')],
  ['prefix_list_id', readPrefixListPeer],
  ['referenced_security_group_id', readGroupPeer],
];

/** aws_vpc_security_group_ingress_rule / _egress_rule: exactly one rule (one peer) each. */
export function vpcSecurityGroupRule(direction: Direction): Translator {
  return (resource) => {
    const old = touchesOld(resource.action) ? readRule(resource.before, direction) : ok(undefined);
    if (!old.ok) return old;
    const unknown = makesNew(resource.action) ? unknownAttributes(resource.afterUnknown, DECIDING) : [];
    const next =
      makesNew(resource.action) && unknown.length === 0 ? readRule(resource.after, direction) : ok(undefined);
    if (!next.ok) return next;
    return ok({
      ops: ruleDiff(old.value, next.value),
      cannotJudge: knownAfterApply(resource, unknown),
      notes: [],
    });
  };
}

function readRule(node: Node, direction: Direction): Result<RuleSet> {
  const groupId = text(child(node, 'security_group_id'));
  if (!groupId.ok) return groupId;
  const traffic = readTraffic(child(node, 'ip_protocol'), child(node, 'from_port'), child(node, 'to_port'));
  if (!traffic.ok) return traffic;
  const set = PEERS.filter(([key]) => !isAbsent(child(node, key).value) && child(node, key).value !== '');
  if (set.length !== 1)
    return fail(
      node,
      set.length === 0
        ? 'the rule names no peer (cidr_ipv4, cidr_ipv6, prefix_list_id or referenced_security_group_id)'
        : `the rule names more than one peer (${set.map(([key]) => key).join(', ')})`,
    );
  const [key, read] = set[0]!;
  const peer = read(child(node, key));
  if (!peer.ok) return peer;
  const description = optText(child(node, 'description'));
  if (!description.ok) return description;
  const specs = toSpecs(traffic.value, [peer.value], description.value);
  return ok({ groupId: groupId.value, direction, specs });
}

function cidrPeer(node: Node, family: 'ipv4' | 'ipv6'): Result<RulePeer> {
  const cidr = readCidr(node, family);
  return cidr.ok ? ok({ kind: 'cidr', cidr: cidr.value }) : cidr;
}
