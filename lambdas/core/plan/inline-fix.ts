import { hclString } from '../reachability/fix-format';
import type { Finding, Fix } from '../verdict/types';

/** A separate rule resource as the fixes write it: its direction and `key = value` attributes. */
interface RuleResource {
  readonly direction: 'ingress' | 'egress';
  readonly attributes: ReadonlyMap<string, string | number>;
}

const HEAD = /^resource "aws_vpc_security_group_(ingress|egress)_rule" "[^"]*" \{$/;
const ATTRIBUTE = /^ {2}([a-z0-9_]+) *= (.+)$/;
/** Attributes of the rule resource an inline block can say; any other one keeps the fix as it is. */
const KNOWN = new Set([
  'security_group_id',
  'ip_protocol',
  'from_port',
  'to_port',
  'referenced_security_group_id',
  'cidr_ipv4',
  'cidr_ipv6',
  'prefix_list_id',
  'description',
]);

/**
 * The fixes of each finding in the plan's own style: a rule resource for a group whose rules the
 * plan writes inline (`inline`: group id -> its aws_security_group address) becomes the `ingress` /
 * `egress` block to add to that resource. Other fixes, and findings without such fixes, are kept.
 */
export function inPlanStyle<F extends Finding>(findings: readonly F[], inline: ReadonlyMap<string, string>): F[] {
  if (inline.size === 0) return [...findings];
  return findings.map((f) => {
    if (!f.fixes?.length) return f;
    const fixes = f.fixes.map((fix) => inlineFix(fix, inline));
    return fixes.every((fix, i) => fix === f.fixes![i]) ? f : { ...f, fixes };
  });
}

/** The fix as an inline block when it is a rule resource for a group in `inline`; else the fix itself. */
export function inlineFix(fix: Fix, inline: ReadonlyMap<string, string>): Fix {
  const rule = parseRuleResource(fix.terraform);
  const groupId = rule?.attributes.get('security_group_id');
  const address = typeof groupId === 'string' ? inline.get(groupId) : undefined;
  if (!rule || typeof groupId !== 'string' || !address) return fix;
  const block = inlineBlock(rule, groupId);
  if (!block) return fix;
  const where = groupId === address ? address : `${address} (${groupId})`;
  const comment =
    `# add to resource ${where}: the plan writes its rules inline, ` +
    'and a separate rule resource would fight them on every apply';
  return { ...fix, terraform: [comment, ...block].join('\n') };
}

/** Reads a rule resource block written by the fixes; undefined for anything else. */
export function parseRuleResource(terraform: string): RuleResource | undefined {
  const lines = terraform.split('\n');
  const direction = HEAD.exec(lines[0] ?? '')?.[1] as RuleResource['direction'] | undefined;
  if (!direction || lines[lines.length - 1] !== '}') return undefined;
  const attributes = new Map<string, string | number>();
  for (const line of lines.slice(1, -1)) {
    const match = ATTRIBUTE.exec(line);
    if (!match || !KNOWN.has(match[1]!)) return undefined;
    const value = literal(match[2]!);
    if (value === undefined) return undefined;
    attributes.set(match[1]!, value);
  }
  return { direction, attributes };
}

function literal(text: string): string | number | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value)) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The inline block of the same rule. Inline blocks always carry from_port / to_port: 0 and 0 for all
 * traffic (protocol "-1"), as the aws_security_group documentation requires.
 */
function inlineBlock(rule: RuleResource, groupId: string): string[] | undefined {
  const get = (key: string) => rule.attributes.get(key);
  const protocol = get('ip_protocol');
  if (typeof protocol !== 'string') return undefined;
  const all = protocol === '-1';
  const from = all ? 0 : get('from_port');
  const to = all ? 0 : get('to_port');
  if (typeof from !== 'number' || typeof to !== 'number') return undefined;
  const peer = peerAttribute(rule, groupId);
  if (!peer) return undefined;
  const description = get('description');
  const attributes: [string, string][] = [
    ...(typeof description === 'string' ? [['description', hclString(description)] as [string, string]] : []),
    ['protocol', hclString(protocol)],
    ['from_port', String(from)],
    ['to_port', String(to)],
    peer,
  ];
  const width = Math.max(...attributes.map(([key]) => key.length));
  return [`${rule.direction} {`, ...attributes.map(([k, v]) => `  ${k.padEnd(width)} = ${v}`), '}'];
}

/** The one peer of the rule resource as the inline argument that lists it (self for the group itself). */
function peerAttribute(rule: RuleResource, groupId: string): [string, string] | undefined {
  const peers: [string, string][] = [];
  const ref = rule.attributes.get('referenced_security_group_id');
  if (typeof ref === 'string')
    peers.push(ref === groupId ? ['self', 'true'] : ['security_groups', `[${hclString(ref)}]`]);
  const lists: [string, string][] = [
    ['cidr_ipv4', 'cidr_blocks'],
    ['cidr_ipv6', 'ipv6_cidr_blocks'],
    ['prefix_list_id', 'prefix_list_ids'],
  ];
  for (const [key, argument] of lists) {
    const value = rule.attributes.get(key);
    if (typeof value === 'string') peers.push([argument, `[${hclString(value)}]`]);
  }
  return peers.length === 1 ? peers[0] : undefined;
}
