import type { PlanReport } from '../../core/plan/types';
import type { Finding } from '../../core/verdict/types';
import { describeUnjudged } from './describe-plan-op';
import { fixesText } from './preflight-fixes';
import { reportRuleId } from './report-rules';
import type { Locate } from './preflight-sarif';

type Command = 'error' | 'warning' | 'notice';

/**
 * GitHub Actions workflow commands: `::error` per finding of the plan, `::notice` per transient
 * one, `::warning` per part that cannot be judged; with `file=` and `line=` when `locate` knows
 * where the resource is declared, so the annotation lands on it in the pull request.
 */
export function renderPreflightGithub(report: PlanReport, locate?: Locate): string {
  const lines: string[] = [];
  for (const r of report.resources)
    for (const f of r.findings)
      lines.push(
        annotation(
          f.transient ? 'notice' : 'error',
          r.address,
          `${reportRuleId(f)} ${r.address}`,
          message(f, f.transient),
          locate,
        ),
      );
  for (const f of report.net.findings.filter((x) => x.addresses.includes('(plan)')))
    lines.push(annotation('error', '(plan)', `${reportRuleId(f)} (plan)`, message(f, false), undefined));
  for (const c of report.cannotJudge)
    lines.push(annotation('warning', c.address, `cannot judge ${describeUnjudged(c)}`, c.reason, locate));
  return lines.join('\n');
}

function message(f: Finding, transient: boolean): string {
  const note = transient ? '\nTransient: a later change of this plan undoes it.' : '';
  const fixes = fixesText(f);
  return `${f.title}\n${f.explanation}${note}${fixes ? `\n${fixes}` : ''}`;
}

function annotation(command: Command, address: string, title: string, text: string, locate?: Locate): string {
  const source = locate?.(address);
  const props = [
    ...(source ? [`file=${escapeProperty(source.file)}`, `line=${source.line}`] : []),
    `title=${escapeProperty(title)}`,
  ];
  return `::${command} ${props.join(',')}::${escapeData(text)}`;
}

/** Workflow-command escaping of the message. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow-command escaping of a property value (also `:` and `,`). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
