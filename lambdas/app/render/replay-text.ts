import type { Outage, ReplaySummary, ViolationItem } from '../../core/replay/types';
import { describeActor, describeChange } from './describe-change';
import {
  count,
  describeRef,
  formatCounts,
  formatDuration,
  modeNote,
  orderingNote,
  shownOf,
} from './replay-format';

/** The replay report for people: totals, violations, reverts, principals, outages, invalid input. */
export function renderReplayText(s: ReplaySummary): string {
  const severities = Object.keys(s.severities).length ? `  (${formatCounts(s.severities)})` : '';
  const heading = (title: string, list: { total: number; items: readonly unknown[] }) =>
    `${title}: ${count(list.total)}${shownOf(list.items.length, list.total)}`;
  const lines = [
    `Replayed ${count(s.records)} record(s) from ${count(s.files.read + s.files.unreadable)} file(s)` +
      `${s.files.unreadable ? ` (${count(s.files.unreadable)} unreadable)` : ''}, ` +
      `${s.firstEventTime ?? '?'} → ${s.lastEventTime ?? '?'}`,
    `(${modeNote(s)})`,
    '',
    `verdicts:  ${formatCounts(s.verdicts)}`,
    `changes:   ${formatCounts(s.changes)}`,
    `findings:  ${formatCounts(s.findings)}${severities}`,
    `would:     revert ${count(s.actions.revert)} · notify ${count(s.actions.notify)}`,
  ];
  lines.push('', heading('Violations', s.violations));
  for (const v of s.violations.items) lines.push(...violation(v));
  lines.push('', heading('Would have been reverted', s.reverts));
  for (const v of s.reverts.items)
    lines.push(`  ${describeRef(v)}: ${v.revert.map((r) => r.summary).join('; ')}`);
  lines.push('', 'Principals (by violations):');
  for (const p of s.principals)
    lines.push(
      `  ${p.principal}: ${count(p.violations)} violation(s) in ${count(p.changes)} change(s), ` +
        `${count(p.reverts)} revert(s)${p.failedCalls ? `, ${count(p.failedCalls)} failed call(s)` : ''}`,
    );
  lines.push('', heading('Dependency outages', s.outages));
  for (const o of s.outages.items) lines.push(outage(o));
  if (s.outages.byDependency.length) lines.push('  by dependency:');
  for (const d of s.outages.byDependency)
    lines.push(
      `    ${d.dependency}: ${d.outages} outage(s), ${formatDuration(d.totalMs)} in all, ` +
        `longest ${formatDuration(d.longestMs)}${d.brokenAtEnd ? ', still broken at the end' : ''}`,
    );
  if (s.files.unreadable > 0) {
    lines.push('', `Unreadable files: ${count(s.files.unreadable)}${shownOf(s.files.problems.length, s.files.unreadable)}`);
    for (const p of s.files.problems) lines.push(`  ${p.file}: ${p.reason}`);
  }
  lines.push('', heading('Invalid input', s.invalid));
  for (const i of s.invalid.items) lines.push(`  ${i.file}${i.path ? ` ${i.path}` : ''}: ${i.reason}`);
  lines.push('', orderingNote(s));
  return lines.join('\n');
}

function violation(v: ViolationItem): string[] {
  const out = [`  ── ${v.eventTime ?? '?'}  ${v.eventName}  (${v.eventId})`];
  out.push(`     who:    ${describeActor(v.actor)}`);
  if (v.change) out.push(`     change: ${describeChange(v.change)}`);
  for (const f of v.findings) out.push(`     ✗ [${f.severity}] ${f.title}`);
  out.push(`     action: ${v.action}${v.actionReason ? ` (${v.actionReason})` : ''}`);
  if (v.source) out.push(`     from:   ${v.source}`);
  return out;
}

function outage(o: Outage): string {
  const from = o.brokenBy ? describeRef(o.brokenBy) : 'before the first event';
  const to = o.restoredBy ? describeRef(o.restoredBy) : 'still broken at the end';
  const layers = o.blockedBy.join(', ') || '?';
  const how = `${o.pairs} ENI pair(s), blocked by ${layers}`;
  return `  ${o.dependency}: ${from} → ${to}, ${formatDuration(o.durationMs)}; ${how}`;
}
