import type { RulePeer } from '../../model/types';
import {
  all,
  child,
  cidr,
  fail,
  id,
  type Node,
  ok,
  optDescription,
  optId,
  optStr,
  readList,
  type Result,
} from '../read';

/** A peer as the request names it: a RulePeer, or (default VPC) a security group known only by name. */
export type PeerRef =
  | RulePeer
  | { readonly kind: 'sg-name'; readonly groupName: string; readonly userId?: string };

export interface PeerEntry {
  readonly peer: PeerRef;
  readonly description?: string;
  /** Where the peer was written, for error paths. */
  readonly node: Node;
}

/** Every peer of one IpPermission: groups, ipRanges, ipv6Ranges and prefixListIds, in that order. */
export function readPeers(permission: Node): Result<PeerEntry[]> {
  const parts = all({
    groups: readList(child(permission, 'groups'), readGroupPeer),
    v4: readList(child(permission, 'ipRanges'), (n) => readCidrPeer(n, 'cidrIp', 'ipv4')),
    v6: readList(child(permission, 'ipv6Ranges'), (n) => readCidrPeer(n, 'cidrIpv6', 'ipv6')),
    lists: readList(child(permission, 'prefixListIds'), readPrefixListPeer),
  });
  if (!parts.ok) return parts;
  const { groups, v4, v6, lists } = parts.value;
  return ok([...groups, ...v4, ...v6, ...lists]);
}

function entry(peer: PeerRef, description: string | undefined, node: Node): PeerEntry {
  return description === undefined ? { peer, node } : { peer, description, node };
}

function readGroupPeer(node: Node): Result<PeerEntry> {
  const r = all({
    groupId: optId(child(node, 'groupId'), 'security-group'),
    groupName: optStr(child(node, 'groupName')),
    userId: optStr(child(node, 'userId')),
    vpcId: optId(child(node, 'vpcId'), 'vpc'),
    description: optDescription(child(node, 'description')),
  });
  if (!r.ok) return r;
  const { groupId, groupName, userId, vpcId, description } = r.value;
  const owner = userId === undefined ? {} : { userId };
  if (groupId !== undefined) {
    const peer: RulePeer = { kind: 'sg', groupId, ...owner, ...(vpcId === undefined ? {} : { vpcId }) };
    return ok(entry(peer, description, node));
  }
  if (groupName !== undefined) {
    return ok(entry({ kind: 'sg-name', groupName, ...owner }, description, child(node, 'groupName')));
  }
  return fail(child(node, 'groupId'), 'group reference has neither groupId nor groupName');
}

function readCidrPeer(node: Node, key: string, family: 'ipv4' | 'ipv6'): Result<PeerEntry> {
  const r = all({ cidr: cidr(child(node, key), family), description: optDescription(child(node, 'description')) });
  return r.ok ? ok(entry({ kind: 'cidr', cidr: r.value.cidr }, r.value.description, node)) : r;
}

function readPrefixListPeer(node: Node): Result<PeerEntry> {
  const r = all({
    id: id(child(node, 'prefixListId'), 'prefix-list'),
    description: optDescription(child(node, 'description')),
  });
  return r.ok ? ok(entry({ kind: 'prefix-list', prefixListId: r.value.id }, r.value.description, node)) : r;
}
