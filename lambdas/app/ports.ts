import type { Actor, Change } from '../core/events/types';
import type { SnapshotDocuments } from '../core/model/documents';
import type {
  Instance,
  LaunchTemplate,
  LaunchTemplateVersion,
  ModelCoverage,
  NetworkAcl,
  NetworkInterface,
  NetworkModel,
  PrefixList,
  SecurityGroup,
} from '../core/model/types';
import type { Fix, RevertPlan, RevertStep, Verdict } from '../core/verdict/types';

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

/**
 * What a plan does: undo the verdict's change (revert), or apply a least-privilege fix someone chose
 * (one-click "Apply fix"), which is re-checked against the fix's own resource rather than the change's.
 */
export interface ApplyOptions {
  readonly purpose: 'revert' | 'fix';
}

/** Applies a revert plan (EC2, or an in-memory model for the demo). */
export interface Reverter {
  apply(plan: RevertPlan, verdict: Verdict, options?: ApplyOptions): Promise<RevertOutcome>;
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
  /** Instances to describe (DescribeInstances, filter instance-id). */
  readonly instanceIds?: readonly string[];
  /** Launch templates to describe (DescribeLaunchTemplates), with the versions asked for below. */
  readonly launchTemplateIds?: readonly string[];
  /** Versions to describe (DescribeLaunchTemplateVersions), e.g. `{ launchTemplateId, versions: ['7', '$Default'] }`. */
  readonly launchTemplateVersions?: readonly { readonly launchTemplateId: string; readonly versions: readonly string[] }[];
}

/**
 * Reads account state live (EC2). Returns the same describe-* documents a snapshot folder holds, so
 * the core's buildModel reads both. Counts its API calls.
 */
export interface AccountReader {
  read(scope: ReadScope): Promise<SnapshotDocuments>;
  /** Everything in the region (the sweep and `sg-guardian snapshot`). */
  readAll(): Promise<SnapshotDocuments>;
  /** API calls made since construction (or the last reset). */
  readonly calls: number;
  resetCalls(): void;
}

/**
 * Last-known state of every watched group, ENI, NACL, instance, prefix list and launch template
 * (DynamoDB), the memory that makes undo possible.
 */
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
  readonly instanceIds?: readonly string[];
  readonly launchTemplateIds?: readonly string[];
  readonly prefixListIds?: readonly string[];
  /** Launch template versions by launchTemplateVersionKey (`lt-0abc#7`): each version is its own item. */
  readonly launchTemplateVersionKeys?: readonly string[];
}

/** The optional layers the last full read (cold start, sweep) covered: absent = not known to be covered. */
export type CachedCoverage = Required<Pick<ModelCoverage, 'prefixLists' | 'instances' | 'launchTemplates'>>;

