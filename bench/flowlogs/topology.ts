// What flows a snapshot allows, for the flow-log generator: its ENIs (address, groups, subnet, VPC,
// instance) and the services its ingress rules open (SG-to-SG rules, and rules open to the world).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface FlowEni {
  readonly id: string;
  readonly address: string;
  readonly groupIds: readonly string[];
  readonly subnetId: string;
  readonly vpcId: string;
  readonly accountId: string;
  readonly instanceId?: string;
  readonly availabilityZone?: string;
}

/** Traffic an ingress rule admits: from the ENIs of a group, or from anywhere (0.0.0.0/0). */
export interface FlowService {
  readonly from: { readonly groupId: string } | { readonly world: true };
  readonly toGroupId: string;
  /** 6 tcp, 17 udp. */
  readonly protocol: number;
  readonly port: number;
}

export interface FlowTopology {
  readonly accountId: string;
  readonly region: string;
  readonly enis: readonly FlowEni[];
  readonly services: readonly FlowService[];
}

interface Pair {
  GroupId?: string;
}
interface Permission {
  IpProtocol?: string;
  FromPort?: number;
  ToPort?: number;
  UserIdGroupPairs?: Pair[];
  IpRanges?: { CidrIp?: string }[];
}
interface Group {
  GroupId: string;
  IpPermissions?: Permission[];
}
interface Eni {
  NetworkInterfaceId: string;
  PrivateIpAddress?: string;
  Groups?: { GroupId: string }[];
  SubnetId?: string;
  VpcId?: string;
  OwnerId?: string;
  AvailabilityZone?: string;
  Status?: string;
  Attachment?: { InstanceId?: string };
}

const PROTOCOLS: Record<string, number> = { tcp: 6, '6': 6, udp: 17, '17': 17 };

/**
 * The topology of `aws ec2 describe-network-interfaces` and `describe-security-groups` output. A rule
 * with a port range opens its first port (the service port); all-traffic and ICMP rules open none.
 */
export function topologyFromDescribe(
  networkInterfaces: { NetworkInterfaces: Eni[] },
  securityGroups: { SecurityGroups: Group[] },
  region: string,
): FlowTopology {
  const enis: FlowEni[] = networkInterfaces.NetworkInterfaces.filter(
    (e) => e.PrivateIpAddress !== undefined && e.Status !== 'available',
  ).map((e) => ({
    id: e.NetworkInterfaceId,
    address: e.PrivateIpAddress!,
    groupIds: (e.Groups ?? []).map((g) => g.GroupId),
    subnetId: e.SubnetId ?? '-',
    vpcId: e.VpcId ?? '-',
    accountId: e.OwnerId ?? '-',
    ...(e.Attachment?.InstanceId ? { instanceId: e.Attachment.InstanceId } : {}),
    ...(e.AvailabilityZone ? { availabilityZone: e.AvailabilityZone } : {}),
  }));
  const services: FlowService[] = [];
  for (const group of securityGroups.SecurityGroups)
    for (const p of group.IpPermissions ?? []) {
      const protocol = PROTOCOLS[p.IpProtocol ?? ''];
      if (protocol === undefined || p.FromPort === undefined) continue;
      const base = { toGroupId: group.GroupId, protocol, port: p.FromPort };
      for (const pair of p.UserIdGroupPairs ?? [])
        if (pair.GroupId) services.push({ from: { groupId: pair.GroupId }, ...base });
      if ((p.IpRanges ?? []).some((r) => r.CidrIp === '0.0.0.0/0')) services.push({ from: { world: true }, ...base });
    }
  return { accountId: enis[0]?.accountId ?? '123456789012', region, enis, services };
}

/** The topology of a snapshot folder (the files `sg-guardian snapshot` writes, e.g. examples/account). */
export async function topologyFromSnapshot(dir: string, region = 'eu-west-1'): Promise<FlowTopology> {
  const read = async (name: string) => JSON.parse(await readFile(join(dir, name), 'utf8'));
  return topologyFromDescribe(
    await read('describe-network-interfaces.json'),
    await read('describe-security-groups.json'),
    region,
  );
}
