import {
  AuthorizeSecurityGroupIngressCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  type EC2Client,
  type IpPermission,
  ModifyNetworkInterfaceAttributeCommand,
  ReplaceNetworkAclEntryCommand,
  RevokeSecurityGroupIngressCommand,
  type SecurityGroupRule,
} from '@aws-sdk/client-ec2';
import { rulesOf as flatRules } from './account-view';
import { ruleContent } from './example-account';
import { ACCOUNT } from './moto';

type Json = Record<string, unknown>;

/** What the call answered, for the CloudTrail record: its request id and, for an authorize, the new rules. */
export interface MadeChange {
  readonly requestId: string;
  readonly responseElements: Json;
}

/** Makes a CloudTrail record's call (requestParameters already in real ids) through the EC2 API. */
type Maker = (ec2: EC2Client, request: Json) => Promise<MadeChange>;

const items = (node: unknown): Json[] => ((node as { items?: Json[] } | undefined)?.items ?? []);
const str = (v: unknown) => (v === undefined ? undefined : String(v));
const num = (v: unknown) => (v === undefined ? undefined : Number(v));

/** CloudTrail's `ipPermissions` (items of ipRanges, ipv6Ranges, groups, prefixListIds) as the SDK's IpPermissions. */
export function sdkPermissions(node: unknown): IpPermission[] {
  return items(node).map((p) => ({
    IpProtocol: str(p.ipProtocol),
    FromPort: num(p.fromPort),
    ToPort: num(p.toPort),
    IpRanges: items(p.ipRanges).map((r) => ({ CidrIp: str(r.cidrIp), Description: str(r.description) })),
    Ipv6Ranges: items(p.ipv6Ranges).map((r) => ({ CidrIpv6: str(r.cidrIpv6), Description: str(r.description) })),
    UserIdGroupPairs: items(p.groups).map((g) => ({
      GroupId: str(g.groupId),
      UserId: str(g.userId),
      Description: str(g.description),
    })),
    PrefixListIds: items(p.prefixListIds).map((l) => ({
      PrefixListId: str(l.prefixListId),
      Description: str(l.description),
    })),
  }));
}

/** A group's rules as DescribeSecurityGroupRules lists them. */
export async function rulesOf(ec2: EC2Client, groupId: string): Promise<SecurityGroupRule[]> {
  const out = await ec2.send(
    new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [groupId] }] }),
  );
  return out.SecurityGroupRules ?? [];
}

/** A rule as CloudTrail lists it in `securityGroupRuleSet` (see examples/events/02-open-8080-to-world.json). */
export function cloudTrailRule(r: SecurityGroupRule): Json {
  return {
    groupOwnerId: r.GroupOwnerId || ACCOUNT, // moto leaves GroupOwnerId empty
    groupId: r.GroupId,
    securityGroupRuleId: r.SecurityGroupRuleId,
    isEgress: r.IsEgress,
    ipProtocol: r.IpProtocol,
    fromPort: r.FromPort,
    toPort: r.ToPort,
    ...(r.CidrIpv4 && { cidrIpv4: r.CidrIpv4 }),
    ...(r.CidrIpv6 && { cidrIpv6: r.CidrIpv6 }),
    ...(r.PrefixListId && { prefixListId: r.PrefixListId }),
    ...(r.ReferencedGroupInfo && {
      referencedGroupInfo: { groupId: r.ReferencedGroupInfo.GroupId, userId: r.ReferencedGroupInfo.UserId },
    }),
    ...(r.Description && { description: r.Description }),
  };
}

/**
 * The rules an authorize added, read back with DescribeSecurityGroupRules: moto's Authorize answer
 * lists only the last permission's rules (and no ports for all-traffic ones), AWS's lists them all.
 */
export async function addedRules(ec2: EC2Client, groupId: string, before: readonly SecurityGroupRule[]) {
  const known = new Set(before.map((r) => r.SecurityGroupRuleId));
  return (await rulesOf(ec2, groupId)).filter((r) => !known.has(r.SecurityGroupRuleId));
}

const authorizeIngress: Maker = async (ec2, request) => {
  const GroupId = String(request.groupId);
  const before = await rulesOf(ec2, GroupId);
  const out = await ec2.send(
    new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: sdkPermissions(request.ipPermissions) }),
  );
  const added = await addedRules(ec2, GroupId, before);
  return {
    requestId: out.$metadata.requestId ?? 'moto',
    responseElements: { _return: true, securityGroupRuleSet: { items: added.map(cloudTrailRule) } },
  };
};

