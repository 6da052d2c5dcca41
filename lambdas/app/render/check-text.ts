import type { DependencyResult, Finding } from '../../core/verdict/types';
import type { CheckReport } from '../check-account';
import { describeTraffic } from './describe-change';
import { exposurePeersText } from './exposure-peers';
import { renderPair } from './verdict-text';

/** `sg-guardian check` for people: every dependency, then every exposure. */
export function renderCheckText(report: CheckReport): string {
  const lines = ['Dependencies'];
  if (report.dependencies.length === 0) lines.push('  (none declared)');
  for (const d of report.dependencies) lines.push(...renderDependency(d));
  lines.push('', 'World exposure');
  if (report.exposures.length === 0) lines.push('  none');
  for (const f of report.exposures) lines.push(renderExposure(f));
  if (report.notEvaluated.length)
    lines.push('', 'Not evaluated', ...report.notEvaluated.map((n) => `  - ${n}`));
  const partial = report.partial
    ? ` (partial: ${report.notEvaluated.length} check(s) not evaluated, listed above; add the missing snapshot files)`
    : '';
  lines.push('', `${report.violation ? 'Result: VIOLATION' : 'Result: OK'}${partial}`);
  return lines.join('\n');
}

export function renderDependency(d: DependencyResult): string[] {
  const traffic = describeTraffic(d.protocol, d.port, d.port);
  const head =
    d.status === 'reachable'
      ? `  ✓ ${d.dependency} (${traffic}): reachable on ${d.pairs.length} ENI pair(s)`
      : d.status === 'unresolved'
        ? `  ? ${d.dependency} (${traffic}): unresolved — ${d.reason ?? 'no ENI selected'}`
        : `  ✗ ${d.dependency} (${traffic}): BLOCKED by ${d.blockedBy.join(', ')}`;
  const out = [head];
  if (d.notEvaluated.length) out.push(`      not evaluated: ${d.notEvaluated.join(', ')}`);
  for (const p of d.pairs.filter((x) => !x.reachable)) out.push(`      ${renderPair(p)}`);
  for (const fix of d.fixes) out.push(`      fix (${fix.layer}): ${fix.summary}`, `        ${fix.awsCli}`);
  return out;
}

function renderExposure(f: Finding): string {
  const peers = exposurePeersText(f);
  return `  ✗ [${f.severity}] ${f.title}${peers ? ` — open to ${peers}` : ''}`;
}
