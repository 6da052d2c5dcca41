import type { NetworkModel, SecurityGroup, SgRule } from '../model/types';
import { hclString, portAttributes, terraformBlock, terraformName } from '../reachability/fix-format';
import { isWorldCidr } from '../util/cidr';
import { hasPorts } from '../util/protocol';
import type { LearnedTraffic } from './aggregate';
import { ruleKey } from './rule-hits';
import { aggregateSources, type ObservedSource } from './sources';

/** A rule of a fully logged group that admitted (ingress) or let out (egress) no flow in the window. */
export interface UnusedRule {
  readonly key: string;
  readonly ruleId?: string;
  readonly groupId: string;
  readonly groupName: string;
  readonly direction: 'ingress' | 'egress';
  /** 'tcp 8000 from 10.0.0.0/16', 'all traffic to 0.0.0.0/0'. */
  readonly rule: string;
  /** Last flow it admitted anywhere in the logs (before the window), when any. */
  readonly lastSeen?: number;
}

/** A rule open to the world and the sources actually seen through it, as a replacement. */
export interface WorldRuleReplacement {
  readonly key: string;
  readonly ruleId?: string;
  readonly groupId: string;
  readonly groupName: string;
  readonly rule: string;
  readonly flows: number;
  readonly sources: readonly ObservedSource[];
  /** Too many distinct sources to list (kept the most frequent): keep the rule, or front it. */
  readonly truncated: boolean;
  readonly awsCli: readonly string[];
  readonly terraform: string;
}

export interface LeastPrivilege {
  readonly unused: readonly UnusedRule[];
  readonly world: readonly WorldRuleReplacement[];
  /** Groups with an ENI that logged nothing: their rules are not judged (unseen traffic proves nothing). */
  readonly notCovered: readonly string[];
}

const SOURCES_LISTED = 50;

function ports(rule: SgRule): string {
  if (rule.protocol === '-1') return 'all traffic';
  if (!hasPorts(rule.protocol) || rule.fromPort < 0) return rule.protocol;
  return rule.fromPort === rule.toPort
    ? `${rule.protocol} ${rule.fromPort}`
    : `${rule.protocol} ${rule.fromPort}-${rule.toPort}`;
}

export function describeRule(rule: SgRule): string {
  const peer =
    rule.peer.kind === 'cidr' ? rule.peer.cidr : rule.peer.kind === 'sg' ? rule.peer.groupId : rule.peer.prefixListId;
  return `${ports(rule)} ${rule.direction === 'egress' ? 'to' : 'from'} ${peer}`;
}

function permissions(rule: SgRule, sources: readonly ObservedSource[]): string {
  const range = rule.protocol === '-1' ? '' : `,FromPort=${rule.fromPort},ToPort=${rule.toPort}`;
  const v4 = sources.filter((s) => s.kind === 'cidr' && !s.value.includes(':'));
  const v6 = sources.filter((s) => s.kind === 'cidr' && s.value.includes(':'));
  const groups = sources.filter((s) => s.kind === 'group');
  const parts = [
    ...(v4.length ? [`IpRanges=[${v4.map((s) => `{CidrIp=${s.value},Description="learned"}`).join(',')}]`] : []),
    ...(v6.length ? [`Ipv6Ranges=[${v6.map((s) => `{CidrIpv6=${s.value},Description="learned"}`).join(',')}]`] : []),
    ...(groups.length ? [`UserIdGroupPairs=[${groups.map((s) => `{GroupId=${s.value}}`).join(',')}]`] : []),
  ];
  return `IpProtocol=${rule.protocol}${range},${parts.join(',')}`;
}

