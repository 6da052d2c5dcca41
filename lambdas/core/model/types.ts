/**
 * The network model: what the engine knows about an account's security groups, ENIs, NACLs and
 * prefix lists. Built from `aws ec2 describe-*` output (snapshot) or from live reads; immutable.
 */

/** Normalised protocol: '-1' (all), 'tcp', 'udp', 'icmp', 'icmpv6', or another IANA number as a string. */
export type Protocol = string;

export type Direction = 'ingress' | 'egress';

/** The peer of a security-group rule: source for ingress, destination for egress. */
export type RulePeer =
  | { readonly kind: 'cidr'; readonly cidr: string } // IPv4 or IPv6, normalised (e.g. 0.0.0.0/0, ::/0)
  | { readonly kind: 'sg'; readonly groupId: string; readonly userId?: string; readonly vpcId?: string }
  | { readonly kind: 'prefix-list'; readonly prefixListId: string };

/**
 * One security-group rule in AWS's own granularity (one peer per rule, like DescribeSecurityGroupRules).
 * tcp/udp: fromPort..toPort. icmp/icmpv6: fromPort = type, toPort = code (-1 = all). '-1': both -1.
 */
export interface RuleSpec {
  readonly protocol: Protocol;
  readonly fromPort: number;
  readonly toPort: number;
  readonly peer: RulePeer;
  readonly description?: string;
}

export interface SgRule extends RuleSpec {
  readonly groupId: string;
  readonly direction: Direction;
  /** sgr-... when known (describe-security-group-rules or the event's response). */
  readonly ruleId?: string;
}

export interface SecurityGroup {
  readonly groupId: string;
  readonly groupName: string;
  readonly vpcId?: string;
  readonly ownerId?: string;
  readonly description?: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly rules: readonly SgRule[];
}

export interface NetworkInterface {
  readonly eniId: string;
  readonly subnetId: string;
  readonly vpcId: string;
  /** Primary private IPv4 first. */
  readonly privateIps: readonly string[];
  readonly ipv6Addresses: readonly string[];
  readonly groupIds: readonly string[];
  readonly instanceId?: string;
  readonly deviceIndex?: number;
  readonly description?: string;
  readonly interfaceType?: string;
}

export interface NaclEntry {
  readonly ruleNumber: number;
  readonly egress: boolean;
  readonly protocol: Protocol;
  readonly action: 'allow' | 'deny';
  /** IPv4 or IPv6 CIDR, normalised. */
  readonly cidr: string;
  /** Absent for protocols without ports ('-1', icmp) = all ports. */
  readonly portRange?: { readonly from: number; readonly to: number };
  readonly icmpTypeCode?: { readonly type: number; readonly code: number };
}

export interface NaclAssociation {
  readonly associationId: string;
  readonly subnetId: string;
}

export interface NetworkAcl {
  readonly naclId: string;
  readonly vpcId: string;
  readonly isDefault: boolean;
  /** Both directions, any order; evaluation sorts by ruleNumber. */
  readonly entries: readonly NaclEntry[];
  readonly associations: readonly NaclAssociation[];
  readonly tags: Readonly<Record<string, string>>;
}

export interface PrefixList {
  readonly prefixListId: string;
  readonly name?: string;
  readonly addressFamily?: 'IPv4' | 'IPv6';
  /** undefined = entries not loaded (the layer is "not evaluated" for this list). */
  readonly cidrs?: readonly string[];
}

/** Which optional layers the model could load. A missing layer is "not evaluated", never allowed. */
export interface ModelCoverage {
  /** describe-security-group-rules.json present: rule ids are known. */
  readonly ruleIds: boolean;
  /** describe-network-acls.json present. */
  readonly nacls: boolean;
  /** describe-managed-prefix-lists.json present (entries per list may still be missing). */
  readonly prefixLists: boolean;
}

/** Read access to a (possibly patched) model. Implementations must answer in O(result) where possible. */
export interface NetworkModel {
  readonly coverage: ModelCoverage;
  group(groupId: string): SecurityGroup | undefined;
  groups(): Iterable<SecurityGroup>;
  /** Groups whose name equals `name` (several VPCs may share a name). */
  groupsByName(name: string): readonly SecurityGroup[];
  /** Groups carrying every tag given. */
  groupsByTags(tags: Readonly<Record<string, string>>): readonly SecurityGroup[];
  eni(eniId: string): NetworkInterface | undefined;
  enis(): Iterable<NetworkInterface>;
  /** ENIs that have `groupId` attached. */
  enisWithGroup(groupId: string): readonly NetworkInterface[];
  nacl(naclId: string): NetworkAcl | undefined;
  nacls(): Iterable<NetworkAcl>;
  /** The NACL associated with the subnet; undefined when NACLs are not loaded or the subnet is unknown. */
  naclForSubnet(subnetId: string): NetworkAcl | undefined;
  prefixList(prefixListId: string): PrefixList | undefined;
  /** Finds a rule by id across all groups. */
  ruleById(ruleId: string): SgRule | undefined;
  /** Every prefix list loaded (optional so hand-written fakes need not provide it; used to serialise). */
  prefixLists?(): Iterable<PrefixList>;
  /** Set on a patched model: the model it overlays and the patch (lets indexes be derived, not rebuilt). */
  readonly overlay?: { readonly base: NetworkModel; readonly patch: ModelPatch };
}

/** Replacements applied on top of a model; `undefined` value = deleted. */
export interface ModelPatch {
  readonly groups?: ReadonlyMap<string, SecurityGroup | undefined>;
  readonly enis?: ReadonlyMap<string, NetworkInterface | undefined>;
  readonly nacls?: ReadonlyMap<string, NetworkAcl | undefined>;
}
