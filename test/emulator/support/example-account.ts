import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateManagedPrefixListCommand,
  CreateNetworkAclCommand,
  CreateNetworkAclEntryCommand,
  CreateNetworkInterfaceCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeNetworkAclsCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  type EC2Client,
  type IpPermission,
  type NetworkAcl,
  type NetworkInterface,
  ReplaceNetworkAclAssociationCommand,
  type SecurityGroup,
  type SecurityGroupRule,
  type Tag,
} from '@aws-sdk/client-ec2';
import { IdMap } from './id-map';

const ACCOUNT_DIR = join('examples', 'account');
const VPC_ID = 'vpc-0demo1a2b3c4d5e6';

/**
 * The example account has no describe-subnets document; these CIDRs hold the private IPs its ENIs
 * list (10.0.1.x web tier, 10.0.2.x app tier) and the VPC's 10.0.0.0/16 that guardian.yaml implies.
 */
const VPC_CIDR = '10.0.0.0/16';
const SUBNETS = [
  { id: 'subnet-0web1', cidr: '10.0.1.0/24', az: 'eu-west-1a' },
  { id: 'subnet-0app1', cidr: '10.0.2.0/24', az: 'eu-west-1a' },
] as const;

function read<T>(file: string): T {
  return JSON.parse(readFileSync(join(ACCOUNT_DIR, file), 'utf8')) as T;
}

const isDefaultEgress = (p: IpPermission) =>
  p.IpProtocol === '-1' && p.IpRanges?.length === 1 && p.IpRanges[0]?.CidrIp === '0.0.0.0/0' &&
  !p.Ipv6Ranges?.length && !p.UserIdGroupPairs?.length && !p.PrefixListIds?.length;

/**
 * Builds examples/account in moto by API calls, as someone would in a real account: the VPC and its
 * subnets, the prefix list, the groups with their tags and rules, the NACLs with their entries and
 * subnet associations, the ENIs. Returns the map from example ids to the ids moto gave.
 * The ENIs stay unattached: moto shows an attached ENI's groups as the union of its own and its
 * instance's launch groups (README of ../shared/tools/moto), which no real account does, and the
 * policy selects endpoints by group, not by instance.
 */
export async function buildExampleAccount(ec2: EC2Client): Promise<IdMap> {
  const ids = new IdMap();
  const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: VPC_CIDR }));
  const vpcId = vpc.Vpc!.VpcId!;
  ids.set(VPC_ID, vpcId);
  for (const subnet of SUBNETS) {
    const out = await ec2.send(
      new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: subnet.cidr, AvailabilityZone: subnet.az }),
    );
    ids.set(subnet.id, out.Subnet!.SubnetId!);
  }
  await buildPrefixLists(ec2, ids);
  await buildGroups(ec2, ids, vpcId);
  await buildNacls(ec2, ids, vpcId);
  await buildEnis(ec2, ids);
  await mapRuleIds(ec2, ids);
  return ids;
}

async function buildPrefixLists(ec2: EC2Client, ids: IdMap) {
  const { PrefixLists } = read<{ PrefixLists: { PrefixListId: string; PrefixListName: string; AddressFamily: string; MaxEntries: number; Tags?: Tag[] }[] }>(
    'describe-managed-prefix-lists.json',
  );
  for (const list of PrefixLists) {
    const { Entries } = read<{ Entries: { Cidr: string; Description?: string }[] }>(
      join('get-managed-prefix-list-entries', `${list.PrefixListId}.json`),
    );
    const out = await ec2.send(
      new CreateManagedPrefixListCommand({
        PrefixListName: list.PrefixListName,
        AddressFamily: list.AddressFamily,
        MaxEntries: list.MaxEntries,
        Entries,
      }),
    );
    ids.set(list.PrefixListId, out.PrefixList!.PrefixListId!);
  }
}

async function buildGroups(ec2: EC2Client, ids: IdMap, vpcId: string) {
  const { SecurityGroups } = read<{ SecurityGroups: SecurityGroup[] }>('describe-security-groups.json');
  const defaults = await ec2.send(
    new DescribeSecurityGroupsCommand({
      Filters: [
        { Name: 'vpc-id', Values: [vpcId] },
        { Name: 'group-name', Values: ['default'] },
      ],
    }),
  );
  for (const group of SecurityGroups) {
    if (group.GroupName === 'default') {
      // Every VPC has its default group (all traffic from itself in, everything out), as the example's.
      // moto's lacks the self-referencing ingress rule AWS creates: add the example's when missing.
      const existing = defaults.SecurityGroups![0]!;
      ids.set(group.GroupId!, existing.GroupId!);
      if (!existing.IpPermissions?.length && group.IpPermissions?.length)
        await ec2.send(
          new AuthorizeSecurityGroupIngressCommand({
            GroupId: existing.GroupId,
            IpPermissions: ids.toReal(group.IpPermissions),
          }),
        );
      continue;
    }
    const out = await ec2.send(
      new CreateSecurityGroupCommand({
        GroupName: group.GroupName,
        Description: group.Description,
        VpcId: vpcId,
        ...(group.Tags?.length && { TagSpecifications: [{ ResourceType: 'security-group', Tags: group.Tags }] }),
      }),
    );
    ids.set(group.GroupId!, out.GroupId!);
  }
  // Rules after every group exists: they reference each other.
  for (const group of SecurityGroups) {
    if (group.GroupName === 'default') continue;
    const GroupId = ids.real(group.GroupId!);
    if (group.IpPermissions?.length)
      await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: ids.toReal(group.IpPermissions) }));
    // A new group already allows all traffic out, as the example groups do; anything else is added.
    const egress = (group.IpPermissionsEgress ?? []).filter((p) => !isDefaultEgress(p));
    if (egress.length)
      await ec2.send(new AuthorizeSecurityGroupEgressCommand({ GroupId, IpPermissions: ids.toReal(egress) }));
  }
}

