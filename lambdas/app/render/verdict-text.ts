import type { Finding, PairResult, Verdict } from '../../core/verdict/types';
import type { RevertOutcome } from '../ports';
import { describeActor, describeChange } from './describe-change';

/** Pairs listed per finding in text; JSON output has them all. */
const MAX_PAIRS = 4;

const MARK: Record<Verdict['verdict'], string> = {
  ok: 'OK',
  violation: 'VIOLATION',
  ignored: 'IGNORED',
  'not-applied': 'NOT APPLIED',
  invalid: 'INVALID',
};

/** A readable block for one verdict: change, who, verdict, broken paths, fix, revert plan. */
export function renderVerdictText(v: Verdict, outcome?: RevertOutcome): string {
  const lines = [`── ${v.eventTime ?? 'unknown time'}  ${v.eventName}  (${v.eventId})`];
  lines.push(`   who:     ${describeActor(v.actor)}`);
  if (v.change) lines.push(`   change:  ${describeChange(v.change)}`);
  lines.push(`   verdict: ${MARK[v.verdict]}${v.reason ? ` — ${v.reason}` : ''}`);
  for (const f of v.findings) lines.push(...renderFinding(f));
  for (const f of v.preexisting) lines.push(`   already broken before this change: ${f.title}`);
  for (const n of v.notEvaluated) lines.push(`   not evaluated: ${n}`);
  if (v.verdict === 'violation') lines.push(...renderRevert(v, outcome));
  return lines.join('\n');
}

function renderFinding(f: Finding): string[] {
  const out = [`   ✗ [${f.severity}] ${f.title}`, `       ${f.explanation}`];
  const pairs = f.pairs ?? [];
  for (const p of pairs.slice(0, MAX_PAIRS)) out.push(`       ${renderPair(p)}`);
  if (pairs.length > MAX_PAIRS) out.push(`       … and ${pairs.length - MAX_PAIRS} more ENI pair(s)`);
  for (const fix of f.fixes ?? [])
    out.push(`       fix (${fix.layer}): ${fix.summary}`, `         ${fix.awsCli}`);
  return out;
}

export function renderPair(p: PairResult): string {
  const blocked = p.layers.filter((l) => l.status === 'block');
  const why = blocked.map((l) => `${l.layer}: ${l.detail}`).join('; ');
  return `${p.sourceEniId} (${p.sourceIp}) → ${p.destinationEniId} (${p.destinationIp}): ${p.reachable ? 'reachable' : why}`;
}

function renderRevert(v: Verdict, outcome?: RevertOutcome): string[] {
  const out = [`   action:  ${v.action}${v.actionReason ? ` (${v.actionReason})` : ''}`];
  if (v.revert.status !== 'ready')
    out.push(`   revert plan: ${v.revert.status}${v.revert.reason ? ` — ${v.revert.reason}` : ''}`);
  else {
    out.push('   revert plan:');
    for (const s of v.revert.steps) out.push(`     ${s.api} ${JSON.stringify(s.input)}`);
  }
  if (outcome) {
    out.push(`   revert:  ${outcome.status}${outcome.reason ? ` — ${outcome.reason}` : ''}`);
    for (const s of outcome.steps)
      out.push(`     ${s.step.api}: ${s.status}${s.error ? ` (${s.error})` : ''}`);
  }
  return out;
}
