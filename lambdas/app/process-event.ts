import type { Change, ParsedEvent } from '../core/events/types';
import type { NetworkModel } from '../core/model/types';
import { revertStepToChange } from '../core/revert/step-to-change';
import { applyChange } from '../core/state/apply-change';
import { type ModifiedIds, modifiedIds } from '../core/state/modified';
import type { RevertStep } from '../core/verdict/types';
import { toAuditEntry } from './audit-entry';
import { type EventSummary, type LedgerRun, summaryOf } from './ledger';
import type { LedgerProgress, StorageCheck } from './ledger-ports';
import { decisionHook } from './one-click/decision-hook';
import type {
  AuditLog,
  CachedIds,
  CachedState,
  Clock,
  DecisionLinkSigner,
  DecisionStore,
  MetricsSink,
} from './ports';
import { type GuardrailDeps, type GuardrailResult, resumeGuardrail } from './run-guardrail';
import { storableEvent } from './storable-event';

export interface PipelineDeps extends GuardrailDeps {
  readonly audit: AuditLog;
  readonly metrics: MetricsSink;
  readonly clock: Clock;
  /** The guardian's own role: its changes are confirmations of reverts, never judged again. */
  readonly guardianRoleArn?: string;
  /** Persists the state after the event (the live state source's cache); `gone`: resources the change deleted. */
  readonly commit?: (state: CachedState, gone?: CachedIds) => Promise<void>;
  /** Live EC2 calls made so far, for the per-event metric. */
  readonly ec2Calls?: () => number;
  /**
   * The account whose state these deps read and revert. Events from other accounts are not judged
   * against it (member accounts get their own deps: handlers/compose-accounts.ts).
   */
  readonly homeAccountId?: string;
  /** Pending decisions for one-click Revert / Keep; kept findings are not notified again. */
  readonly decisions?: DecisionStore;
  /** Signed links to add to notifications of pending decisions (email, other chats). */
  readonly decisionLinks?: DecisionLinkSigner;
  /** What the stores cannot key (DynamoDB's key limits): such an event is invalid before anything is done. */
  readonly storable?: StorageCheck;
}

export interface PipelineResult extends Partial<GuardrailResult> {
  /** completed: the event was completed by an earlier run; nothing was done now. */
  readonly status: 'judged' | 'confirmation' | 'completed';
  /** completed: the answer that earlier run stored. */
  readonly stored?: EventSummary;
}

/** What processEvent knows of the ledger while it runs. */
interface Claimed {
  owned: boolean;
  progress: LedgerProgress;
  stored?: EventSummary;
}

/**
 * One CloudTrail event through the whole pipeline: judge, revert, notify, audit, remember. Under a
 * ledger `run`, the claim goes with the state reads; an event completed before is not done again; a
 * resumed run skips what earlier runs did; the audit, the state and the completion are one write, and
 * when anything fails after the claim the progress is saved (the lease released) before rethrowing.
 */
export async function processEvent(input: ParsedEvent, deps: PipelineDeps, run?: LedgerRun): Promise<PipelineResult> {
  const event = storableEvent(outOfScope(input, deps.homeAccountId) ?? input, deps.storable);
  const claimed: Claimed = { owned: false, progress: {} };
  const done = run
    ? run.claim.then((claim) => {
        if (claim.status === 'completed') {
          claimed.stored = claim.result as EventSummary;
          return undefined;
        }
        claimed.owned = true;
        claimed.progress = claim.progress;
        return claim.progress;
      })
    : Promise.resolve({});
  try {
    return await processClaimed(event, deps, { run, done, claimed });
  } catch (error) {
    await done.catch(() => undefined); // a read may fail before the claim answered: was it ours?
    if (run && claimed.owned) await run.record(claimed.progress, { release: true }).catch(() => undefined);
    throw error;
  }
}

interface Steps {
  readonly run: LedgerRun | undefined;
  readonly done: Promise<LedgerProgress | undefined>;
  readonly claimed: Claimed;
}

async function processClaimed(event: ParsedEvent, deps: PipelineDeps, steps: Steps): Promise<PipelineResult> {
  const { run, done, claimed } = steps;
  const callsBefore = deps.ec2Calls?.() ?? 0;
  if (event.status === 'parsed' && isGuardian(event.meta.actor, deps.guardianRoleArn)) {
    if (!(await done)) return { status: 'completed', stored: claimed.stored };
    deps.metrics.count('Confirmations');
    const entry = {
      ...toAuditEntry({ verdict: confirmationVerdict(event), mode: deps.mode, now: deps.clock.now() }),
      action: 'confirmation',
    };
    await finish(run, { progress: claimed.progress, result: { status: 'confirmation' } }, async () => {
      await deps.audit.record(entry);
      await commitAfter(event.change, undefined, deps);
    });
    return { status: 'confirmation' };
  }
  const record = (progress: LedgerProgress) => run?.record(progress, { release: false }) ?? Promise.resolve();
  const result = await resumeGuardrail(event, withDecisions(deps), { done, record });
  if (!result) return { status: 'completed', stored: claimed.stored };
  claimed.progress = result.progress;
  const { verdict, revert } = result;
  deps.metrics.count('ChangesJudged');
  if (verdict.verdict === 'violation') deps.metrics.count('Violations');
  if (result.revertedNow && revert && (revert.status === 'reverted' || revert.status === 'partial'))
    deps.metrics.count('Reverts');
  if (result.revertedNow && revert && (revert.status === 'failed' || revert.status === 'partial'))
    deps.metrics.count('RevertFailures');
  const failedChannels = Object.keys(result.notifyErrors).length;
  if (failedChannels) deps.metrics.count('NotificationFailures', failedChannels);
  const entry = toAuditEntry({ verdict, revert, mode: deps.mode, now: deps.clock.now(), notifyErrors: result.notifyErrors });
  const summary = summaryOf({ status: 'judged', verdict, revert });
  await finish(run, { progress: result.progress, result: summary }, async () => {
    await deps.audit.record(entry);
    if (event.status === 'parsed')
      await commitAfter(event.change, revert?.status === 'reverted' ? verdict.revert.steps : undefined, deps);
  });
  deps.metrics.count('Ec2CallsPerEvent', (deps.ec2Calls?.() ?? 0) - callsBefore);
  const { verdict: v, revert: r, notifyErrors } = result;
  return { status: 'judged', verdict: v, revert: r, notifyErrors };
}

