import type { ActionsBlock, ContextBlock, HeaderBlock, KnownBlock, SectionBlock } from '@slack/types';
import type { GuardrailReport } from '../../app/ports';
import {
  clip,
  type NotificationContext,
  type NotificationSummary,
  oneLine,
  summarize,
} from '../../app/render/notification';
import { fixOffer } from '../../app/one-click/fix-offer';
import type { Finding, Fix } from '../../core/verdict/types';
import { encodeDecisionValue, SLACK_ACTION_IDS } from './slack-decision';
import { blockSize, escapeMrkdwn, SLACK_LIMITS, section, withinBlockLimit } from './slack-limits';
import {
  findingLines,
  moreFindingsLines,
  outcomeLines,
  revertPlanLines,
  SEVERITY_EMOJI,
  summaryLines,
} from './slack-sections';

export interface SlackMessage {
  /** Fallback for notifications and clients without Block Kit; always set. */
  readonly text: string;
  readonly blocks: KnownBlock[];
}

export interface SlackMessageOptions {
  /** Offer Revert / Keep when a violation awaits a decision (bot transport with interactivity only). */
  readonly revertButtons: boolean;
}

/** Findings that get a section of their own; the rest are listed one line each. */
const MAX_FINDING_SECTIONS = 10;
/** Below this much budget a further finding is listed, not squeezed into a stub section. */
const MIN_FINDING_SECTION = 600;
const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'info'] as const;

/** The Block Kit message for one report, within Slack's limits whatever the report's size. */
export function buildSlackMessage(
  report: GuardrailReport,
  context: NotificationContext,
  options: SlackMessageOptions,
): SlackMessage {
  const summary = summarize(report, context);
  const { verdict } = report;
  const head: KnownBlock[] = [header(summary), section(summaryLines(report, summary), 1500)];
  const tail: KnownBlock[] = [];
  if (verdict.verdict === 'violation') tail.push(section(revertPlanLines(verdict), 2000));
  if (report.revert) tail.push(section(outcomeLines(report.revert), 2000));
  else if (summary.state === 'dry-run') tail.push(note('Dry run: nothing was changed.'));
  if (summary.links.length) tail.push(linksBlock(summary));
  const fix = fixOffer(verdict);
  if (!options.revertButtons && summary.decisionLinks.length)
    tail.push(decisionLinksBlock(summary, verdict, fix));
  if (options.revertButtons && summary.awaitingDecision) tail.push(decisionButtons(report));
  else if (options.revertButtons && fix && (summary.state === 'notified' || summary.state === 'dry-run'))
    tail.push(fixButtons(report, fix));
  const used = [...head, ...tail].reduce((n, b) => n + blockSize(b), 0);
  const findings = findingBlocks(verdict.findings, SLACK_LIMITS.totalBlockText - used);
  return {
    text: fallbackText(summary),
    blocks: withinBlockLimit([...head, ...findings, ...tail], tail.length),
  };
}

function header(s: NotificationSummary): HeaderBlock {
  const text = `${SEVERITY_EMOJI[s.severity]} ${s.severity.toUpperCase()}: ${s.headline} — ${s.stateLabel}`;
  return {
    type: 'header',
    text: { type: 'plain_text', text: clip(oneLine(text), SLACK_LIMITS.headerText), emoji: true },
  };
}

/** One section per finding, worst first, while the message's text budget lasts; then a one-line list. */
function findingBlocks(findings: readonly Finding[], budget: number): KnownBlock[] {
  const ordered = [...findings].sort(
    (a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity),
  );
  const blocks: KnownBlock[] = [];
  const reserve = ordered.length > 1 ? 1500 : 0;
  let left = Math.max(budget - reserve, 1000);
  let shown = 0;
  for (const f of ordered) {
    if (shown === MAX_FINDING_SECTIONS || (shown > 0 && left < MIN_FINDING_SECTION)) break;
    const block = section(findingLines(f), Math.min(left - 100, SLACK_LIMITS.sectionText));
    if (shown > 0 && blockSize(block) > left) break;
    blocks.push(block);
    left -= blockSize(block);
    shown++;
  }
  const rest = ordered.slice(shown);
  if (rest.length) blocks.push(section(moreFindingsLines(rest), reserve));
  return blocks;
}

