import { rng } from './random';

/** Size of a generated account. */
export interface AccountSize {
  readonly groups: number;
  readonly rules: number;
  readonly enis: number;
  readonly dependencies: number;
}

export const BASE_SIZE: AccountSize = { groups: 5_000, rules: 50_000, enis: 20_000, dependencies: 1_000 };

const ACCOUNT = '123456789012';
const PORTS = [80, 443, 5432, 6379, 8080, 8443, 9000, 3306, 27017, 22];

/**
 * Generates an account as the AWS CLI would print it (describe-* JSON strings), with services that
 * depend on each other through SG-to-SG rules, NACLs per subnet and a guardian.yaml of dependencies.
 */
export function generateAccount(size: AccountSize, seed = 42) {
  const r = rng(seed);
  const subnets = Math.max(10, Math.round(size.enis / 100));
  const groupIds = Array.from(
    { length: size.groups },
    (_, i) => `sg-${(i + 1).toString(16).padStart(17, '0')}`,
  );
  const ingress: Record<string, unknown>[][] = groupIds.map(() => []);
  const dependencies: { name: string; from: string; to: string; port: number }[] = [];
  for (let d = 0; d < size.dependencies; d++) {
    const to = r.int(0, size.groups - 1);
    const from = (to + r.int(1, size.groups - 1)) % size.groups;
    const port = r.pick(PORTS);
    dependencies.push({ name: `dep-${d}`, from: groupIds[from]!, to: groupIds[to]!, port });
    ingress[to]!.push(perm(port, { UserIdGroupPairs: [{ GroupId: groupIds[from], UserId: ACCOUNT }] }));
  }
  let rules = size.dependencies + size.groups; // one egress rule per group
  while (rules < size.rules) {
    const g = r.int(0, size.groups - 1);
    const port = r.int(1, 40) === 1 ? 443 : r.int(1024, 20000);
    const peer =
      r.next() < 0.02
        ? { IpRanges: [{ CidrIp: '0.0.0.0/0' }] }
        : r.next() < 0.5
          ? { IpRanges: [{ CidrIp: `10.${r.int(0, 255)}.${r.int(0, 255)}.0/24` }] }
          : { UserIdGroupPairs: [{ GroupId: r.pick(groupIds), UserId: ACCOUNT }] };
    ingress[g]!.push(perm(port, peer));
    rules++;
  }
  const securityGroups = groupIds.map((id, i) => ({
    GroupId: id,
    GroupName: `svc-${i}`,
    Description: `service ${i}`,
    OwnerId: ACCOUNT,
    VpcId: 'vpc-0bench',
    Tags: [{ Key: 'Service', Value: `svc-${i}` }],
    IpPermissions: ingress[i],
    IpPermissionsEgress: [perm(undefined, { IpRanges: [{ CidrIp: '0.0.0.0/0' }] })],
  }));
  const networkInterfaces = Array.from({ length: size.enis }, (_, i) => {
    const subnet = i % subnets;
    const ip = `10.${Math.floor(subnet / 250)}.${subnet % 250}.${4 + Math.floor(i / subnets)}`;
    const groups = [groupIds[i % size.groups]!, ...(r.next() < 0.3 ? [r.pick(groupIds)] : [])];
    return {
      NetworkInterfaceId: `eni-${(i + 1).toString(16).padStart(17, '0')}`,
      SubnetId: `subnet-${subnet}`,
      VpcId: 'vpc-0bench',
      PrivateIpAddress: ip,
      PrivateIpAddresses: [{ PrivateIpAddress: ip, Primary: true }],
      Ipv6Addresses: [],
      Groups: [...new Set(groups)].map((g) => ({ GroupId: g, GroupName: g })),
      Attachment: { InstanceId: `i-${i.toString(16)}`, DeviceIndex: 0 },
    };
  });
  const networkAcls = Array.from({ length: subnets }, (_, s) => ({
    NetworkAclId: `acl-${s}`,
    VpcId: 'vpc-0bench',
    IsDefault: false,
    Associations: [
      { NetworkAclAssociationId: `aclassoc-${s}`, NetworkAclId: `acl-${s}`, SubnetId: `subnet-${s}` },
    ],
    Entries: [false, true].flatMap((egress) => [
      {
        RuleNumber: 100,
        Protocol: '6',
        RuleAction: 'allow',
        Egress: egress,
        CidrBlock: '10.0.0.0/8',
        PortRange: { From: 1, To: 65535 },
      },
      { RuleNumber: 200, Protocol: '-1', RuleAction: 'allow', Egress: egress, CidrBlock: '10.0.0.0/8' },
      { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: egress, CidrBlock: '0.0.0.0/0' },
    ]),
    Tags: [],
  }));
  const config = [
    'dependencies:',
    ...dependencies.map(
      (d) =>
        `  - { name: ${d.name}, from: { groupId: ${d.from} }, to: { groupId: ${d.to} }, protocol: tcp, port: ${d.port} }`,
    ),
    'actions: { dependency-broken: revert, world-exposure: revert }',
  ].join('\n');
  return {
    files: {
      securityGroups: JSON.stringify({ SecurityGroups: securityGroups }),
      networkInterfaces: JSON.stringify({ NetworkInterfaces: networkInterfaces }),
      networkAcls: JSON.stringify({ NetworkAcls: networkAcls }),
    },
    config,
    dependencies,
    groupIds,
    eniIds: networkInterfaces.map((e) => e.NetworkInterfaceId),
    subnets,
  };
}

function perm(port: number | undefined, peer: Record<string, unknown>) {
  return port === undefined
    ? { IpProtocol: '-1', IpRanges: [], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [], ...peer }
    : {
        IpProtocol: 'tcp',
        FromPort: port,
        ToPort: port,
        IpRanges: [],
        Ipv6Ranges: [],
        PrefixListIds: [],
        UserIdGroupPairs: [],
        ...peer,
      };
}
