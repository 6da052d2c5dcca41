import type { EndpointSelector } from '../config/schema';
import type { Proposal, ProposedDependency } from './propose';
import type { FlowStats } from './stats';

/** A YAML scalar: plain when safe, else double-quoted (JSON strings are valid YAML). */
export function yamlScalar(value: string): string {
  return /^[A-Za-z0-9._/-]+$/.test(value) && !/^(true|false|null|yes|no|on|off|~|[-.\d]+)$/i.test(value)
    ? value
    : JSON.stringify(value);
}

function flowMap(entries: Readonly<Record<string, string>>): string {
  return `{ ${Object.entries(entries)
    .map(([k, v]) => `${yamlScalar(k)}: ${yamlScalar(v)}`)
    .join(', ')} }`;
}

function selectorYaml(s: EndpointSelector): string {
  if (s.tags) return `{ tags: ${flowMap(s.tags)} }`;
  if (s.groupName !== undefined) return `{ groupName: ${yamlScalar(s.groupName)} }`;
  if (s.groupId !== undefined) return `{ groupId: ${s.groupId} }`;
  return flowMap({});
}

export const isoSeconds = (seconds: number): string => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');

/** '1.2 MB', '980 B'. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** '1,234 flows, 5.6 MB, first 2026-11-20T03:00:00Z, last 2026-11-20T04:00:00Z'. */
export function describeStats(stats: FlowStats): string {
  return (
    `${stats.records.toLocaleString('en-US')} records, ${formatBytes(stats.bytes)}, ` +
    `first ${isoSeconds(stats.first)}, last ${isoSeconds(stats.last)}`
  );
}

function dependencyYaml(p: ProposedDependency): string[] {
  const d = p.dependency;
  const declared = p.declaredAs ? `; already declared as ${p.declaredAs}` : '; NEW';
  return [
    `  # ${describeStats(p.stats)}${declared}`,
    `  - name: ${d.name}`,
    `    from: ${selectorYaml(d.from)}`,
    `    to: ${selectorYaml(d.to)}`,
    `    protocol: ${d.protocol}`,
    ...(d.port !== undefined ? [`    port: ${d.port}`] : []),
  ];
}

/**
 * The proposal as a guardian.yaml fragment: a `dependencies:` list valid under the schema, each with its
 * flows, bytes and first/last seen as a comment; declared dependencies that saw no traffic are listed
 * as comments at the end (never removed: the fragment only proposes).
 */
export function proposalYaml(proposal: Proposal, header: readonly string[] = []): string {
  const lines = [...header.map((h) => `# ${h}`), 'dependencies:'];
  if (proposal.proposed.length === 0) lines[lines.length - 1] = 'dependencies: []';
  for (const p of proposal.proposed) lines.push(...dependencyYaml(p));
  const unseen = proposal.declared.filter((d) => d.records === 0);
  if (unseen.length) {
    lines.push('', '# Declared in the current config, no traffic seen in the window:');
    for (const d of unseen) lines.push(`#   ${d.name} (${d.loggedEnis} of ${d.enis} of its ENIs logged)`);
  }
  return `${lines.join('\n')}\n`;
}