/** The audit and state writes: alone, or under a ledger run held and sent with its completion. */
async function finish(
  run: LedgerRun | undefined,
  done: { progress: LedgerProgress; result: EventSummary },
  writes: () => Promise<void>,
): Promise<void> {
  if (run) await run.complete(done, writes);
  else await writes();
}

/** Adds the decision hook (save pending decisions, skip kept findings, add links) when a store is wired. */
function withDecisions(deps: PipelineDeps): PipelineDeps {
  if (!deps.decisions) return deps;
  const hook = decisionHook({
    decisions: deps.decisions,
    clock: deps.clock,
    mode: deps.mode,
    ...(deps.decisionLinks && { links: deps.decisionLinks }),
  });
  return { ...deps, beforeNotify: hook };
}

function isGuardian(
  actor: { arn?: string; sessionIssuerArn?: string },
  roleArn: string | undefined,
): boolean {
  return !!roleArn && (actor.sessionIssuerArn === roleArn || actor.arn === roleArn);
}

function confirmationVerdict(event: Extract<ParsedEvent, { status: 'parsed' }>) {
  return {
    eventId: event.meta.eventId,
    eventName: event.meta.eventName,
    eventTime: event.meta.eventTime,
    verdict: 'ok' as const,
    reason: 'change made by the guardian itself (a revert): recorded as confirmation',
    actor: event.meta.actor,
    meta: event.meta,
    change: event.change,
    findings: [],
    preexisting: [],
    notEvaluated: [],
    revert: { status: 'none' as const, steps: [] },
    action: 'none' as const,
  };
}

/**
 * The resources the change modifies (modifiedIds, resolved in the state before AND after: a detach or
 * an association move names its resource only in the state before), as they are after the change and
 * any revert: saved as last known. Those the change deleted (a group) are forgotten.
 */
async function commitAfter(
  change: Change,
  revertSteps: readonly RevertStep[] | undefined,
  deps: PipelineDeps,
): Promise<void> {
  if (!deps.commit) return;
  const before: NetworkModel = await deps.state.modelFor(undefined);
  let model = applyChange(before, change).model;
  for (const step of revertSteps ?? []) {
    const undo = revertStepToChange(step);
    if (undo) model = applyChange(model, undo).model;
  }
  const ids = mergeIds(modifiedIds(change, before), modifiedIds(change, model));
  const versions = changedVersions(change, before);
  const state: CachedState = {
    groups: ids.groupIds.flatMap((id) => model.group(id) ?? []),
    enis: ids.eniIds.flatMap((id) => model.eni(id) ?? []),
    nacls: ids.naclIds.flatMap((id) => model.nacl(id) ?? []),
    instances: ids.instanceIds.flatMap((id) => model.instance(id) ?? []),
    prefixLists: ids.prefixListIds.flatMap((id) => model.prefixList(id) ?? []),
    launchTemplates: ids.launchTemplateIds.flatMap((id) => model.launchTemplate(id) ?? []),
    launchTemplateVersions: versions.flatMap(([id, n]) => model.launchTemplateVersion(id, n) ?? []),
  };
  const gone = ids.groupIds.filter((id) => before.group(id) && !model.group(id));
  await deps.commit(state, gone.length ? { groupIds: gone } : undefined);
}

/** The template versions a change writes: the one created, or the old and new default (their isDefault flags). */
function changedVersions(change: Change, before: NetworkModel): [string, number][] {
  if (change.kind === 'launch-template-version-created')
    return [[change.version.launchTemplateId, change.version.versionNumber]];
  if (change.kind !== 'launch-template-default-set') return [];
  const was = before.launchTemplate(change.launchTemplateId)?.defaultVersionNumber;
  return [...new Set([was, change.defaultVersion])].flatMap((n) =>
    n === undefined ? [] : [[change.launchTemplateId, n] as [string, number]],
  );
}

function mergeIds(a: ModifiedIds, b: ModifiedIds): ModifiedIds {
  const merge = (k: keyof ModifiedIds) => [...new Set([...a[k], ...b[k]])];
  return {
    groupIds: merge('groupIds'),
    eniIds: merge('eniIds'),
    naclIds: merge('naclIds'),
    instanceIds: merge('instanceIds'),
    launchTemplateIds: merge('launchTemplateIds'),
    prefixListIds: merge('prefixListIds'),
  };
}

/** An event of another account, as ignored with the reason: its state is not the one this deployment reads. */
function outOfScope(event: ParsedEvent, home: string | undefined): ParsedEvent | undefined {
  const account = event.status === 'parsed' ? event.meta.accountId : undefined;
  if (!home || !account || account === home || event.status !== 'parsed') return undefined;
  return {
    status: 'ignored',
    meta: event.meta,
    reason:
      `event from account ${account}: this deployment reads and reverts account ${home} only ` +
      '(member accounts are judged through their revert role when the member role name is configured; docs/organizations.md)',
  };
}
