import type { DependencyResult } from '../../core/verdict/types';
import type { CheckReport } from '../check-account';
import { describeTraffic } from './describe-change';

/** A Mermaid flowchart of the dependency graph: groups as nodes, dependencies as edges, broken edges red. */
export function renderCheckMermaid(report: CheckReport, groupName: (groupId: string) => string): string {
  const lines = ['flowchart LR'];
  const nodes = new Set<string>();
  const broken: number[] = [];
  report.dependencies.forEach((d, i) => {
    for (const g of [...d.sourceGroupIds, ...d.destinationGroupIds]) nodes.add(g);
    const from = d.sourceGroupIds[0] ?? `unresolved_from_${i}`;
    const to = d.destinationGroupIds[0] ?? `unresolved_to_${i}`;
    lines.push(`  ${id(from)} ${d.status === 'reachable' ? '-->' : '-.->'}|"${label(d)}"| ${id(to)}`);
    if (d.status !== 'reachable') broken.push(i);
  });
  lines.splice(
    1,
    0,
    ...[...nodes].map((g) => `  ${id(g)}["${mermaidText(groupName(g))}<br/>${mermaidText(g)}"]`),
  );
  for (const i of broken) lines.push(`  linkStyle ${i} stroke:#d62728,stroke-width:3px,color:#d62728`);
  return lines.join('\n');
}

function label(d: DependencyResult): string {
  const traffic = describeTraffic(d.protocol, d.port, d.port);
  const name = mermaidText(d.dependency);
  if (d.status === 'reachable') return `${name}: ${mermaidText(traffic)}`;
  if (d.status === 'unresolved') return `? ${name}: unresolved`;
  return `✗ ${name}: ${mermaidText(traffic)} blocked by ${mermaidText(d.blockedBy.join(', '))}`;
}

/**
 * Characters that end a quoted label or that Mermaid reads as syntax inside one: `"` ends it, `#…;` is an
 * entity code (so `#1;` would become the character U+0001), a backtick starts a Markdown string, `<`/`>`
 * are HTML in labels, and the brackets, braces, pipes and `;` close shapes, edge labels and statements in
 * some renderers. Each becomes Mermaid's numeric entity code `#<decimal>;`, which Mermaid draws as the
 * character itself.
 */
const SPECIAL = /["#;{}[\]|<>`&\\]/g;

/** Any text as the inside of a quoted Mermaid label: entity codes for syntax, `<br/>` for line breaks. */
export function mermaidText(text: string): string {
  return text
    .replace(SPECIAL, (c) => `#${c.charCodeAt(0)};`)
    .replace(/\r\n|\r|\n/g, '<br/>')
    .replace(/\p{Cc}/gu, ' ');
}

function id(groupId: string): string {
  return groupId.replace(/[^A-Za-z0-9_]/g, '_');
}
