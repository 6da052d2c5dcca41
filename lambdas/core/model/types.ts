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
  /** Managed by an AWS service (load balancer, RDS, Lambda, VPC endpoint, EFS...): never change its groups. */
  readonly requesterManaged?: boolean;
  /** Who created a requester-managed ENI (e.g. `amazon-elb`, an account or service principal). */
  readonly requesterId?: string;
  /** eni-attach-... of its current attachment, when attached. */
  readonly attachmentId?: string;
}

/** Instance states in which an instance's ENIs carry traffic (instance-tag selectors pick only these). */
export const LIVE_INSTANCE_STATES: ReadonlySet<string> = new Set(['pending', 'running']);

/** An EC2 instance as the engine needs it: who it is (tags) and which ENIs it has (by device index). */
export interface Instance {
  readonly instanceId: string;
  /** pending | running | stopping | stopped | shutting-down | terminated. */
  readonly state: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly vpcId?: string;
  readonly subnetId?: string;
  /** The launch template it was launched from, when known (version as AWS reports it, e.g. "7"). */
  readonly launchTemplate?: { readonly launchTemplateId: string; readonly version?: string };
  /** Attached ENIs with their device index (0 = primary), sorted by device index. */
  readonly networkInterfaces: readonly { readonly eniId: string; readonly deviceIndex: number }[];
  /**
   * Set on a virtual instance: what an instance launched from this template version would be (judging
   * a launch template before any instance exists). Its id and its ENIs' ids start with `virtual:` and
   * never reach an EC2 call.
   */
  readonly fromTemplate?: { readonly launchTemplateId: string; readonly versionNumber: number };
}

/** One network interface an instance launched from a template gets. */
export interface TemplateInterface {
  readonly deviceIndex: number;
  readonly groupIds: readonly string[];
  /** Absent when the template leaves the subnet to the launch (an Auto Scaling group, RunInstances). */
  readonly subnetId?: string;
  readonly networkCardIndex?: number;
}

/** One version of a launch template: what instances launched from it will carry. */
export interface LaunchTemplateVersion {
  readonly launchTemplateId: string;
  readonly launchTemplateName?: string;
  readonly versionNumber: number;
  readonly isDefault: boolean;
  /** Top-level SecurityGroupIds (they apply to the primary ENI when no interfaces are listed). */
  readonly groupIds: readonly string[];
  /** Top-level SecurityGroups by name (default VPC only); kept to report that they cannot be judged. */
  readonly groupNames?: readonly string[];
  readonly networkInterfaces: readonly TemplateInterface[];
  /** Tags the instances get (TagSpecifications of ResourceType instance). */
  readonly instanceTags: Readonly<Record<string, string>>;
}

/** A launch template and which version launches by default. */
export interface LaunchTemplate {
  readonly launchTemplateId: string;
  readonly launchTemplateName?: string;
  readonly defaultVersionNumber: number;
  readonly latestVersionNumber?: number;
  readonly tags: Readonly<Record<string, string>>;
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
  /**
   * describe-instances.json present: instances and their tags are known. Without it an instance-tag
   * selector is "not evaluated", never an empty (and so silently fine) selection. @default false
   */
  readonly instances?: boolean;
  /** describe-launch-templates.json and describe-launch-template-versions.json present. @default false */
  readonly launchTemplates?: boolean;
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
  /** Groups with a rule whose peer is this prefix list (re-judging a ModifyManagedPrefixList). */
  groupsReferencingPrefixList(prefixListId: string): readonly SecurityGroup[];
  instance(instanceId: string): Instance | undefined;
  instances(): Iterable<Instance>;
  /** Instances carrying every tag given (any state: callers filter with LIVE_INSTANCE_STATES). */
  instancesByTags(tags: Readonly<Record<string, string>>): readonly Instance[];
  launchTemplate(launchTemplateId: string): LaunchTemplate | undefined;
  launchTemplates(): Iterable<LaunchTemplate>;
  /** One version of a template; undefined when not loaded. */
  launchTemplateVersion(launchTemplateId: string, versionNumber: number): LaunchTemplateVersion | undefined;
  /** Every version loaded of a template, by version number. */
  launchTemplateVersions(launchTemplateId: string): readonly LaunchTemplateVersion[];
  /** Set on a patched model: the model it overlays and the patch (lets indexes be derived, not rebuilt). */
  readonly overlay?: { readonly base: NetworkModel; readonly patch: ModelPatch };
}

/** Replacements applied on top of a model; `undefined` value = deleted. */
export interface ModelPatch {
  readonly groups?: ReadonlyMap<string, SecurityGroup | undefined>;
  readonly enis?: ReadonlyMap<string, NetworkInterface | undefined>;
  readonly nacls?: ReadonlyMap<string, NetworkAcl | undefined>;
  readonly prefixLists?: ReadonlyMap<string, PrefixList | undefined>;
  readonly instances?: ReadonlyMap<string, Instance | undefined>;
  readonly launchTemplates?: ReadonlyMap<string, LaunchTemplate | undefined>;
  /** Keyed by `${launchTemplateId}#${versionNumber}` (see launchTemplateVersionKey). */
  readonly launchTemplateVersions?: ReadonlyMap<string, LaunchTemplateVersion | undefined>;
}

/** Key of a launch template version in patches and indexes. */
export function launchTemplateVersionKey(launchTemplateId: string, versionNumber: number): string {
  return `${launchTemplateId}#${versionNumber}`;
}
