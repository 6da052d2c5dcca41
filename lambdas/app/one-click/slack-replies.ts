import type { Decision, SlackResponse } from '../ports';
import { describeDecision, outcomeReason, stepLines } from './outcome-text';

/** The block_id of the Revert / Keep buttons (slack-blocks.ts). */
const DECISION_BLOCK_ID = 'sg-guardian:decision';
const MAX_SECTION = 3000;

/** The message a click came from, as Slack sent it in the payload. */
export interface OriginalMessage {
  readonly text?: string;
  readonly blocks?: readonly unknown[];
}

/** An ephemeral note to the person who clicked; the message stays as it is. */
export function ephemeral(text: string): SlackResponse {
  return { text, response_type: 'ephemeral', replace_original: false };
}

/**
 * The original message with the decision appended: the buttons go once the finding is reverted, fixed
 * or kept, and stay after a failed revert (or fix) so it can be tried again.
 */
export function decidedMessage(
  d: Decision,
  clickedBy: string,
  original: OriginalMessage | undefined,
): SlackResponse {
  const done = d.status === 'reverted' || d.status === 'kept';
  const text = decisionText(d, clickedBy);
  const blocks = (original?.blocks ?? []).filter((b) => !(done && isDecisionBlock(b)));
  const note = { type: 'section', text: { type: 'mrkdwn', text: clipText(text) } };
  return {
    replace_original: true,
    text: `${original?.text ?? 'sg-guardian'} — ${firstLine(text)}`,
    blocks: [...blocks, note],
  };
}

function decisionText(d: Decision, clickedBy: string): string {
  const icon = { reverted: ':leftwards_arrow_with_hook:', kept: ':raised_hand:', failed: ':warning:' }[
    d.status as 'reverted' | 'kept' | 'failed'
  ];
  const who = `<@${clickedBy}>`;
  if (d.status === 'kept')
    return `${icon} *Kept* by ${who} at ${d.decidedAt}: nothing was ${d.fix?.apply ? 'changed' : 'reverted'}; this finding will not be alerted again.`;
  if (d.fix?.apply) return fixText(d, who);
  const reason = outcomeReason(d.outcome);
  const head =
    d.status === 'reverted'
      ? `${icon} *Reverted* by ${who} at ${d.decidedAt}.`
      : `${icon} *Revert failed* (requested by ${who}): ${escapeText(reason ?? 'unknown reason')}. The change may still be in place; you can try again.`;
  const steps = stepLines(d.outcome).map((l) => `• ${escapeText(l)}`);
  return [head, ...steps].join('\n');
}

/** The outcome of "Apply fix": applied (or already in place), or failed and why. */
function fixText(d: Decision, who: string): string {
  const reason = outcomeReason(d.outcome, 'fix');
  const head =
    d.status === 'reverted'
      ? `:hammer_and_wrench: *Fix applied* by ${who} at ${d.decidedAt}.`
      : `:warning: *Fix failed* (requested by ${who}): ${escapeText(reason ?? 'unknown reason')}. Nothing may have changed; you can try again.`;
  const steps = stepLines(d.outcome).map((l) => `• ${escapeText(l)}`);
  return [head, ...steps].join('\n');
}

/** Someone else decided already: say who and when. */
export function alreadyDecided(d: Decision): SlackResponse {
  return ephemeral(`Nothing done: this finding was already ${escapeText(describeDecision(d))}.`);
}

function isDecisionBlock(block: unknown): boolean {
  return (block as { block_id?: unknown } | null)?.block_id === DECISION_BLOCK_ID;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

function clipText(text: string): string {
  return text.length <= MAX_SECTION ? text : `${text.slice(0, MAX_SECTION - 1)}…`;
}
