import type { Change } from '../core/events/types';
import type { NetworkModel } from '../core/model/types';
import type { RevertPlan, RevertStep, Verdict } from '../core/verdict/types';

/** Time, injected so the core never reads the clock. */
export interface Clock {
  now(): Date;
}

/** Supplies the network state a change is judged against (a snapshot, or live EC2 reads). */
export interface StateSource {
  modelFor(change: Change | undefined): Promise<NetworkModel>;
}

export interface StepOutcome {
  readonly step: RevertStep;
  /** applied: done; already: the state was already as wanted (e.g. InvalidPermission.NotFound); failed. */
  readonly status: 'applied' | 'already' | 'failed';
  readonly error?: string;
}

export interface RevertOutcome {
  readonly status: 'reverted' | 'partial' | 'failed' | 'skipped';
  readonly steps: readonly StepOutcome[];
  readonly reason?: string;
}

/** Applies a revert plan (EC2, or an in-memory model for the demo). */
export interface Reverter {
  apply(plan: RevertPlan, verdict: Verdict): Promise<RevertOutcome>;
}

/** What a notifier is told: the verdict and, when a revert ran, its outcome. */
export interface GuardrailReport {
  readonly verdict: Verdict;
  readonly revert?: RevertOutcome;
  readonly mode: Mode;
}

export interface Notifier {
  readonly name: string;
  notify(report: GuardrailReport): Promise<void>;
}

export type Mode = 'enforce' | 'dry-run';

// ---- Event-driven pipeline (Lambda) ports -------------------------------------------------------

/** Which resources to read live; every list may be empty. */
export interface ReadScope {
  /** Security groups to describe (rules with ids via DescribeSecurityGroupRules, metadata via DescribeSecurityGroups). */
  readonly groupIds?: readonly string[];
  /** ENIs carrying any of these groups (DescribeNetworkInterfaces, filter group-id). */
  readonly enisOfGroups?: readonly string[];
  readonly eniIds?: readonly string[];
  /** NACLs associated with these subnets (DescribeNetworkAcls, filter association.subnet-id). */
  readonly naclsOfSubnets?: readonly string[];
  readonly naclIds?: readonly string[];
  /** Prefix lists whose entries to read (GetManagedPrefixListEntries). */
  readonly prefixListIds?: readonly string[];
}

/**
 * Reads account state live (EC2). Returns the same describe-* documents a snapshot folder holds, so
 * the core's buildModel reads both. Counts its API calls.
 */
export interface AccountReader {
  read(scope: ReadScope): Promise<import('../core/model/documents').SnapshotDocuments>;
  /** Everything in the region (the sweep and `sg-guardian snapshot`). */
  readAll(): Promise<import('../core/model/documents').SnapshotDocuments>;
  /** API calls made since construction (or the last reset). */
  readonly calls: number;
  resetCalls(): void;
}

/** Last-known state of every watched group, ENI and NACL (DynamoDB), the memory that makes undo possible. */
export interface StateCache {
  /** Consistent read of exactly these resources; missing ones are absent from the result. */
  load(ids: CachedIds): Promise<CachedState>;
  /** Everything cached (cold start, sweep). */
  loadAll(): Promise<CachedState>;
  save(state: CachedState): Promise<void>;
  /** Forget resources that no longer exist. */
  remove(ids: CachedIds): Promise<void>;
}

export interface CachedIds {
  readonly groupIds?: readonly string[];
  readonly eniIds?: readonly string[];
  readonly naclIds?: readonly string[];
}

export interface CachedState {
  readonly groups: readonly import('../core/model/types').SecurityGroup[];
  readonly enis: readonly import('../core/model/types').NetworkInterface[];
  readonly nacls: readonly import('../core/model/types').NetworkAcl[];
}

/** One audited change: who, what, verdict, findings, action and outcome. */
export interface AuditEntry {
  readonly eventId: string;
  readonly eventName: string;
  readonly eventTime?: string;
  readonly recordedAt: string;
  readonly accountId?: string;
  readonly region?: string;
  /** Groups the change touched (for `sg-guardian audit --group`). */
  readonly groupIds: readonly string[];
  readonly actor?: import('../core/events/types').Actor;
  readonly verdict: Verdict['verdict'];
  readonly reason?: string;
  readonly findings: readonly { id: string; kind: string; severity: string; title: string }[];
  /** revert | notify | none | confirmation (the guardian's own change) | approved-revert | kept. */
  readonly action: string;
  readonly actionReason?: string;
  readonly outcome?: RevertOutcome['status'];
  readonly outcomeDetail?: string;
  /** Who approved a one-click action (Slack user, link). */
  readonly approver?: string;
  readonly mode: Mode;
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  forGroup(groupId: string, limit?: number): Promise<AuditEntry[]>;
}

/** Counters the pipeline reports (Powertools Metrics in the Lambda). */
export interface MetricsSink {
  count(name: PipelineMetric, value?: number): void;
}

export type PipelineMetric =
  | 'ChangesJudged'
  | 'Violations'
  | 'Reverts'
  | 'RevertFailures'
  | 'NotificationFailures'
  | 'Confirmations'
  | 'Ec2CallsPerEvent';
