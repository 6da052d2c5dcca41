import type { GuardrailReport, RevertOutcome, StepOutcome } from '../../app/ports';
import { describeActor, describeChange } from '../../app/render/describe-change';
import { exposurePeersText } from '../../app/render/exposure-peers';
import { clip, type NotificationSummary } from '../../app/render/notification';
import { fixOffer } from '../../app/one-click/fix-offer';
import { renderPair } from '../../app/render/verdict-text';
import type { Finding, Severity, Verdict } from '../../core/verdict/types';
import { code, escapeMrkdwn as esc } from './slack-limits';

/** Broken ENI pairs listed per finding; the count of the rest is given. */
export const MAX_PAIRS_PER_FINDING = 3;
const MAX_FIXES_PER_FINDING = 3;
const MAX_STEPS = 5;
/** A fix command longer than this is not shown cut (a cut command is dangerous to paste). */
const MAX_COMMAND_CHARS = 1200;

export const SEVERITY_EMOJI: Record<Severity, string> = {
  critical: ':rotating_light:',
  high: ':red_circle:',
  medium: ':large_orange_circle:',
  low: ':large_yellow_circle:',
  info: ':information_source:',
};

const OUTCOME_EMOJI: Record<RevertOutcome['status'], string> = {
  reverted: ':white_check_mark:',
  partial: ':warning:',
  failed: ':x:',
  skipped: ':heavy_minus_sign:',
};

const STEP_EMOJI: Record<StepOutcome['status'], string> = {
  applied: ':white_check_mark:',
  already: ':ballot_box_with_check:',
  failed: ':x:',
};

/** What changed, who, from where, via what, and the verdict. */
export function summaryLines({ verdict: v }: GuardrailReport, s: NotificationSummary): string[] {
  const change = v.change ? esc(clip(describeChange(v.change), 800)) : '_not parsed_';
  const lines = [
    `*What changed:* ${change}`,
    `*Who / from where / via:* ${esc(clip(describeActor(v.actor), 400))}`,
    `*Event:* ${esc(v.eventName)} at ${esc(v.eventTime ?? 'unknown time')} · ${code(v.eventId)}`,
    `*Account / region:* ${esc(s.accountId ?? 'unknown')} · ${esc(s.region ?? 'unknown')}`,
    `*Verdict:* ${v.verdict}${v.reason ? ` — ${esc(clip(v.reason, 300))}` : ''} · *action:* ${v.action}` +
      `${v.actionReason ? ` (${esc(clip(v.actionReason, 300))})` : ''} · *${esc(s.stateLabel)}*`,
  ];
  if (v.notEvaluated.length) lines.push(`*Not evaluated:* ${esc(clip(v.notEvaluated.join('; '), 500))}`);
  if (v.preexisting.length)
    lines.push(
      `*Already broken before this change:* ${esc(clip(v.preexisting.map((f) => f.title).join('; '), 500))}`,
    );
  return lines;
}

/** Severity, title, why, each broken path with its blocking layer, and the least-privilege fix. */
export function findingLines(f: Finding): string[] {
  const lines = [
    `${SEVERITY_EMOJI[f.severity]} *[${f.severity}] ${esc(clip(f.title, 300))}*`,
    esc(clip(f.explanation, 600)),
  ];
  const peers = exposurePeersText(f);
  if (peers) lines.push(`*Open to:* ${esc(clip(peers, 300))}`);
  const broken = (f.pairs ?? []).filter((p) => !p.reachable);
  if (broken.length) {
    lines.push(`*Broken paths* (${broken.length}, blocked by ${esc((f.blockedBy ?? []).join(', '))}):`);
    for (const p of broken.slice(0, MAX_PAIRS_PER_FINDING)) lines.push(`• ${esc(clip(renderPair(p), 400))}`);
    if (broken.length > MAX_PAIRS_PER_FINDING)
      lines.push(`• … and ${broken.length - MAX_PAIRS_PER_FINDING} more ENI pair(s)`);
  }
  for (const fix of (f.fixes ?? []).slice(0, MAX_FIXES_PER_FINDING)) {
    lines.push(`*Fix* (${fix.layer}): ${esc(clip(fix.summary, 300))}`);
    lines.push(
      fix.awsCli.length <= MAX_COMMAND_CHARS ? code(fix.awsCli, true) : '_(command too long for Slack)_',
    );
  }
  lines.push(`_${esc(f.ruleId)} · ${esc(f.id)}_`);
  return lines;
}

/** The findings that did not get a section of their own, one line each. */
export function moreFindingsLines(findings: readonly Finding[]): string[] {
  return [
    `*${findings.length} more finding(s):*`,
    ...findings.map((f) => `• [${f.severity}] ${esc(clip(f.title, 200))}`),
  ];
}

/** The inverse of the change: API and compact input per step. */
export function revertPlanLines(v: Verdict): string[] {
  const plan = v.revert;
  if (plan.status === 'unknown-prior' && v.verdict === 'violation') return cannotRevertLines(v);
  if (plan.status !== 'ready' || plan.steps.length === 0)
    return [`*Revert plan:* ${plan.status}${plan.reason ? ` — ${esc(clip(plan.reason, 300))}` : ''}`];
  const lines = ['*Revert plan:*'];
  for (const s of plan.steps.slice(0, MAX_STEPS))
    lines.push(
      `• ${esc(clip(s.summary, 300))}`,
      `   ${code(s.api)} ${code(clip(JSON.stringify(s.input), 400))}`,
    );
  if (plan.steps.length > MAX_STEPS) lines.push(`• … and ${plan.steps.length - MAX_STEPS} more step(s)`);
  return lines;
}

/** The state before the change is unknown: nothing was changed or guessed; the fix (or its button) instead. */
function cannotRevertLines(v: Verdict): string[] {
  const reason = v.revert.reason ? ` (${esc(clip(v.revert.reason, 300))})` : '';
  const instead = fixOffer(v)
    ? 'apply the fix instead: *Apply fix* below makes exactly that call.'
    : 'apply the fix shown above instead.';
  return [`*Cannot revert:* the state before this change is unknown${reason}, so nothing was changed or guessed; ${instead}`];
}

/** After an auto-revert: what was reverted and whether each step worked. */
export function outcomeLines(outcome: RevertOutcome): string[] {
  const reason = outcome.reason ? ` — ${esc(clip(outcome.reason, 300))}` : '';
  const lines = [`${OUTCOME_EMOJI[outcome.status]} *Auto-revert: ${outcome.status}*${reason}`];
  for (const s of outcome.steps.slice(0, MAX_STEPS)) {
    const error = s.error ? `: ${esc(clip(s.error, 300))}` : '';
    lines.push(
      `• ${STEP_EMOJI[s.status]} ${code(s.step.api)} *${s.status}*${error} — ${esc(clip(s.step.summary, 300))}`,
    );
  }
  if (outcome.steps.length > MAX_STEPS)
    lines.push(`• … and ${outcome.steps.length - MAX_STEPS} more step(s)`);
  return lines;
}
