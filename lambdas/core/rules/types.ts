import type { Direction, Protocol, SecurityGroup } from '../model/types';
import type { FindingKind, PortRange, Severity } from '../verdict/types';

/** One rule that opens (part of) a protocol to the world. */
export interface ExposureSource {
  /** '0.0.0.0/0', '::/0' or a prefix list id. */
  readonly peer: string;
  /** Ports it opens; undefined for protocols without ports (icmp, '-1', other numbers). */
  readonly ranges?: readonly PortRange[];
  readonly ruleId?: string;
}

/** What one protocol exposes. `ranges` is merged and empty for protocols without ports. */
export interface ExposedEntry {
  readonly protocol: Protocol;
  readonly ranges: readonly PortRange[];
  readonly sources: readonly ExposureSource[];
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
