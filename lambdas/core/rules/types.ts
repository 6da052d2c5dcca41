import type { Direction, Protocol, SecurityGroup } from '../model/types';
import type { AddressSet } from '../util/cidr-set';
import type { ExposureRuleRef, FindingKind, PortRange, Severity } from '../verdict/types';

/** One rule that admits public addresses on (part of) a protocol. */
export interface ExposureSource {
  /** The rule's CIDR ('0.0.0.0/1', '::/0') or prefix list id. */
  readonly peer: string;
  /** Ports it opens; undefined for protocols without ports (icmp, '-1', other numbers). */
  readonly ranges?: readonly PortRange[];
  readonly ruleId?: string;
  /** Every address the peer admits (a prefix list: all its entries), special ranges included. */
  readonly addresses: AddressSet;
}

/**
 * How much of the world: 'internet' = at least half the public IPv4 space (a /1) or a /3 of IPv6;
 * 'wide' = at least the configured exposure.world threshold (default a /8 or a /32), but less.
 */
export type WorldBreadth = 'internet' | 'wide';

/** Size of the public space admitted (special ranges left out). */
export interface PublicSpace {
  readonly ipv4: number;
  readonly ipv6: bigint;
  /** Every public address of the family. */
  readonly wholeIpv4: boolean;
  readonly wholeIpv6: boolean;
}

/** Ports (of one protocol) that the same rules open to the world together. */
export interface ExposedSegment {
  /** Undefined for protocols without ports. */
  readonly ranges?: readonly PortRange[];
  readonly breadth: WorldBreadth;
  readonly space: PublicSpace;
  /** The rules whose union makes this exposure. */
  readonly sources: readonly ExposureSource[];
}

/** What one protocol exposes. `ranges` is merged and empty for protocols without ports. */
export interface ExposedEntry {
  readonly protocol: Protocol;
  readonly ranges: readonly PortRange[];
  readonly sources: readonly ExposureSource[];
  readonly segments: readonly ExposedSegment[];
}

/** A group's world exposure in one direction. A '-1' rule adds tcp/udp 0-65535 and a '-1' entry. */
export interface GroupExposure {
  readonly groupId: string;
  readonly direction: Direction;
  readonly entries: ReadonlyMap<Protocol, ExposedEntry>;
  /** Rules whose prefix list entries are unknown: exposure through them could not be judged. */
  readonly unevaluated: readonly string[];
}

/** Ports config.exposure.allowPublic opens to the world for a group, per protocol ('tcp' | 'udp'). */
export type AllowedPorts = ReadonlyMap<Protocol, readonly PortRange[]>;

export interface ExposureContext {
  readonly group: SecurityGroup;
  readonly exposure: Readonly<Record<Direction, GroupExposure>>;
  readonly allowed: Readonly<Record<Direction, AllowedPorts>>;
}

/** What a rule found; the evaluator adds ids, titles and severities from the registry. */
export interface RuleHit {
  readonly direction: Direction;
  readonly protocol: Protocol;
  /** Absent when ports mean nothing for the protocol. */
  readonly ports?: readonly PortRange[];
  readonly peers: readonly string[];
  /** Scales the rule's severity (see world-breadth.ts); 'internet' when absent. */
  readonly breadth?: WorldBreadth;
  /** The smallest public space among the hit's ports, for the explanation. */
  readonly space?: PublicSpace;
  /** The rules (peer and rule id) whose union makes up the exposure. */
  readonly sources?: readonly ExposureRuleRef[];
}

export type RuleCheck = (ctx: ExposureContext) => RuleHit[];

export type ExposureRuleKind = Extract<FindingKind, 'world-exposure' | 'world-egress'>;

/** Registry metadata of a rule, kept apart from its logic. */
export interface RuleEntry {
  readonly id: string;
  readonly kind: ExposureRuleKind;
  readonly severity: Severity;
  readonly title: string;
  readonly explanation: string;
}

export interface ExposureRule extends RuleEntry {
  readonly check: RuleCheck;
}