function note(text: string): ContextBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: `_${escapeMrkdwn(text)}_` }] };
}

function linksBlock(s: NotificationSummary): ContextBlock {
  return {
    type: 'context',
    elements: s.links
      .slice(0, SLACK_LIMITS.contextElements)
      .map((l) => ({ type: 'mrkdwn', text: `<${l.url}|${escapeMrkdwn(l.label)}>` })),
  };
}

/**
 * Without buttons (an incoming webhook cannot call back): the signed links e-mail gets, one pair per
 * finding. Each opens the confirmation page, which offers both choices; `choice=keep` only puts Keep
 * first (the signature covers the finding and expiry, and nothing changes until a button is pressed).
 */
function decisionLinksBlock(
  s: NotificationSummary,
  verdict: GuardrailReport['verdict'],
  fix: Fix | undefined,
): SectionBlock {
  const main = fix ? 'Apply fix' : 'Revert';
  const title = (id: string) => verdict.findings.find((f) => f.id === id)?.title ?? id;
  const lines = s.decisionLinks.map((l) => {
    const keep = `${l.url}${l.url.includes('?') ? '&' : '?'}choice=keep`;
    return `• ${escapeMrkdwn(title(l.findingId))}: <${l.url}|${main}> · <${keep}|Keep>`;
  });
  const expires = s.decisionLinks[0]!.expiresAt;
  return section(
    [
      `*${main} or keep* (each link opens a confirmation page; nothing changes until you press its button; ` +
        `valid until ${escapeMrkdwn(expires)})`,
      ...lines,
    ],
  );
}

/** Revert / Keep. The value carries only ids; the plan is looked up server-side when clicked. */
function decisionButtons({ verdict }: GuardrailReport): ActionsBlock {
  const steps = verdict.revert.steps.map((s) => s.summary).join('; ');
  return decisionBlock(verdict, {
    actionId: SLACK_ACTION_IDS.revert,
    label: 'Revert',
    style: 'danger',
    title: 'Revert this change?',
    text: steps,
  });
}

/** Apply fix / Keep: the change is not reverted; the fix's one EC2 call (stored server-side) is made. */
function fixButtons({ verdict }: GuardrailReport, fix: Fix): ActionsBlock {
  return decisionBlock(verdict, {
    actionId: SLACK_ACTION_IDS.applyFix,
    label: 'Apply fix',
    style: 'primary',
    title: 'Apply this fix?',
    text: `${fix.summary} (${fix.apply?.summary ?? ''})`,
  });
}

function decisionBlock(
  verdict: GuardrailReport['verdict'],
  main: { actionId: string; label: string; style: 'danger' | 'primary'; title: string; text: string },
): ActionsBlock {
  const value = encodeDecisionValue({
    eventId: verdict.eventId,
    findingIds: verdict.findings.map((f) => f.id),
  });
  return {
    type: 'actions',
    block_id: 'sg-guardian:decision',
    elements: [
      {
        type: 'button',
        action_id: main.actionId,
        text: { type: 'plain_text', text: main.label },
        style: main.style,
        value,
        confirm: {
          title: { type: 'plain_text', text: main.title },
          text: { type: 'plain_text', text: clip(main.text, 300) },
          confirm: { type: 'plain_text', text: main.label },
          deny: { type: 'plain_text', text: 'Cancel' },
          ...(main.style === 'danger' && { style: 'danger' as const }),
        },
      },
      { type: 'button', action_id: SLACK_ACTION_IDS.keep, text: { type: 'plain_text', text: 'Keep' }, value },
    ],
  };
}

function fallbackText(s: NotificationSummary): string {
  const text = `[${s.severity}] sg-guardian: ${s.headline} — ${s.stateLabel}`;
  return escapeMrkdwn(clip(oneLine(text), SLACK_LIMITS.fallbackText));
}