function revoke(rule: SgRule): string {
  if (rule.ruleId)
    return `aws ec2 revoke-security-group-ingress --group-id ${rule.groupId} --security-group-rule-ids ${rule.ruleId}`;
  const peer = rule.peer.kind === 'cidr' && rule.peer.cidr.includes(':') ? 'Ipv6Ranges=[{CidrIpv6=::/0}]' : 'IpRanges=[{CidrIp=0.0.0.0/0}]';
  const range = rule.protocol === '-1' ? '' : `,FromPort=${rule.fromPort},ToPort=${rule.toPort}`;
  return `aws ec2 revoke-security-group-ingress --group-id ${rule.groupId} --ip-permissions 'IpProtocol=${rule.protocol}${range},${peer}'`;
}

function terraformFor(rule: SgRule, sources: readonly ObservedSource[]): string {
  const range = rule.protocol === '-1' || rule.fromPort < 0 ? undefined : { from: rule.fromPort, to: rule.toPort };
  return sources
    .map((s) => {
      const peer: [string, string] =
        s.kind === 'group'
          ? ['referenced_security_group_id', hclString(s.value)]
          : [s.value.includes(':') ? 'cidr_ipv6' : 'cidr_ipv4', hclString(s.value)];
      return terraformBlock('aws_vpc_security_group_ingress_rule', terraformName('learned', rule.groupId, s.value), [
        ['security_group_id', hclString(rule.groupId)],
        peer,
        ['ip_protocol', hclString(rule.protocol)],
        ...portAttributes(rule.protocol, range),
        ['description', hclString('learned from flow logs')],
      ]);
    })
    .join('\n\n');
}

/** Groups every ENI of which logged a record: only their rules can be judged unused. */
function coverage(model: NetworkModel, traffic: LearnedTraffic): { covered: SecurityGroup[]; notCovered: string[] } {
  const covered: SecurityGroup[] = [];
  const notCovered: string[] = [];
  for (const group of model.groups()) {
    const enis = model.enisWithGroup(group.groupId);
    if (enis.length === 0) continue;
    if (enis.every((e) => traffic.loggedEniIds.has(e.eniId))) covered.push(group);
    else if (enis.some((e) => traffic.loggedEniIds.has(e.eniId))) notCovered.push(group.groupId);
  }
  return { covered, notCovered: notCovered.sort() };
}

/**
 * Least privilege from what the flow logs saw: rules of fully logged groups that admitted no flow in
 * the window (ingress: no client came in through it; egress: no connection went out through it), and
 * for each ingress rule open to the world (0.0.0.0/0, ::/0) the sources seen through it as a
 * replacement (authorize the sources, then revoke the world rule; Terraform for the new rules).
 */
export function leastPrivilege(model: NetworkModel, traffic: LearnedTraffic): LeastPrivilege {
  const { covered, notCovered } = coverage(model, traffic);
  const unused: UnusedRule[] = [];
  const world: WorldRuleReplacement[] = [];
  for (const group of covered)
    for (const rule of group.rules) {
      const hit = traffic.ruleHits.get(rule);
      const base = {
        key: ruleKey(rule),
        ...(rule.ruleId ? { ruleId: rule.ruleId } : {}),
        groupId: group.groupId,
        groupName: group.groupName,
        rule: describeRule(rule),
      };
      if (!hit || hit.flowsInWindow === 0) {
        const lastSeen = hit?.lastSeen !== undefined ? { lastSeen: hit.lastSeen } : {};
        unused.push({ ...base, direction: rule.direction, ...lastSeen });
        continue;
      }
      if (rule.direction !== 'ingress' || rule.peer.kind !== 'cidr' || !isWorldCidr(rule.peer.cidr)) continue;
      const all = aggregateSources(hit.sources);
      const truncated = hit.sourcesTruncated || all.length > SOURCES_LISTED;
      const sources = all.slice(0, SOURCES_LISTED);
      const awsCli = truncated
        ? []
        : [
            `aws ec2 authorize-security-group-ingress --group-id ${group.groupId} --ip-permissions '${permissions(rule, sources)}'`,
            revoke(rule),
          ];
      world.push({
        ...base,
        flows: hit.flowsInWindow,
        sources,
        truncated,
        awsCli,
        terraform: truncated ? '' : terraformFor(rule, sources),
      });
    }
  return { unused, world, notCovered };
}
