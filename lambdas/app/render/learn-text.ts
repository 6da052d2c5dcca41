import type { EndpointSelector } from '../../core/config/schema';
import type { FlowEdge } from '../../core/flowlogs/aggregate';
import { describeStats, isoSeconds } from '../../core/flowlogs/propose-yaml';
import type { RejectExplanation } from '../../core/flowlogs/rejects';
import type { LearnReport } from '../learn';

const LISTED = 20;
const n = (value: number) => value.toLocaleString('en-US');

/** `tags Role=web`, `groupName=cache`, `groupId=sg-1`. */
export function describeLearnedSelector(s: EndpointSelector): string {
  if (s.tags)
    return `tags ${Object.entries(s.tags)
      .map(([k, v]) => `${k}=${v}`)
      .join(',')}`;
  if (s.instanceTags)
    return `instanceTags ${Object.entries(s.instanceTags)
      .map(([k, v]) => `${k}=${v}`)
      .join(',')}`;
  if (s.groupName !== undefined) return `groupName=${s.groupName}`;
  return `groupId=${s.groupId ?? '?'}`;
}

/** 'sg-1+sg-2 (eni-1)' or '203.0.113.7/32'. */
export function describeParty(p: FlowEdge['client']): string {
  return p.kind === 'eni' ? `${p.eni.eniId} (${p.eni.groupIds.join('+') || 'no groups'})` : p.cidr;
}

export function edgeTraffic(e: { readonly protocol: string; readonly port?: number }): string {
  return e.port !== undefined ? `${e.protocol} ${e.port}` : e.protocol;
}

/** External edges summed per (inside party, traffic): 'from 57 outside addresses → eni-1 (sg-1) on tcp 443'. */
function externalSummary(edges: readonly FlowEdge[]): { line: string; records: number }[] {
  const sums = new Map<string, { line: string; records: number; sources: Set<string> }>();
  for (const e of edges) {
    const inbound = e.client.kind === 'cidr';
    const inside = describeParty(inbound ? e.service : e.client);
    const key = `${inbound}|${inside}|${edgeTraffic(e)}`;
    const sum = sums.get(key) ?? { line: key, records: 0, sources: new Set<string>() };
    sum.records += e.stats.records;
    sum.sources.add(describeParty(inbound ? e.client : e.service));
    sum.line = inbound
      ? `${sum.sources.size === 1 ? [...sum.sources][0] : `${sum.sources.size} outside addresses`} → ${inside} on ${edgeTraffic(e)}`
      : `${inside} → ${sum.sources.size === 1 ? [...sum.sources][0] : `${sum.sources.size} outside addresses`} on ${edgeTraffic(e)}`;
    sums.set(key, sum);
  }
  return [...sums.values()].sort((a, b) => b.records - a.records);
}

function more(total: number): string[] {
  return total > LISTED ? [`  … and ${n(total - LISTED)} more (--json lists all)`] : [];
}

function summary(r: LearnReport): string[] {
  const c = r.counts;
  const span = r.span ? `, ${isoSeconds(r.span.first)} → ${isoSeconds(r.span.last)}` : '';
  const lines = [
    `Learned from ${n(c.records)} flow-log records${span}: ${n(c.accepted)} accepted, ${n(c.rejected)} rejected, ` +
      `${n(c.returnTraffic)} return traffic (folded into requests), ${n(c.skipped)} skipped (NODATA/SKIPDATA or incomplete)` +
      (c.outsideWindow ? `, ${n(c.outsideWindow)} outside --since/--until` : ''),
  ];
  if (r.problems.total > 0) {
    lines.push(`${n(r.problems.total)} line(s) could not be read (counted, not fatal):`);
    for (const p of r.problems.first) lines.push(`  ${p.source.file}:${p.source.line}: ${p.reason}`);
    if (r.problems.total > r.problems.first.length) lines.push(`  … and ${n(r.problems.total - r.problems.first.length)} more`);
  }
  return lines;
}

