import type { NetFinding, PlanReport, ResourceReport, StepFinding } from '../../core/plan/types';
import type { Finding } from '../../core/verdict/types';
import { describePlanOp, describeUnjudged } from './describe-plan-op';
import { renderPair } from './verdict-text';

/** Pairs listed per finding in text; JSON output has them all. */
const MAX_PAIRS = 4;

const VERDICT: Record<PlanReport['verdict'], string> = {
  violation: 'VIOLATION',
  'cannot-judge': 'CANNOT JUDGE',
  ok: 'OK',
};

/** The plan for people: each resource change with its findings, then the net effect and the verdict. */
export function renderPreflightText(report: PlanReport): string {
  const judged = report.resources.length;
  const lines = [
    `Terraform plan: ${judged} network change(s) judged against the snapshot` +
      (report.skipped ? `, ${report.skipped} resource change(s) without network effect left out` : ''),
  ];
  for (const r of report.resources) lines.push('', ...renderResource(r));
  lines.push('', '── net effect of the plan');
  if (report.net.findings.length === 0) lines.push('   no dependency broken and no new exposure');
  for (const f of report.net.findings) lines.push(...renderNet(f));
  for (const f of report.net.preexisting) lines.push(`   already broken before this plan: ${f.title}`);
  for (const n of report.net.notEvaluated) lines.push(`   not evaluated: ${n}`);
  for (const c of report.cannotJudge) lines.push(`   ? cannot judge ${describeUnjudged(c)}: ${c.reason}`);
  lines.push('', `verdict: ${VERDICT[report.verdict]} — ${summary(report)}`);
  return lines.join('\n');
}

function renderResource(r: ResourceReport): string[] {
  const out = [`── ${r.address}  (${r.actions.join(', ')})`];
  for (const op of r.ops) out.push(`   change:  ${describePlanOp(op)}`);
  if (r.ops.length === 0) out.push('   change:  nothing the engine models');
  if (r.findings.length === 0 && r.ops.length > 0 && r.cannotJudge.length === 0)
    out.push('   ok:      no dependency broken and no new exposure');
  for (const f of r.findings) out.push(...renderFinding(f));
  for (const c of r.cannotJudge) out.push(`   ? cannot judge ${describeUnjudged(c)}: ${c.reason}`);
  for (const n of r.notes) out.push(`   note: ${n}`);
  for (const n of r.notEvaluated) out.push(`   not evaluated: ${n}`);
  return out;
}

function renderFinding(f: StepFinding): string[] {
  const mark = f.transient ? '~' : '✗';
  const out = [`   ${mark} [${f.severity}] ${f.title}`, `       ${f.explanation}`];
  if (f.transient) out.push('       transient: a later change of this plan undoes it');
  return [...out, ...details(f)];
}

function renderNet(f: NetFinding): string[] {
  return [`   ✗ [${f.severity}] ${f.title}`, `       by ${f.addresses.join(', ')}`];
}

function details(f: Finding): string[] {
  const out: string[] = [];
  const pairs = f.pairs ?? [];
  for (const p of pairs.slice(0, MAX_PAIRS)) out.push(`       ${renderPair(p)}`);
  if (pairs.length > MAX_PAIRS) out.push(`       … and ${pairs.length - MAX_PAIRS} more ENI pair(s)`);
  for (const fix of f.fixes ?? []) {
    out.push(`       fix (${fix.layer}): ${fix.summary}`);
    out.push(...fix.terraform.split('\n').map((line) => `         ${line}`));
  }
  return out;
}

function summary(report: PlanReport): string {
  const unknown = report.cannotJudge.length;
  const cannot = unknown ? `${unknown} part(s) cannot be judged before apply` : '';
  if (report.verdict === 'violation') {
    const n = report.net.findings.length;
    return [`the plan would cause ${n} finding(s)`, cannot].filter(Boolean).join('; ');
  }
  if (report.verdict === 'cannot-judge') return `nothing found in what is known, but ${cannot}`;
  return 'no dependency broken and no new exposure';
}
