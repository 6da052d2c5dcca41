import { makeSgRule } from './rule-key';
import type { IpPermissionDoc, SecurityGroupRuleDoc } from './schemas';
import type { Direction, Protocol, RulePeer, SgRule } from './types';

/** Ports in the engine's form: -1/-1 for protocol '-1' and for protocols without ports or ICMP type. */
export function normalizePorts(
  protocol: Protocol,
  fromPort: number | undefined,
  toPort: number | undefined,
): { fromPort: number; toPort: number } {
  if (protocol === '-1') return { fromPort: -1, toPort: -1 };
  return { fromPort: fromPort ?? -1, toPort: toPort ?? -1 };
}

/** Expands one IpPermission into one SgRule per peer (no rule ids: describe-security-groups has none). */
export function rulesFromPermission(groupId: string, direction: Direction, perm: IpPermissionDoc): SgRule[] {
  const base = { protocol: perm.IpProtocol, ...normalizePorts(perm.IpProtocol, perm.FromPort, perm.ToPort) };
  const make = (peer: RulePeer, description: string | undefined): SgRule =>
    makeSgRule({ ...base, peer, description }, groupId, direction);
  return [
    ...perm.IpRanges.map((r) => make({ kind: 'cidr', cidr: r.CidrIp }, r.Description)),
    ...perm.Ipv6Ranges.map((r) => make({ kind: 'cidr', cidr: r.CidrIpv6 }, r.Description)),
    ...perm.PrefixListIds.map((p) =>
      make({ kind: 'prefix-list', prefixListId: p.PrefixListId }, p.Description),
    ),
    ...perm.UserIdGroupPairs.map((p) => make(sgPeer(p.GroupId, p.UserId, p.VpcId), p.Description)),
  ];
}

/** One rule of describe-security-group-rules, with its id. */
export function ruleFromDocument(doc: SecurityGroupRuleDoc): SgRule {
  const spec = {
    protocol: doc.IpProtocol,
    ...normalizePorts(doc.IpProtocol, doc.FromPort, doc.ToPort),
    peer: peerOf(doc),
    description: doc.Description,
  };
  return makeSgRule(spec, doc.GroupId, doc.IsEgress ? 'egress' : 'ingress', doc.SecurityGroupRuleId);
}

function peerOf(doc: SecurityGroupRuleDoc): RulePeer {
  if (doc.CidrIpv4 !== undefined) return { kind: 'cidr', cidr: doc.CidrIpv4 };
  if (doc.CidrIpv6 !== undefined) return { kind: 'cidr', cidr: doc.CidrIpv6 };
  if (doc.PrefixListId !== undefined) return { kind: 'prefix-list', prefixListId: doc.PrefixListId };
  const ref = doc.ReferencedGroupInfo!; // the schema guarantees exactly one peer
  return sgPeer(ref.GroupId, ref.UserId, ref.VpcId);
}

function sgPeer(groupId: string, userId: string | undefined, vpcId: string | undefined): RulePeer {
  return {
    kind: 'sg',
    groupId,
    ...(userId === undefined ? {} : { userId }),
    ...(vpcId === undefined ? {} : { vpcId }),
  };
}
