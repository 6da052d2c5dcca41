import type { Change, ParsedEvent } from '../core/events/types';
import type { NetworkModel } from '../core/model/types';
import { revertStepToChange } from '../core/revert/step-to-change';
import { applyChange } from '../core/state/apply-change';
import { type ModifiedIds, modifiedIds } from '../core/state/modified';
import type { RevertStep } from '../core/verdict/types';
import { toAuditEntry } from './audit-entry';
import { decisionHook } from './one-click/decision-hook';
import type { AuditLog, CachedIds, CachedState, Clock, DecisionLinkSigner, DecisionStore, MetricsSink } from './ports';
import { type GuardrailDeps, type GuardrailResult, runGuardrail } from './run-guardrail';

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
}

export interface PipelineResult extends Partial<GuardrailResult> {
  readonly status: 'judged' | 'confirmation';
}

/** One CloudTrail event through the whole pipeline: judge, revert, notify, audit, remember. */
export async function processEvent(input: ParsedEvent, deps: PipelineDeps): Promise<PipelineResult> {
  const callsBefore = deps.ec2Calls?.() ?? 0;
  const event = outOfScope(input, deps.homeAccountId) ?? input;
  if (event.status === 'parsed' && isGuardian(event.meta.actor, deps.guardianRoleArn)) {
    deps.metrics.count('Confirmations');
    await deps.audit.record({
      ...toAuditEntry({ verdict: confirmationVerdict(event), mode: deps.mode, now: deps.clock.now() }),
      action: 'confirmation',
    });
    await commitAfter(event.change, undefined, deps);
    return { status: 'confirmation' };
  }
  const result = await runGuardrail(event, withDecisions(deps));
  const { verdict, revert } = result;
  deps.metrics.count('ChangesJudged');
  if (verdict.verdict === 'violation') deps.metrics.count('Violations');
  if (revert && (revert.status === 'reverted' || revert.status === 'partial')) deps.metrics.count('Reverts');
  if (revert && (revert.status === 'failed' || revert.status === 'partial'))
    deps.metrics.count('RevertFailures');
  const failedChannels = Object.keys(result.notifyErrors).length;
  if (failedChannels) deps.metrics.count('NotificationFailures', failedChannels);
  await deps.audit.record(
    toAuditEntry({
      verdict,
      revert,
      mode: deps.mode,
      now: deps.clock.now(),
      notifyErrors: result.notifyErrors,
    }),
  );
  if (event.status === 'parsed')
    await commitAfter(event.change, revert?.status === 'reverted' ? verdict.revert.steps : undefined, deps);
  deps.metrics.count('Ec2CallsPerEvent', (deps.ec2Calls?.() ?? 0) - callsBefore);
  return { status: 'judged', ...result };
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
