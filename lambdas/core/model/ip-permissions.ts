import { isIpv6 } from '../util/cidr';
import type { RulePeer, RuleSpec } from './types';

/** An EC2 IpPermission (SDK v3 / describe-security-groups shape). */
export interface IpPermission {
  IpProtocol: string;
  FromPort?: number;
  ToPort?: number;
  IpRanges?: { CidrIp: string; Description?: string }[];
  Ipv6Ranges?: { CidrIpv6: string; Description?: string }[];
  PrefixListIds?: { PrefixListId: string; Description?: string }[];
  UserIdGroupPairs?: { GroupId: string; UserId?: string; VpcId?: string; Description?: string }[];
}

export interface IpPermissionOptions {
  /** describe-* output lists all four peer arrays, even empty; SDK requests omit empty ones. */
  readonly style: 'describe' | 'sdk';
  /** Keep rule descriptions (authorize, describe) or drop them (revoke). Default true. */
  readonly descriptions?: boolean;
}

/** Groups rules into IpPermissions, one per protocol and port range, in first-seen order. */
export function toIpPermissions(specs: readonly RuleSpec[], options: IpPermissionOptions): IpPermission[] {
  const byPorts = new Map<string, Required<IpPermission>>();
  for (const spec of specs) {
    const key = `${spec.protocol}|${spec.fromPort}|${spec.toPort}`;
    let perm = byPorts.get(key);
    if (!perm) {
      perm = {
        IpProtocol: spec.protocol,
        FromPort: spec.fromPort,
        ToPort: spec.toPort,
        IpRanges: [],
        Ipv6Ranges: [],
        PrefixListIds: [],
        UserIdGroupPairs: [],
      };
      byPorts.set(key, perm);
    }
    addPeer(perm, spec.peer, options.descriptions === false ? undefined : spec.description);
  }
  return [...byPorts.values()].map((perm) => present(perm, options.style));
}

function addPeer(perm: Required<IpPermission>, peer: RulePeer, description: string | undefined): void {
  const desc = description === undefined ? {} : { Description: description };
  switch (peer.kind) {
    case 'cidr':
      if (isIpv6(peer.cidr)) perm.Ipv6Ranges.push({ CidrIpv6: peer.cidr, ...desc });
      else perm.IpRanges.push({ CidrIp: peer.cidr, ...desc });
      return;
    case 'prefix-list':
      perm.PrefixListIds.push({ PrefixListId: peer.prefixListId, ...desc });
      return;
    case 'sg':
      perm.UserIdGroupPairs.push({
        GroupId: peer.groupId,
        ...(peer.userId === undefined ? {} : { UserId: peer.userId }),
        ...(peer.vpcId === undefined ? {} : { VpcId: peer.vpcId }),
        ...desc,
      });
  }
}

/** AWS omits ports for protocol '-1' and for other protocols without ports or ICMP types. */
function present(perm: Required<IpPermission>, style: IpPermissionOptions['style']): IpPermission {
  const portless =
    perm.IpProtocol === '-1' ||
    (perm.FromPort === -1 && perm.ToPort === -1 && !/^(icmp|icmpv6)$/.test(perm.IpProtocol));
  const out: IpPermission = { IpProtocol: perm.IpProtocol };
  if (!portless) {
    out.FromPort = perm.FromPort;
    out.ToPort = perm.ToPort;
  }
  const lists = ['IpRanges', 'Ipv6Ranges', 'PrefixListIds', 'UserIdGroupPairs'] as const;
  for (const name of lists)
    if (style === 'describe' || perm[name].length > 0) Object.assign(out, { [name]: perm[name] });
  return out;
}