export interface CachedState {
  readonly groups: readonly SecurityGroup[];
  readonly enis: readonly NetworkInterface[];
  readonly nacls: readonly NetworkAcl[];
  readonly instances?: readonly Instance[];
  /** Prefix lists with their entries (cidrs; undefined when the entries were not read, e.g. AWS-managed lists). */
  readonly prefixLists?: readonly PrefixList[];
  readonly launchTemplates?: readonly LaunchTemplate[];
  readonly launchTemplateVersions?: readonly LaunchTemplateVersion[];
  /**
   * Saved with a full state (cold start, sweep) and returned by loadAll only: which optional layers
   * that read covered. Without it the layers count as not covered (a cache written before they existed).
   */
  readonly coverage?: CachedCoverage;
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
  readonly actor?: Actor;
  readonly verdict: Verdict['verdict'];
  readonly reason?: string;
  readonly findings: readonly { id: string; kind: string; severity: string; title: string }[];
  /** revert | notify | none | confirmation (the guardian's own change) | approved-revert | kept. */
  readonly action: string;
  readonly actionReason?: string;
  /** What was done: the revert's status, or `applied` when a one-click fix was (action `approved-fix`). */
  readonly outcome?: RevertOutcome['status'] | 'applied';
  readonly outcomeDetail?: string;
  /** Who approved a one-click action (Slack user, link). */
  readonly approver?: string;
  readonly mode: Mode;
  /** Break-glass exemptions the event opened, changed or closed (with when), and over-long tags it met. */
  readonly exemptions?: Verdict['exemptions'];
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

// ---- One-click decisions (Slack buttons, signed links) ------------------------------------------

/** pending: awaits a person; reverting: claimed, revert under way; reverted / failed: done; kept: acknowledged. */
export type DecisionStatus = 'pending' | 'reverting' | 'reverted' | 'kept' | 'failed';

/** A violation the guardian notified but did not revert, waiting for someone to Revert or Keep it. */
export interface Decision {
  readonly findingId: string;
  readonly eventId: string;
  /** The full verdict people were shown, with the change and the revert plan. */
  readonly verdict: Verdict;
  readonly createdAt: string;
  readonly status: DecisionStatus;
  /** Who claimed it (Slack user, signed link). */
  readonly decidedBy?: string;
  readonly decidedAt?: string;
  readonly outcome?: RevertOutcome;
  /**
   * Set when the change cannot be reverted but one least-privilege fix is one EC2 call: the click
   * applies `fix.apply` ("Apply fix") instead of the revert plan. Statuses are the same (reverting =
   * being applied, reverted = applied).
   */
  readonly fix?: Fix;
}

/** A conditional move of one decision: only from `from` (and only for `eventId`), else nothing. */
export interface DecisionTransition {
  readonly eventId: string;
  readonly from: readonly DecisionStatus[];
  readonly to: DecisionStatus;
  readonly at: string;
  readonly decidedBy?: string;
  /** The revert's outcome; a move without one (a new claim) clears the previous outcome. */
  readonly outcome?: RevertOutcome;
  /** Also from 'reverting' when that claim is older than this ISO time (a crashed revert). */
  readonly staleReverting?: string;
}

/** Pending decisions by finding id; every status change is conditional, so two clicks make one revert. */
export interface DecisionStore {
  /** Saves a pending decision unless one is kept or under way (those win); true when saved. */
  savePending(decision: Decision): Promise<boolean>;
  get(findingId: string): Promise<Decision | undefined>;
  /** The decision after the move, or undefined when its status or event did not allow it. */
  transition(findingId: string, move: DecisionTransition): Promise<Decision | undefined>;
  /** The ids among these that someone chose to keep (their alerts are not repeated). */
  keptAmong(findingIds: readonly string[]): Promise<ReadonlySet<string>>;
}

/** A signed link to the confirmation page of one decision. */
export interface DecisionLink {
  readonly findingId: string;
  readonly url: string;
  readonly expiresAt: string;
}

/** Signs links for pending decisions (needs the link secret and the public URL). */
export interface DecisionLinkSigner {
  linkFor(findingId: string, createdAt: Date): Promise<DecisionLink>;
}

/** What notifiers get when decisions are pending: the report plus one signed link per decision. */
export interface DecisionReport extends GuardrailReport {
  readonly decisionLinks?: readonly DecisionLink[];
}

/** Remembers one-time request keys (Slack signatures) until they expire; a second use is a replay. */
export interface ReplayGuard {
  /** true the first time `key` is seen before `expiresAt`; false for a replay. */
  firstUse(key: string, expiresAt: Date): Promise<boolean>;
}

/** Members of a Slack user group (usergroups.users.list). */
export interface UserGroupDirectory {
  membersOf(userGroupId: string): Promise<readonly string[]>;
}

/** Runs work after the HTTP answer was sent (Slack wants an answer within 3 s). */
export interface AsyncRunner<Job> {
  start(job: Job): Promise<void>;
}

/** Sends a follow-up to a Slack interaction's response_url (replace the message, or an ephemeral note). */
export interface SlackResponder {
  respond(responseUrl: string, message: SlackResponse): Promise<void>;
}

export interface SlackResponse {
  readonly text: string;
  readonly blocks?: readonly unknown[];
  readonly replace_original?: boolean;
  readonly response_type?: 'ephemeral' | 'in_channel';
}
