import type { Protocol } from '../../model/types';
import { all, child, cidr, collect, fail, has, list, type Node, ok, optStr, type Result } from '../read';
import { readRulePorts } from './ports';
import { readProtocol } from './protocol';
import type { PeerEntry } from './sg-peers';
import { readPeers } from './sg-peers';

/** One IpPermission of a request: protocol, ports and its peers (one SG rule per peer). */
export interface Permission {
  readonly protocol: Protocol;
  readonly fromPort: number;
  readonly toPort: number;
  readonly peers: readonly PeerEntry[];
}

/** One IpPermission node (`ipPermissions.items[i]` or an `unknownIpPermissionSet` entry). */
export function readPermission(node: Node): Result<Permission> {
  const protocol = readProtocol(child(node, 'ipProtocol'));
  if (!protocol.ok) return protocol;
  const ports = readRulePorts(protocol.value, child(node, 'fromPort'), child(node, 'toPort'));
  if (!ports.ok) return ports;
  const peers = readPeers(node);
  if (!peers.ok) return peers;
  if (peers.value.length === 0) {
    return fail(node, 'permission names no peer (groups, ipRanges, ipv6Ranges or prefixListIds)');
  }
  return ok({ protocol: protocol.value, ...ports.value, peers: peers.value });
}

const FLAT_KEYS = ['ipProtocol', 'cidrIp', 'fromPort', 'toPort', 'sourceSecurityGroupName'];

/**
 * The permissions of an authorize/revoke request: `ipPermissions.items[]`, or the older flat form
 * with top-level ipProtocol/fromPort/toPort and cidrIp or sourceSecurityGroupName/OwnerId.
 */
export function readRequestPermissions(request: Node): Result<Permission[]> {
  const items = list(child(request, 'ipPermissions'));
  if (!items.ok) return items;
  if (items.value.length > 0 || !FLAT_KEYS.some((key) => has(request, key))) {
    return collect(items.value, readPermission);
  }
  const flat = readFlatPermission(request);
  return flat.ok ? ok([flat.value]) : flat;
}

function readFlatPermission(request: Node): Result<Permission> {
  const protocol = readProtocol(child(request, 'ipProtocol'));
  if (!protocol.ok) return protocol;
  const ports = readRulePorts(protocol.value, child(request, 'fromPort'), child(request, 'toPort'));
  if (!ports.ok) return ports;
  const r = all({
    cidr: has(request, 'cidrIp') ? cidr(child(request, 'cidrIp'), 'ipv4') : ok(undefined),
    groupName: optStr(child(request, 'sourceSecurityGroupName')),
    userId: optStr(child(request, 'sourceSecurityGroupOwnerId')),
  });
  if (!r.ok) return r;
  const peers: PeerEntry[] = [];
  if (r.value.cidr !== undefined)
    peers.push({ peer: { kind: 'cidr', cidr: r.value.cidr }, node: child(request, 'cidrIp') });
  if (r.value.groupName !== undefined) {
    const owner = r.value.userId === undefined ? {} : { userId: r.value.userId };
    const peer = { kind: 'sg-name' as const, groupName: r.value.groupName, ...owner };
    peers.push({ peer, node: child(request, 'sourceSecurityGroupName') });
  }
  if (peers.length === 0)
    return fail(child(request, 'cidrIp'), 'flat permission names no cidrIp or sourceSecurityGroupName');
  return ok({ protocol: protocol.value, ...ports.value, peers });
}
