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
  lines.splice(1, 0, ...[...nodes].map((g) => `  ${id(g)}["${groupName(g)}<br/>${g}"]`));
  for (const i of broken) lines.push(`  linkStyle ${i} stroke:#d62728,stroke-width:3px,color:#d62728`);
  return lines.join('\n');
}

function label(d: DependencyResult): string {
  const traffic = describeTraffic(d.protocol, d.port, d.port);
  if (d.status === 'reachable') return `${d.dependency}: ${traffic}`;
  if (d.status === 'unresolved') return `? ${d.dependency}: unresolved`;
  return `✗ ${d.dependency}: ${traffic} blocked by ${d.blockedBy.join(', ')}`;
}

function id(groupId: string): string {
  return groupId.replace(/[^A-Za-z0-9_]/g, '_');
}
