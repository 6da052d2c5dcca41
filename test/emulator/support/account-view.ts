import {
  DescribeNetworkAclsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupsCommand,
  type EC2Client,
  type SecurityGroup,
  type SecurityGroupRule,
} from '@aws-sdk/client-ec2';
import { ruleContent } from './example-account';
import type { IdMap } from './id-map';

/**
 * The example VPC as Describe* reads it back, in example ids and without the ids EC2 hands out anew
 * (a re-added rule gets a new sgr- id): what a revert must restore. Lists are sorted so that order
 * does not matter.
 */
export interface AccountView {
  readonly groups: Record<string, { readonly name: string; readonly tags: string[]; readonly rules: string[] }>;
  readonly enis: Record<string, string[]>;
  readonly nacls: Record<string, { readonly entries: string[]; readonly subnets: string[] }>;
}

export async function readAccount(ec2: EC2Client, ids: IdMap): Promise<AccountView> {
  const inVpc = [{ Name: 'vpc-id', Values: [ids.real('vpc-0demo1a2b3c4d5e6')] }];
  const [groups, enis, nacls] = await Promise.all([
    ec2.send(new DescribeSecurityGroupsCommand({ Filters: inVpc })),
    ec2.send(new DescribeNetworkInterfacesCommand({ Filters: inVpc })),
    ec2.send(new DescribeNetworkAclsCommand({ Filters: inVpc })),
  ]);
  const view: AccountView = { groups: {}, enis: {}, nacls: {} };
  for (const g of groups.SecurityGroups ?? [])
    view.groups[g.GroupId!] = {
      name: g.GroupName!,
      tags: (g.Tags ?? []).map((t) => `${t.Key}=${t.Value}`).sort(),
      rules: rulesOf(g)
        .map((r) => `${ruleContent(r)} "${r.Description ?? ''}"`)
        .sort(),
    };
  for (const e of enis.NetworkInterfaces ?? [])
    view.enis[e.NetworkInterfaceId!] = (e.Groups ?? []).map((g) => g.GroupId!).sort();
  for (const n of nacls.NetworkAcls ?? [])
    view.nacls[n.NetworkAclId!] = {
      entries: (n.Entries ?? [])
        .map((e) => {
          const ports = e.PortRange ? `${e.PortRange.From}-${e.PortRange.To}` : 'all';
          const cidr = e.CidrBlock ?? e.Ipv6CidrBlock;
          return `${e.Egress ? 'egress' : 'ingress'} #${e.RuleNumber} ${e.RuleAction} ${e.Protocol} ${ports} ${cidr}`;
        })
        .sort(),
      subnets: (n.Associations ?? []).map((a) => a.SubnetId!).sort(),
    };
  return ids.toExample(view);
}

/**
 * A group's rules, one per peer, from DescribeSecurityGroups: moto's DescribeSecurityGroupRules drops
 * the description of rules that reference a group (AWS lists it), DescribeSecurityGroups keeps it.
 */
export function rulesOf(group: SecurityGroup): SecurityGroupRule[] {
  const flat = (IsEgress: boolean) =>
    (IsEgress ? group.IpPermissionsEgress : group.IpPermissions)?.flatMap((p) => {
      const base = { GroupId: group.GroupId, IsEgress, IpProtocol: p.IpProtocol, FromPort: p.FromPort, ToPort: p.ToPort };
      return [
        ...(p.IpRanges ?? []).map((r) => ({ ...base, CidrIpv4: r.CidrIp, Description: r.Description })),
        ...(p.Ipv6Ranges ?? []).map((r) => ({ ...base, CidrIpv6: r.CidrIpv6, Description: r.Description })),
        ...(p.PrefixListIds ?? []).map((l) => ({ ...base, PrefixListId: l.PrefixListId, Description: l.Description })),
        ...(p.UserIdGroupPairs ?? []).map((g) => ({
          ...base,
          ReferencedGroupInfo: { GroupId: g.GroupId, UserId: g.UserId },
          Description: g.Description,
        })),
      ];
    }) ?? [];
  return [...flat(false), ...flat(true)];
}