async function buildNacls(ec2: EC2Client, ids: IdMap, vpcId: string) {
  const { NetworkAcls } = read<{ NetworkAcls: NetworkAcl[] }>('describe-network-acls.json');
  const current = await ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }));
  for (const nacl of NetworkAcls) {
    if (nacl.IsDefault) {
      // The VPC's default NACL (allow all, then deny all, both ways), as the example's.
      ids.set(nacl.NetworkAclId!, current.NetworkAcls!.find((n) => n.IsDefault)!.NetworkAclId!);
      continue;
    }
    const out = await ec2.send(
      new CreateNetworkAclCommand({
        VpcId: vpcId,
        ...(nacl.Tags?.length && { TagSpecifications: [{ ResourceType: 'network-acl', Tags: nacl.Tags }] }),
      }),
    );
    const NetworkAclId = out.NetworkAcl!.NetworkAclId!;
    ids.set(nacl.NetworkAclId!, NetworkAclId);
    // AWS gives every new NACL the catch-all deny (rule 32767, "*") both ways and lists it; moto lists
    // none for a NACL it did not create itself, so the set-up adds them (moto accepts the number).
    const listed = new Set((out.NetworkAcl!.Entries ?? []).map((e) => `${e.Egress}#${e.RuleNumber}`));
    for (const entry of nacl.Entries ?? []) {
      if (listed.has(`${entry.Egress}#${entry.RuleNumber}`)) continue;
      await ec2.send(
        new CreateNetworkAclEntryCommand({
          NetworkAclId,
          RuleNumber: entry.RuleNumber,
          Egress: entry.Egress,
          Protocol: entry.Protocol,
          RuleAction: entry.RuleAction,
          CidrBlock: entry.CidrBlock,
          Ipv6CidrBlock: entry.Ipv6CidrBlock,
          PortRange: entry.PortRange,
          IcmpTypeCode: entry.IcmpTypeCode,
        }),
      );
    }
    for (const association of nacl.Associations ?? []) {
      const SubnetId = ids.real(association.SubnetId!);
      const now = await ec2.send(
        new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: [SubnetId] }] }),
      );
      const old = now.NetworkAcls?.[0]?.Associations?.find((a) => a.SubnetId === SubnetId);
      const moved = await ec2.send(
        new ReplaceNetworkAclAssociationCommand({ AssociationId: old!.NetworkAclAssociationId!, NetworkAclId }),
      );
      ids.set(association.NetworkAclAssociationId!, moved.NewAssociationId!);
    }
  }
}

async function buildEnis(ec2: EC2Client, ids: IdMap) {
  const { NetworkInterfaces } = read<{ NetworkInterfaces: NetworkInterface[] }>('describe-network-interfaces.json');
  for (const eni of NetworkInterfaces) {
    const out = await ec2.send(
      new CreateNetworkInterfaceCommand({
        SubnetId: ids.real(eni.SubnetId!),
        Groups: (eni.Groups ?? []).map((g) => ids.real(g.GroupId!)),
        PrivateIpAddress: eni.PrivateIpAddress,
        Description: eni.Description,
      }),
    );
    ids.set(eni.NetworkInterfaceId!, out.NetworkInterface!.NetworkInterfaceId!);
  }
}

/** The real sgr- id of each example rule: same group, direction, protocol, ports and peer. */
async function mapRuleIds(ec2: EC2Client, ids: IdMap) {
  const { SecurityGroupRules } = read<{ SecurityGroupRules: SecurityGroupRule[] }>(
    'describe-security-group-rules.json',
  );
  const groupIds = [...new Set(SecurityGroupRules.map((r) => ids.real(r.GroupId!)))];
  const out = await ec2.send(
    new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: groupIds }] }),
  );
  for (const example of SecurityGroupRules) {
    const wanted = ruleContent(ids.toReal({ ...example, SecurityGroupRuleId: undefined }));
    const real = (out.SecurityGroupRules ?? []).find((r) => ruleContent(r) === wanted);
    if (!real) throw new Error(`moto has no rule like ${example.SecurityGroupRuleId}: ${wanted}`);
    ids.set(example.SecurityGroupRuleId!, real.SecurityGroupRuleId!);
  }
}

/** A rule's content as one string (ports ignored for all-traffic rules, which have none). */
export function ruleContent(r: SecurityGroupRule): string {
  const ports = r.IpProtocol === '-1' ? 'all' : `${r.FromPort}-${r.ToPort}`;
  const peer =
    r.CidrIpv4 || r.CidrIpv6 || r.PrefixListId || (r.ReferencedGroupInfo?.GroupId && `group ${r.ReferencedGroupInfo.GroupId}`);
  return `${r.GroupId} ${r.IsEgress ? 'egress' : 'ingress'} ${r.IpProtocol} ${ports} ${peer}`;
}
