import type { GuardianConfig } from '../config/schema';
import type { Change, ParsedEvent } from '../events/types';
import type { NetworkModel } from '../model/types';
import { planRevert } from '../revert/plan';
import { deriveStates } from '../state/derive';
import { affectedDependencies } from './affected-dependencies';
import type { BreakGlassOpenings } from './break-glass';
import { overLimitNotice, withExemptions } from './break-glass-verdict';
import { type ActionDecision, decideAction } from './decide-action';
import type { DependencyLookup } from './dependency-index';
import { diffTransition } from './diff-transition';
import { exemptionChanges } from './exemption-changes';
import { prefixListScope } from './prefix-list-scope';
import { unusedTagChange } from './policy-tags';
import type { Finding, RevertPlan, Verdict } from './types';
import { describeVirtualFindings } from './virtual-findings';

const NO_REVERT: RevertPlan = { status: 'none', steps: [] };

export interface JudgeInput {
  readonly event: ParsedEvent;
  /** The snapshot: taken before or after the event, the verdict is the same. */
  readonly model: NetworkModel;
  readonly config: GuardianConfig;
  /** From the injected Clock; used for break-glass tags. */
  readonly now: Date;
  /**
   * When break-glass tags were set, as the caller remembers (a replay, the audit log): a tag longer than
   * exemptions.breakGlassMaxHours is then honoured from that time; unknown, only in its last max hours.
   */
  readonly breakGlassOpenings?: BreakGlassOpenings;
  /** The dependency index of `model` when the caller keeps one up to date itself (a replay). */
  readonly dependencyIndex?: DependencyLookup;
}

/** Judges one parsed event: what it caused, what to undo, what policy says to do. Never throws on data. */
export function judge(input: JudgeInput): Verdict {
  const { event, model, config, now, dependencyIndex, breakGlassOpenings } = input;
  if (event.status !== 'parsed') return unjudged(event);
  const { meta, change } = event;
  const unused = unusedTagChange(change, config);
  if (unused) return notJudged(event, unused);
  const states = deriveStates(model, change);
  const { before, after, affected } = states;
  const dependencies = affectedDependencies(states, model, config, dependencyIndex);
  const diff = diffTransition(dependencies, before, after, affected, config, prefixListScope(change, states));
  const findings: Finding[] = describeVirtualFindings(diff.findings, after);
  const preexisting = diff.preexisting;
  const notEvaluated = [...new Set([...states.notes, ...diff.notEvaluated])];
  const violation = findings.length > 0;
  const revert = violation ? planRevert(change, states) : NO_REVERT;
  const decision: ActionDecision = unresolvedDecision(states.unresolved, violation) ?? decideAction({
    findings,
    revert,
    actor: meta.actor,
    groupIds: groupsOf(change, affected.groupIds),
    model: after,
    config,
    now,
    breakGlassOpenings,
  });
  const exemptions = [
    ...exemptionChanges({ change, meta, before, after, config, now, openings: breakGlassOpenings }),
    ...(decision.breakGlass ?? []).map(overLimitNotice),
  ];
  const verdict: Verdict = {
    eventId: meta.eventId,
    eventName: meta.eventName,
    eventTime: meta.eventTime,
    verdict: violation ? 'violation' : 'ok',
    reason: violation
      ? undefined
      : states.unresolved
        ? `not judged: ${states.unresolved}`
        : 'no dependency broken and no new exposure',
    actor: meta.actor,
    meta,
    change,
    snapshotPosition: states.position,
    findings,
    preexisting,
    notEvaluated,
    revert,
    action: decision.action,
    actionReason: decision.reason,
  };
  return withExemptions(verdict, exemptions);
}

/** A change the state cannot resolve is never reverted, and is reported even when nothing is found. */
function unresolvedDecision(unresolved: string | undefined, violation: boolean) {
  if (!unresolved) return undefined;
  return {
    action: 'notify' as const,
    reason: `${violation ? '' : 'the change could not be judged: '}${unresolved}; never revert on doubt`,
  };
}

/** A parsed change the policy does not care about (e.g. a tag key no selector reads). */
function notJudged(event: Extract<ParsedEvent, { status: 'parsed' }>, reason: string): Verdict {
  const { meta, change } = event;
  return {
    eventId: meta.eventId,
    eventName: meta.eventName,
    eventTime: meta.eventTime,
    verdict: 'ok',
    reason,
    actor: meta.actor,
    meta,
    change,
    findings: [],
    preexisting: [],
    notEvaluated: [],
    revert: NO_REVERT,
    action: 'none',
  };
}

/** Groups whose break-glass tag applies: the changed group, or the groups around an ENI/NACL change. */
function groupsOf(change: Change, affectedGroupIds: readonly string[]): readonly string[] {
  return 'groupId' in change ? [change.groupId] : affectedGroupIds;
}

function unjudged(event: Exclude<ParsedEvent, { status: 'parsed' }>): Verdict {
  const meta = event.meta;
  const base = {
    eventId: meta?.eventId ?? 'unknown',
    eventName: meta?.eventName ?? 'unknown',
    eventTime: meta?.eventTime,
    actor: meta?.actor,
    findings: [],
    preexisting: [],
    notEvaluated: [],
    revert: NO_REVERT,
  };
  switch (event.status) {
    case 'not-applied':
      return {
        ...base,
        verdict: 'not-applied',
        reason: `${event.errorCode}${event.errorMessage ? `: ${event.errorMessage}` : ''}`,
        action: 'none',
      };
    case 'ignored':
      return { ...base, verdict: 'ignored', reason: event.reason, action: 'none' };
    case 'invalid':
      return {
        ...base,
        verdict: 'invalid',
        reason: `${event.path}: ${event.reason}`,
        action: 'notify',
        actionReason: 'the event could not be read; never revert on doubt',
      };
  }
}
