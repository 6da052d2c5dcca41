import type {
  Direction,
  NaclEntry,
  NetworkAcl,
  NetworkInterface,
  RulePeer,
  SecurityGroup,
  SgRule,
} from '../../../lambdas/core/model/types';

export type RuleInput = Omit<SgRule, 'groupId'>;

export const cidrPeer = (cidr: string): RulePeer => ({ kind: 'cidr', cidr });
export const sgPeer = (groupId: string): RulePeer => ({ kind: 'sg', groupId });
export const prefixListPeer = (prefixListId: string): RulePeer => ({ kind: 'prefix-list', prefixListId });

function rule(
  direction: Direction,
  protocol: string,
  from: number,
  to: number,
  peer: RulePeer,
  ruleId?: string,
): RuleInput {
  return { direction, protocol, fromPort: from, toPort: to, peer, ...(ruleId ? { ruleId } : {}) };
}

/** An ingress rule; ports are ignored (-1) for '-1'. */
export function ingress(
  protocol: string,
  from: number,
  to: number,
  peer: RulePeer,
  ruleId?: string,
): RuleInput {
  return rule('ingress', protocol, from, to, peer, ruleId);
}

export function egress(
  protocol: string,
  from: number,
  to: number,
  peer: RulePeer,
  ruleId?: string,
): RuleInput {
  return rule('egress', protocol, from, to, peer, ruleId);
}

/** AWS's default egress rule: all traffic to 0.0.0.0/0. */
export const defaultEgress = (): RuleInput => egress('-1', -1, -1, cidrPeer('0.0.0.0/0'));

export interface GroupOptions {
  readonly name?: string;
  readonly vpcId?: string;
  readonly tags?: Record<string, string>;
  readonly rules?: readonly RuleInput[];
}

export function group(groupId: string, options: GroupOptions = {}): SecurityGroup {
  return {
    groupId,
    groupName: options.name ?? groupId,
    vpcId: options.vpcId ?? 'vpc-1',
    tags: options.tags ?? {},
    rules: (options.rules ?? []).map((r) => ({ ...r, groupId })),
  };
}

/** The same group with other rules (for "after" states). */
export function withRules(sg: SecurityGroup, rules: readonly RuleInput[]): SecurityGroup {
  return { ...sg, rules: rules.map((r) => ({ ...r, groupId: sg.groupId })) };
}

export interface EniOptions {
  readonly subnetId: string;
  readonly ip: string;
  readonly groupIds: readonly string[];
  readonly vpcId?: string;
  readonly instanceId?: string;
  readonly deviceIndex?: number;
  readonly ipv6?: readonly string[];
}

export function eni(eniId: string, options: EniOptions): NetworkInterface {
  return {
    eniId,
    subnetId: options.subnetId,
    vpcId: options.vpcId ?? 'vpc-1',
    privateIps: [options.ip],
    ipv6Addresses: options.ipv6 ?? [],
    groupIds: options.groupIds,
    ...(options.instanceId ? { instanceId: options.instanceId } : {}),
    ...(options.deviceIndex !== undefined ? { deviceIndex: options.deviceIndex } : {}),
  };
}

export interface EntryOptions {
  readonly ruleNumber: number;
  readonly egress: boolean;
  readonly action?: 'allow' | 'deny';
  readonly protocol?: string;
  readonly cidr?: string;
  readonly ports?: readonly [number, number];
}

export function naclEntry(o: EntryOptions): NaclEntry {
  return {
    ruleNumber: o.ruleNumber,
    egress: o.egress,
    protocol: o.protocol ?? '-1',
    action: o.action ?? 'allow',
    cidr: o.cidr ?? '0.0.0.0/0',
    ...(o.ports ? { portRange: { from: o.ports[0], to: o.ports[1] } } : {}),
  };
}

/** AWS's default NACL content: #100 allows everything, #* denies the rest, both directions. */
export function openEntries(): NaclEntry[] {
  return [true, false].flatMap((isEgress) => [
    naclEntry({ ruleNumber: 100, egress: isEgress }),
    naclEntry({ ruleNumber: 32767, egress: isEgress, action: 'deny' }),
  ]);
}

export function nacl(
  naclId: string,
  subnetIds: readonly string[],
  entries: readonly NaclEntry[],
): NetworkAcl {
  return {
    naclId,
    vpcId: 'vpc-1',
    isDefault: false,
    entries,
    associations: subnetIds.map((subnetId, i) => ({ associationId: `aclassoc-${naclId}-${i}`, subnetId })),
    tags: {},
  };
}
