import type { KnownBlock, SectionBlock } from '@slack/types';
import { clip } from '../../app/render/notification';

/** Slack's Block Kit limits (docs.slack.dev/reference/block-kit). */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  headerText: 150,
  buttonValue: 2000,
  contextElements: 10,
  /** chat.postMessage rejects messages whose blocks hold ~12,000+ characters in all (msg_blocks_too_long). */
  totalBlockText: 10_000,
  /** Fallback `text`: Slack advises at most 4,000 characters. */
  fallbackText: 3000,
} as const;

/** Escapes the three characters mrkdwn treats as control (so no <!channel> or <url|label> sneaks in). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A code span or block whose content cannot close it early. */
export function code(text: string, block = false): string {
  const safe = escapeMrkdwn(text).replace(/`/g, "'");
  return block ? `\`\`\`${safe}\`\`\`` : `\`${safe}\``;
}

/**
 * Joins whole lines while they fit in `max` characters; the first line alone is clipped if it must be.
 * Ends with "…" when lines were left out, so markup (code fences, entities) is never cut in half except
 * in a clipped first line, which callers keep to plain text.
 */
export function joinWithin(lines: readonly string[], max: number): string {
  const first = lines[0] ?? '';
  let text = clip(first, max);
  for (const line of lines.slice(1)) {
    if (text.length + 1 + line.length > max - 2) return `${text}\n…`;
    text += `\n${line}`;
  }
  return text;
}

/** A mrkdwn section of whole lines, at most `max` (and never more than 3,000) characters. */
export function section(lines: readonly string[], max: number = SLACK_LIMITS.sectionText): SectionBlock {
  const limit = Math.min(max, SLACK_LIMITS.sectionText);
  return { type: 'section', text: { type: 'mrkdwn', text: joinWithin(lines, limit) } };
}

/** A block's JSON length: an upper bound of the text Slack counts against the message. */
export function blockSize(block: KnownBlock): number {
  return JSON.stringify(block).length;
}

/**
 * Keeps at most 50 blocks: drops blocks before the trailing `keepLast` ones (links, buttons) and says so.
 */
export function withinBlockLimit(blocks: readonly KnownBlock[], keepLast: number): KnownBlock[] {
  const max = SLACK_LIMITS.blocksPerMessage;
  if (blocks.length <= max) return [...blocks];
  const tail = blocks.slice(blocks.length - keepLast);
  const head = blocks.slice(0, max - keepLast - 1);
  const dropped = blocks.length - head.length - tail.length;
  const note: KnownBlock = {
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `_${dropped} more block(s) left out (Slack allows ${max})._` }],
  };
  return [...head, note, ...tail];
}