/**
 * moto matches a revoke by IpPermissions against the stored description too (AWS ignores it): the
 * call carries each matching rule's stored description; the CloudTrail record keeps the request as
 * the user sent it.
 */
async function withStoredDescriptions(ec2: EC2Client, groupId: string, permissions: IpPermission[]) {
  const groups = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }));
  const stored = groups.SecurityGroups?.flatMap(flatRules) ?? [];
  const described = (content: string) => stored.find((r) => ruleContent(r) === content)?.Description;
  return permissions.map((p) => {
    const base = { GroupId: groupId, IsEgress: false, IpProtocol: p.IpProtocol, FromPort: p.FromPort, ToPort: p.ToPort };
    return {
      ...p,
      IpRanges: p.IpRanges?.map((r) => ({ ...r, Description: r.Description ?? described(ruleContent({ ...base, CidrIpv4: r.CidrIp })) })),
      Ipv6Ranges: p.Ipv6Ranges?.map((r) => ({ ...r, Description: r.Description ?? described(ruleContent({ ...base, CidrIpv6: r.CidrIpv6 })) })),
      UserIdGroupPairs: p.UserIdGroupPairs?.map((g) => ({
        ...g,
        Description: g.Description ?? described(ruleContent({ ...base, ReferencedGroupInfo: { GroupId: g.GroupId } })),
      })),
    };
  });
}

const revokeIngress: Maker = async (ec2, request) => {
  const GroupId = String(request.groupId);
  const ruleIds = items(request.securityGroupRuleIds).map((r) => String(r.securityGroupRuleId));
  const permissions = sdkPermissions(request.ipPermissions);
  const out = await ec2.send(
    new RevokeSecurityGroupIngressCommand({
      GroupId,
      ...(permissions.length > 0 && { IpPermissions: await withStoredDescriptions(ec2, GroupId, permissions) }),
      ...(ruleIds.length > 0 && { SecurityGroupRuleIds: ruleIds }),
    }),
  );
  // AWS answers revokedSecurityGroupRuleSet only for some calls; the example records carry none, nor does moto.
  return { requestId: out.$metadata.requestId ?? 'moto', responseElements: { _return: true } };
};

const modifyEniAttribute: Maker = async (ec2, request) => {
  const out = await ec2.send(
    new ModifyNetworkInterfaceAttributeCommand({
      NetworkInterfaceId: String(request.networkInterfaceId),
      Groups: items(request.groupSet).map((g) => String(g.groupId)),
    }),
  );
  return { requestId: out.$metadata.requestId ?? 'moto', responseElements: { _return: true } };
};

const replaceNaclEntry: Maker = async (ec2, request) => {
  const range = request.portRange as { from?: number; to?: number } | undefined;
  const icmp = request.icmpTypeCode as { type?: number; code?: number } | undefined;
  const out = await ec2.send(
    new ReplaceNetworkAclEntryCommand({
      NetworkAclId: String(request.networkAclId),
      RuleNumber: Number(request.ruleNumber),
      Egress: request.egress === true,
      RuleAction: request.ruleAction as 'allow' | 'deny',
      Protocol: String(request.aclProtocol),
      CidrBlock: str(request.cidrBlock),
      Ipv6CidrBlock: str(request.ipv6CidrBlock),
      ...(range?.from !== undefined && { PortRange: { From: range.from, To: range.to } }),
      ...(icmp?.type !== undefined && { IcmpTypeCode: { Type: icmp.type, Code: icmp.code } }),
    }),
  );
  return { requestId: out.$metadata.requestId ?? 'moto', responseElements: { _return: true } };
};

/** eventName -> the call that makes it. */
const MAKERS: Readonly<Record<string, Maker>> = {
  AuthorizeSecurityGroupIngress: authorizeIngress,
  RevokeSecurityGroupIngress: revokeIngress,
  ModifyNetworkInterfaceAttribute: modifyEniAttribute,
  ReplaceNetworkAclEntry: replaceNaclEntry,
};

/** Makes the call a CloudTrail record describes; a record of a failed call (errorCode) changes nothing. */
export async function makeChange(ec2: EC2Client, detail: Json): Promise<MadeChange | undefined> {
  if (detail.errorCode !== undefined) return undefined;
  const maker = MAKERS[String(detail.eventName)];
  if (!maker) throw new Error(`the emulator suite cannot make ${String(detail.eventName)} yet`);
  return maker(ec2, detail.requestParameters as Json);
}