function proposals(r: LearnReport): string[] {
  const { proposed, declared, external, inexpressible } = r.proposal;
  const already = proposed.filter((p) => p.declaredAs).length;
  const lines = ['', `Proposed dependencies (${proposed.length}; ${already} already declared, ${proposed.length - already} new)`];
  if (proposed.length === 0) lines.push('  none: no accepted traffic between ENIs of the snapshot');
  for (const p of proposed.slice(0, LISTED)) {
    const d = p.dependency;
    const mark = p.declaredAs ? `✓ declared as ${p.declaredAs}` : '+ NEW';
    lines.push(
      `  ${d.name}: ${describeLearnedSelector(d.from)} → ${describeLearnedSelector(d.to)} on ${edgeTraffic(d)}  [${mark}]`,
      `      ${describeStats(p.stats)}`,
    );
  }
  lines.push(...more(proposed.length));
  const unseen = declared.filter((d) => d.records === 0);
  if (unseen.length) {
    lines.push('', `Declared dependencies with no traffic in the window (${unseen.length})`);
    for (const d of unseen)
      lines.push(`  ${d.name}: ${d.loggedEnis} of its ${d.enis} ENIs logged${d.loggedEnis < d.enis ? ' (unlogged ENIs prove nothing)' : ''}`);
  }
  if (external.length) {
    lines.push('', `Traffic with addresses outside the snapshot (${external.length} edges; not dependencies)`);
    const top = externalSummary(external);
    for (const e of top.slice(0, LISTED)) lines.push(`  ${e.line}: ${n(e.records)} records`);
    lines.push(...more(top.length));
  }
  if (inexpressible.length)
    lines.push(`  (${inexpressible.length} edge(s) on protocols a dependency cannot declare, or ENIs without groups)`);
  return lines;
}

function leastPrivilege(r: LearnReport): string[] {
  const { unused, world, notCovered } = r.leastPrivilege;
  const lines = ['', 'Least privilege'];
  const egress = unused.filter((u) => u.direction === 'egress').length;
  lines.push(
    `  Rules that let no flow through in the window (${unused.length}: ${unused.length - egress} ingress, ${egress} egress):`,
  );
  for (const u of unused.slice(0, LISTED))
    lines.push(
      `    ${u.ruleId ?? u.key}  ${u.groupId} (${u.groupName})  ${u.rule}  last seen ${u.lastSeen !== undefined ? isoSeconds(u.lastSeen) : 'never'}`,
    );
  lines.push(...more(unused.length).map((l) => `  ${l}`));
  for (const w of world) {
    const sources = w.sources.map((s) => s.value).join(', ');
    lines.push(
      `  ${w.ruleId ?? w.key} on ${w.groupId} (${w.groupName}) opens ${w.rule}; ${n(w.flows)} flows came from ${w.truncated ? `too many sources to list (${sources.split(', ').length}+): keep it, or put a load balancer or CDN in front` : sources}`,
    );
    for (const cmd of w.awsCli) lines.push(`      ${cmd}`);
    if (w.terraform) lines.push(...w.terraform.split('\n').map((t) => `      ${t}`));
  }
  if (notCovered.length)
    lines.push(`  Not judged (some of their ENIs logged nothing): ${notCovered.join(', ')}`);
  return lines;
}

function rejectLines(x: RejectExplanation): string[] {
  const where = x.layer ? `rejected now at ${x.layer}: ${x.detail}` : `open now (${x.detail})`;
  const ret = x.stats.returnRecords === x.stats.records ? ' (only replies were rejected)' : '';
  const pairs = x.edges > 1 ? ` between ${x.edges} address pairs` : '';
  return [
    `  ${x.summary}`,
    `      ${n(x.stats.records)} record(s)${pairs}${ret}; ${where}${x.notEvaluated ? ' (some layers not evaluated)' : ''}`,
    `      a client sees ${x.symptom.text}`,
  ];
}

function rejects(r: LearnReport): string[] {
  if (r.rejects.length === 0) return ['', 'REJECTs: none in the window'];
  const lines = ['', `REJECTs explained (${r.rejects.length} cluster(s), most frequent first)`];
  for (const x of r.rejects.slice(0, LISTED)) lines.push(...rejectLines(x));
  lines.push(...more(r.rejects.length));
  return lines;
}

/** `sg-guardian learn`: what the flow logs taught, for a terminal. */
export function renderLearnText(r: LearnReport, notes: readonly string[] = []): string {
  return [...summary(r), ...proposals(r), ...leastPrivilege(r), ...rejects(r), ...(notes.length ? ['', ...notes] : [])].join('\n');
}
