import { readProtocol } from '../events/parsers/protocol';
import { fail, type Node, ok, type Result, show } from '../events/read';
import type { Protocol, RulePeer, RuleSpec } from '../model/types';
import { normalizeCidr } from '../util/cidr';
import { hasPorts } from '../util/protocol';
import { entries, integer, optInteger, text } from './values';

/** Protocol and ports of a rule in the engine's form. */
export interface Traffic {
  readonly protocol: Protocol;
  readonly fromPort: number;
  readonly toPort: number;
}

/**
 * Terraform's protocol and ports: '-1' means all traffic (ports ignored, Terraform writes 0/0, but
 * they must still be numbers or null);
 * tcp and udp need a port range; icmp and icmpv6 carry type and code (-1 or null = all); other
 * protocols have no ports.
 */
export function readTraffic(protocolNode: Node, from: Node, to: Node): Result<Traffic> {
  const protocol = readProtocol(protocolNode);
  if (!protocol.ok) return protocol;
  const p = protocol.value;
  if (hasPorts(p)) {
    const fromPort = integer(from, 0, 65535);
    if (!fromPort.ok) return fromPort;
    const toPort = integer(to, 0, 65535);
    if (!toPort.ok) return toPort;
    if (fromPort.value > toPort.value)
      return fail(
        to,
        `port range is reversed: from_port ${fromPort.value} is greater than to_port ${toPort.value}`,
      );
    return ok({ protocol: p, fromPort: fromPort.value, toPort: toPort.value });
  }
  if (p === 'icmp' || p === 'icmpv6') {
    const type = optInteger(from, -1, 255);
    if (!type.ok) return type;
    const code = optInteger(to, -1, 255);
    if (!code.ok) return code;
    return ok({ protocol: p, fromPort: type.value ?? -1, toPort: code.value ?? -1 });
  }
  const unused = optInteger(from, -1, 65535);
  if (!unused.ok) return unused;
  const unusedTo = optInteger(to, -1, 65535);
  return unusedTo.ok ? ok({ protocol: p, fromPort: -1, toPort: -1 }) : unusedTo;
}

/** A CIDR of the given family, normalised. */
export function readCidr(node: Node, family: 'ipv4' | 'ipv6'): Result<string> {
  const value = text(node);
  if (!value.ok) return value;
  const cidr = normalizeCidr(value.value);
  const name = family === 'ipv6' ? 'IPv6' : 'IPv4';
  if (cidr === undefined || cidr.includes(':') !== (family === 'ipv6'))
    return fail(node, `expected an ${name} CIDR, got ${show(value.value)}`);
  return ok(cidr);
}

/** A list of CIDRs (cidr_blocks, ipv6_cidr_blocks) as peers. */
export function readCidrPeers(node: Node, family: 'ipv4' | 'ipv6'): Result<RulePeer[]> {
  const list = entries(node);
  if (!list.ok) return list;
  const out: RulePeer[] = [];
  for (const entry of list.value) {
    const cidr = readCidr(entry, family);
    if (!cidr.ok) return cidr;
    out.push({ kind: 'cidr', cidr: cidr.value });
  }
  return ok(out);
}

/** `sg-0abc` or, across accounts, `123456789012/sg-0abc`. */
export function readGroupPeer(node: Node): Result<RulePeer> {
  const value = text(node);
  if (!value.ok) return value;
  const [first, second] = value.value.split('/');
  if (second !== undefined) return ok({ kind: 'sg', groupId: second, userId: first });
  return ok({ kind: 'sg', groupId: value.value });
}

export function readGroupPeers(node: Node): Result<RulePeer[]> {
  return readEach(node, readGroupPeer);
}

export function readPrefixListPeer(node: Node): Result<RulePeer> {
  const value = text(node);
  return value.ok ? ok({ kind: 'prefix-list', prefixListId: value.value }) : value;
}

export function readPrefixListPeers(node: Node): Result<RulePeer[]> {
  return readEach(node, readPrefixListPeer);
}

/** One rule per peer, as AWS stores them. */
export function toSpecs(traffic: Traffic, peers: readonly RulePeer[], description?: string): RuleSpec[] {
  return peers.map((peer) => ({ ...traffic, peer, ...(description ? { description } : {}) }));
}

function readEach(node: Node, read: (entry: Node) => Result<RulePeer>): Result<RulePeer[]> {
  const list = entries(node);
  if (!list.ok) return list;
  const out: RulePeer[] = [];
  for (const entry of list.value) {
    const peer = read(entry);
    if (!peer.ok) return peer;
    out.push(peer.value);
  }
  return ok(out);
}
