import { child, fail, type Node, ok, type Result, show } from '../../events/read';
import type { RulePeer } from '../../model/types';
import { readCidrPeers, readGroupPeer, readPrefixListPeers, readTraffic, toSpecs } from '../rule-specs';
import { unknownAttributes } from '../unknown';
import { flag, optText, text } from '../values';
import { knownAfterApply, makesNew, ruleDiff, type RuleSet, touchesOld, type Translator } from './translator';

/** Attributes that decide what an aws_security_group_rule allows. */
const DECIDING = [
  'type',
  'security_group_id',
  'protocol',
  'from_port',
  'to_port',
  'cidr_blocks',
  'ipv6_cidr_blocks',
  'prefix_list_ids',
  'source_security_group_id',
  'self',
];

/** Attributes that conflict with source_security_group_id: when one is set, that one is empty. */
const CONFLICTING = ['cidr_blocks', 'ipv6_cidr_blocks', 'self'];

/** aws_security_group_rule: one rule block, expanded to one rule per peer. */
export const securityGroupRule: Translator = (resource) => {
  const old = touchesOld(resource.action) ? readRule(resource.before) : ok(undefined);
  if (!old.ok) return old;
  const unknown = makesNew(resource.action) ? deciding(resource.after, resource.afterUnknown) : [];
  const next = makesNew(resource.action) && unknown.length === 0 ? readRule(resource.after) : ok(undefined);
  if (!next.ok) return next;
  return ok({
    ops: ruleDiff(old.value, next.value),
    cannotJudge: knownAfterApply(resource, unknown),
    notes: [],
  });
};

/**
 * The deciding attributes known only after apply. source_security_group_id is Optional+Computed:
 * Terraform plans it as unknown even for a CIDR rule, where it can only end up empty.
 */
function deciding(after: Node, afterUnknown: Node): string[] {
  const unknown = unknownAttributes(afterUnknown, DECIDING);
  const conflictSet = CONFLICTING.some((key) => {
    const value = child(after, key).value;
    return !unknown.includes(key) && (value === true || (Array.isArray(value) && value.length > 0));
  });
  return conflictSet ? unknown.filter((a) => a !== 'source_security_group_id') : unknown;
}

export function readDirection(node: Node): Result<'ingress' | 'egress'> {
  const value = text(node);
  if (!value.ok) return value;
  if (value.value === 'ingress' || value.value === 'egress') return ok(value.value);
  return fail(node, `expected ingress or egress, got ${show(value.value)}`);
}

function readRule(node: Node): Result<RuleSet> {
  const direction = readDirection(child(node, 'type'));
  if (!direction.ok) return direction;
  const groupId = text(child(node, 'security_group_id'));
  if (!groupId.ok) return groupId;
  const traffic = readTraffic(child(node, 'protocol'), child(node, 'from_port'), child(node, 'to_port'));
  if (!traffic.ok) return traffic;
  const peers = readPeers(node, groupId.value);
  if (!peers.ok) return peers;
  const description = optText(child(node, 'description'));
  if (!description.ok) return description;
  return ok({
    groupId: groupId.value,
    direction: direction.value,
    specs: toSpecs(traffic.value, peers.value, description.value),
  });
}

function readPeers(node: Node, groupId: string): Result<RulePeer[]> {
  const v4 = readCidrPeers(child(node, 'cidr_blocks'), 'ipv4');
  if (!v4.ok) return v4;
  const v6 = readCidrPeers(child(node, 'ipv6_cidr_blocks'), 'ipv6');
  if (!v6.ok) return v6;
  const lists = readPrefixListPeers(child(node, 'prefix_list_ids'));
  if (!lists.ok) return lists;
  const source = optText(child(node, 'source_security_group_id'));
  if (!source.ok) return source;
  const group =
    source.value === undefined ? ok(undefined) : readGroupPeer(child(node, 'source_security_group_id'));
  if (!group.ok) return group;
  const self = flag(child(node, 'self'));
  if (!self.ok) return self;
  const peers: RulePeer[] = [...v4.value, ...v6.value, ...lists.value];
  if (group.value) peers.push(group.value);
  if (self.value) peers.push({ kind: 'sg', groupId });
  if (peers.length === 0)
    return fail(
      node,
      'the rule names no peer ' +
        '(cidr_blocks, ipv6_cidr_blocks, prefix_list_ids, source_security_group_id or self)',
    );
  return ok(peers);
}
