/**
 * A Slack Block Kit message as plain text, for a terminal: what people would read in the channel.
 * Pure and structural (no Slack SDK in app): it reads the JSON shape of the blocks the Slack notifier
 * builds (header, section with text / fields / accessory, context, actions, divider, image) and says
 * which block types it does not know rather than dropping them.
 */

/** The parts of a Block Kit message this renderer reads; any KnownBlock[] fits. */
export interface SlackMessageLike {
  /** The fallback text; shown when there are no blocks. */
  readonly text?: string;
  readonly blocks?: readonly object[];
}

/** Slack's emoji short codes the notifier uses, as the characters Slack shows. */
const EMOJI: Readonly<Record<string, string>> = {
  rotating_light: '🚨',
  red_circle: '🔴',
  large_orange_circle: '🟠',
  large_yellow_circle: '🟡',
  information_source: 'ℹ️',
  white_check_mark: '✅',
  warning: '⚠️',
  x: '❌',
  heavy_minus_sign: '➖',
  ballot_box_with_check: '☑️',
};

/** Context elements share a line while it stays this short; longer ones get a line each. */
const CONTEXT_LINE = 100;

export function renderSlackText(message: SlackMessageLike): string {
  const blocks = message.blocks ?? [];
  if (!blocks.length) return mrkdwnToText(message.text ?? '');
  return blocks
    .map((b) => renderBlock(b))
    .filter((text) => text.length > 0)
    .join('\n\n');
}

function renderBlock(block: object): string {
  const b = block as Record<string, unknown>;
  switch (b.type) {
    case 'header':
      return textOf(b.text);
    case 'section':
      return section(b);
    case 'context':
      return context(elementsOf(b).map(elementText));
    case 'actions':
      return elementsOf(b).map(elementText).join('  ');
    case 'divider':
      return '─'.repeat(40);
    case 'image':
      return `[image: ${typeof b.alt_text === 'string' ? b.alt_text : 'no description'}]`;
    default:
      return `[${typeof b.type === 'string' ? b.type : 'unknown'} block]`;
  }
}

function section(b: Record<string, unknown>): string {
  const parts = [textOf(b.text), ...(Array.isArray(b.fields) ? b.fields.map(textOf) : [])];
  if (b.accessory && typeof b.accessory === 'object') parts.push(elementText(b.accessory));
  return parts.filter(Boolean).join('\n');
}

function context(texts: readonly string[]): string {
  const line = texts.join('  ·  ');
  return line.length <= CONTEXT_LINE ? line : texts.join('\n');
}

function elementsOf(b: Record<string, unknown>): object[] {
  return Array.isArray(b.elements) ? b.elements.filter((e): e is object => !!e && typeof e === 'object') : [];
}

/** Buttons as `[ Label ]`; text elements as text; images by their description; others by type. */
function elementText(element: object): string {
  const e = element as Record<string, unknown>;
  if (e.type === 'button') return `[ ${textOf(e.text)} ]`;
  if (e.type === 'mrkdwn' || e.type === 'plain_text') return textOf(e);
  if (e.type === 'image') return `[image: ${typeof e.alt_text === 'string' ? e.alt_text : ''}]`;
  const placeholder = textOf(e.placeholder);
  return `[ ${placeholder || String(e.type)} ▾ ]`;
}

/** A text object (plain_text or mrkdwn) as plain text. */
function textOf(value: unknown): string {
  if (!value || typeof value !== 'object') return '';
  const t = value as Record<string, unknown>;
  if (typeof t.text !== 'string') return '';
  return t.type === 'mrkdwn' ? mrkdwnToText(t.text) : emoji(t.text);
}

/**
 * Slack mrkdwn as plain text: code blocks indented, code spans and *bold* / _italic_ / ~strike~
 * markers dropped, links as "label <url>", mentions as @name, &amp; &lt; &gt; decoded, emoji codes
 * the notifier uses as emoji.
 */
export function mrkdwnToText(text: string): string {
  const out: string[] = [];
  let last = 0;
  for (const m of text.matchAll(/```([\s\S]*?)```|`([^`\n]+)`/g)) {
    out.push(prose(text.slice(last, m.index)));
    const end = m.index + m[0].length;
    if (m[1] === undefined) out.push(entities(m[2]!));
    else {
      // A code block stands on lines of its own, indented; no blank line is added around it.
      const before = m.index === 0 || text[m.index - 1] === '\n' ? '' : '\n';
      const after = end === text.length || text[end] === '\n' ? '' : '\n';
      out.push(`${before}${indent(entities(m[1].replace(/^\n|\n$/g, '')))}${after}`);
    }
    last = end;
  }
  out.push(prose(text.slice(last)));
  return out
    .join('')
    .replace(/ +\n/g, '\n')
    .replace(/^\n+|\n+$/g, '');
}

/** Text outside code: links and mentions, emphasis markers dropped, entities decoded, emoji. */
function prose(text: string): string {
  const plain = text
    .replace(/<([^<>|]+)\|([^<>]+)>/g, (_m, target: string, label: string) => link(target, label))
    .replace(/<([^<>]+)>/g, (_m, target: string) => link(target))
    .replace(/(^|[\s(])\*([^*\n]+)\*(?=$|[\s).,;:!?])/gm, '$1$2')
    .replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s).,;:!?])/gm, '$1$2')
    .replace(/(^|[\s(])~([^~\n]+)~(?=$|[\s).,;:!?])/gm, '$1$2');
  return emoji(entities(plain));
}

function entities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function link(target: string, label?: string): string {
  if (target.startsWith('!')) return `@${target.slice(1)}`;
  if (target.startsWith('@')) return label ? `@${label}` : target;
  if (target.startsWith('#')) return label ? `#${label}` : target;
  return label ? `${label} ‹${target}›` : target;
}

function indent(code: string): string {
  return code
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

function emoji(text: string): string {
  return text.replace(/:([a-z0-9_+-]+):/g, (whole, name: string) => EMOJI[name] ?? whole);
}
