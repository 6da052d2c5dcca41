import type { Actor, Change, EventMeta } from '../events/types';
import type { Direction, Protocol } from '../model/types';
import type { ExemptionNotice } from './break-glass';

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** A reachability layer in the order traffic meets it. */
export type Layer = 'sg-egress' | 'nacl-outbound' | 'nacl-inbound' | 'sg-ingress' | 'nacl-return';

export interface PortRange {
  readonly from: number;
  readonly to: number;
}

export interface LayerResult {
  readonly layer: Layer;
  readonly status: 'allow' | 'block' | 'not-evaluated' | 'skipped';
  /** Human explanation: the rule or NACL entry that decided, or why it was skipped. */
  readonly detail: string;
  /** The id that decided (sgr-..., acl-...#rule, sg-...). */
  readonly decidedBy?: string;
}

export interface PairResult {
  readonly sourceEniId: string;
  readonly sourceIp: string;
  readonly destinationEniId: string;
  readonly destinationIp: string;
  readonly reachable: boolean;
  readonly layers: readonly LayerResult[];
}

/** A least-privilege fix: an SG-to-SG rule or a narrow NACL entry, never 0.0.0.0/0. */
export interface Fix {
  readonly layer: Layer;
  readonly summary: string;
  readonly awsCli: string;
  readonly terraform: string;
  /**
   * The one EC2 call that applies the fix (SDK v3 input), when it is one call the guardian can make:
   * offered as a one-click "Apply fix". Absent when the fix needs more (peering, renumbering, a service API).
   */
  readonly apply?: RevertStep;
}

export interface DependencyResult {
  readonly dependency: string;
  readonly protocol: Protocol;
  readonly port?: number;
  /** reachable: every pair; blocked: at least one pair blocked; unresolved: no ENI on one side. */
  readonly status: 'reachable' | 'blocked' | 'unresolved';
  readonly sourceGroupIds: readonly string[];
  readonly destinationGroupIds: readonly string[];
  readonly pairs: readonly PairResult[];
  /** Distinct blocking layers over all blocked pairs. */
  readonly blockedBy: readonly Layer[];
  /** Layers that could not be evaluated (missing snapshot file) — never counted as allowed. */
  readonly notEvaluated: readonly Layer[];
  readonly fixes: readonly Fix[];
  readonly reason?: string;
}

export type FindingKind = 'world-exposure' | 'world-egress' | 'dependency-broken' | 'rule-error';

/** A security group rule that admits public addresses: its CIDR or prefix list, and its id when known. */
export interface ExposureRuleRef {
  readonly peer: string;
  readonly ruleId?: string;
}

export interface Finding {
  /** Stable id: hash of kind, rule, group and ports; used by buttons and links. */
  readonly id: string;
  readonly kind: FindingKind;
  /** Registry id of the rule that produced it, e.g. SG-EXPOSURE-ADMIN. */
  readonly ruleId: string;
  readonly severity: Severity;
  readonly title: string;
  readonly explanation: string;
  readonly groupId?: string;
  readonly direction?: Direction;
  readonly protocol?: Protocol;
  readonly ports?: readonly PortRange[];
  /** The world CIDR(s) or prefix list that opened it. */
  readonly peers?: readonly string[];
  /** World exposure: the rules whose public addresses together make it up (peer and rule id). */
  readonly sources?: readonly ExposureRuleRef[];
  /** World exposure: how much public space the peers admit, e.g. 'the whole IPv4 internet'. */
  readonly space?: string;
  readonly dependency?: string;
  readonly blockedBy?: readonly Layer[];
  readonly pairs?: readonly PairResult[];
  readonly fixes?: readonly Fix[];
}

export interface RevertStep {
  /** EC2 API name, e.g. RevokeSecurityGroupIngress. */
  readonly api: string;
  /** SDK v3 input, PascalCase, ready for the command. */
  readonly input: Readonly<Record<string, unknown>>;
  /** IAM action this step needs, e.g. ec2:RevokeSecurityGroupIngress. */
  readonly iamAction: string;
  readonly summary: string;
}

export interface RevertPlan {
  /** ready: steps undo the change; unknown-prior: prior state unknown, nothing guessed; none: nothing to undo. */
  readonly status: 'ready' | 'unknown-prior' | 'none';
  readonly steps: readonly RevertStep[];
  readonly reason?: string;
}

/** Whether the snapshot the engine was given shows the state before or after the change. */
export type SnapshotPosition = 'before' | 'after' | 'unknown';

export type VerdictStatus = 'ok' | 'violation' | 'ignored' | 'not-applied' | 'invalid';

export interface Verdict {
  readonly eventId: string;
  readonly eventName: string;
  readonly eventTime?: string;
  readonly verdict: VerdictStatus;
  readonly reason?: string;
  readonly actor?: Actor;
  readonly meta?: EventMeta;
  readonly change?: Change;
  readonly snapshotPosition?: SnapshotPosition;
  /** Caused by this change: a dependency that held before and not after, exposure that is new. */
  readonly findings: readonly Finding[];
  /** Dependencies already broken before the change (reported apart, not caused by it). */
  readonly preexisting: readonly Finding[];
  /** Layers or facts the engine could not evaluate for this change. */
  readonly notEvaluated: readonly string[];
  /** The inverse of the change; steps only when the verdict is a violation. */
  readonly revert: RevertPlan;
  /** What policy says to do: revert, notify, or none. */
  readonly action: 'revert' | 'notify' | 'none';
  /** Why a revert was downgraded to notify (exempt principal, break-glass tag, rule error, unknown prior). */
  readonly actionReason?: string;
  /** Break-glass exemptions this event opened, changed or closed, and tags over breakGlassMaxHours it met. */
  readonly exemptions?: readonly ExemptionNotice[];
}
