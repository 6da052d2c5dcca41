import type { NaclEntry } from '../../model/types';
import { hasPorts } from '../../util/protocol';
import {
  all,
  bool,
  child,
  cidr,
  fail,
  has,
  id,
  int,
  isRecord,
  type Node,
  ok,
  optInt,
  type Result,
  show,
  str,
} from '../read';
import type { Change } from '../types';
import { type EventParser, fromResult } from './parser';
import { readPortRange } from './ports';
import { readProtocol } from './protocol';

/** CreateNetworkAclEntry / ReplaceNetworkAclEntry -> 'nacl-entry-created' / 'nacl-entry-replaced'. */
export function naclEntryParser(kind: 'nacl-entry-created' | 'nacl-entry-replaced'): EventParser {
  return ({ request }) => {
    const r = all({ naclId: id(child(request, 'networkAclId'), 'network-acl'), entry: readEntry(request) });
    return fromResult(r.ok ? ok<Change>({ kind, naclId: r.value.naclId, entry: r.value.entry }) : r);
  };
}

/** DeleteNetworkAclEntry -> 'nacl-entry-deleted'. */
export const naclEntryDeletedParser: EventParser = ({ request }) => {
  const r = all({
    naclId: id(child(request, 'networkAclId'), 'network-acl'),
    ruleNumber: readRuleNumber(request),
    egress: bool(child(request, 'egress')),
  });
  return fromResult(r.ok ? ok<Change>({ kind: 'nacl-entry-deleted', ...r.value }) : r);
};

/** AWS allows rule numbers 1..32766 (32767 is the implicit deny). */
function readRuleNumber(request: Node): Result<number> {
  return int(child(request, 'ruleNumber'), 1, 32766);
}

function readEntry(request: Node): Result<NaclEntry> {
  const protocol = readProtocol(child(request, 'aclProtocol'));
  if (!protocol.ok) return protocol;
  const r = all({
    ruleNumber: readRuleNumber(request),
    egress: bool(child(request, 'egress')),
    action: readAction(child(request, 'ruleAction')),
    cidr: readEntryCidr(request),
    ports: hasPorts(protocol.value) ? readEntryPorts(child(request, 'portRange')) : ok(undefined),
    icmp:
      protocol.value === 'icmp' || protocol.value === 'icmpv6'
        ? readIcmp(child(request, 'icmpTypeCode'))
        : ok(undefined),
  });
  if (!r.ok) return r;
  const { ruleNumber, egress, action, cidr: block, ports, icmp } = r.value;
  return ok({
    ruleNumber,
    egress,
    protocol: protocol.value,
    action,
    cidr: block,
    ...(ports === undefined ? {} : { portRange: ports }),
    ...(icmp === undefined ? {} : { icmpTypeCode: icmp }),
  });
}

function readAction(node: Node): Result<'allow' | 'deny'> {
  const text = str(node);
  if (!text.ok) return text;
  const action = text.value.toLowerCase();
  return action === 'allow' || action === 'deny'
    ? ok(action)
    : fail(node, `expected allow or deny, got ${show(text.value)}`);
}

/** cidrBlock (IPv4) or ipv6CidrBlock (IPv6), exactly one. */
function readEntryCidr(request: Node): Result<string> {
  const v4 = has(request, 'cidrBlock');
  const v6 = has(request, 'ipv6CidrBlock');
  if (v4 && v6) return fail(child(request, 'ipv6CidrBlock'), 'cidrBlock and ipv6CidrBlock are both set');
  if (v6) return cidr(child(request, 'ipv6CidrBlock'), 'ipv6');
  return cidr(child(request, 'cidrBlock'), 'ipv4');
}

function readEntryPorts(node: Node): Result<{ from: number; to: number }> {
  if (!isRecord(node.value)) return fail(node, 'missing: tcp and udp entries need a port range');
  const range = readPortRange(child(node, 'from'), child(node, 'to'));
  return range.ok ? ok({ from: range.value.fromPort, to: range.value.toPort }) : range;
}

/** icmpTypeCode {type, code}; `{}` or absent means all types and codes. */
function readIcmp(node: Node): Result<{ type: number; code: number } | undefined> {
  const r = all({ type: optInt(child(node, 'type'), -1, 255), code: optInt(child(node, 'code'), -1, 255) });
  if (!r.ok) return r;
  const { type, code } = r.value;
  return type === undefined && code === undefined
    ? ok(undefined)
    : ok({ type: type ?? -1, code: code ?? -1 });
}
