import type { Finding } from '../../core/verdict/types';
import type { Decision } from '../ports';
import { describeActor, describeChange } from '../render/describe-change';
import { highestSeverity } from '../render/notification';
import { escapeHtml as e } from './http';
import { describeDecision, outcomeReason, stepLines } from './outcome-text';
import { DECIDE_PATH } from './signed-link';

/** The hidden fields the confirmation form posts back; all covered by the link signature or the token. */
export interface ConfirmFields {
  readonly f: string;
  readonly exp: string;
  readonly sig: string;
  readonly event: string;
  readonly nonce: string;
  readonly token: string;
}

/** Reads on a phone: one column, text that wraps, buttons at least 48 px high side by side or stacked. */
const STYLE = [
  'body{font-family:system-ui,sans-serif;max-width:46rem;margin:1.5rem auto;padding:0 1rem;color:#1b1b1b;',
  'line-height:1.45;overflow-wrap:anywhere;-webkit-text-size-adjust:100%}',
  'h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0}',
  'dt{font-weight:600;margin-top:.6rem}dd{margin:0}li{margin:.2rem 0}code{overflow-wrap:anywhere}',
  '.note{color:#555;font-size:.9rem}',
  '.sev{display:inline-block;padding:.15rem .7rem;border-radius:1rem;font-weight:600;color:#fff;background:#5f6368}',
  '.sev-critical{background:#b3261e}.sev-high{background:#c2410c}.sev-medium{background:#8a6100}',
  '.sev-low{background:#1f5fbf}.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin:1.5rem 0}',
  'button{font:inherit;font-size:1.05rem;font-weight:600;min-height:3rem;padding:.6rem 1.2rem;border-radius:6px;',
  'cursor:pointer;flex:1 1 9rem}#revert{background:#b3261e;color:#fff;border:2px solid #b3261e}',
  '#apply-fix{background:#1d4ed8;color:#fff;border:2px solid #1d4ed8}',
  '#keep{background:#fff;color:#1b1b1b;border:2px solid #5f6368}',
].join('');

function page(title: string, body: string, before = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${e(title)} · sg-guardian</title><style>${STYLE}</style></head>
<body>${before}<h1>${e(title)}</h1>
${body}
</body></html>`;
}

/** The worst severity among the change's findings, as a badge above the title. */
function severityBadge(d: Decision): string {
  const severity = highestSeverity(d.verdict.findings);
  return `<p><span class="sev sev-${e(severity)}" id="severity">Severity: ${e(severity)}</span></p>`;
}

/** The main button (Revert, or Apply fix: what the decision offers) and Keep, which leaves the change. */
function decisionForm(
  hidden: string,
  main: { id: string; label: string },
  prefer?: 'keep',
): string {
  const mainButton = `<button type="submit" id="${main.id}">${e(main.label)}</button>`;
  const autofocus = prefer === 'keep' ? ' autofocus' : '';
  const keep = `<button type="submit" id="keep" name="choice" value="keep"${autofocus}>Keep</button>`;
  const buttons = prefer === 'keep' ? keep + mainButton : mainButton + keep;
  return `<form method="post" action="${DECIDE_PATH}" class="actions">${hidden}${buttons}</form>`;
}

function details(d: Decision, findingId: string): string {
  const v = d.verdict;
  const shown = v.findings.find((f) => f.id === findingId) ?? v.findings[0];
  const others = v.findings.filter((f) => f !== shown);
  const rows: [string, string][] = [
    ['Finding', shown ? findingText(shown) : findingId],
    ['Change', v.change ? describeChange(v.change) : v.eventName],
    ['Made by', describeActor(v.actor)],
    ['When', v.eventTime ?? 'unknown'],
    ['Event', `${v.eventName} (${v.eventId})`],
    ['Account / region', `${v.meta?.accountId ?? 'unknown'} / ${v.meta?.awsRegion ?? 'unknown'}`],
  ];
  const list = rows.map(([k, val]) => `<dt>${e(k)}</dt><dd>${e(val)}</dd>`).join('\n');
  const also = others.length
    ? `<p>The same change also caused:</p><ul>${others.map((f) => `<li>${e(findingText(f))}</li>`).join('')}</ul>`
    : '';
  return `<dl>\n${list}\n</dl>${also}`;
}

function findingText(f: Finding): string {
  return `[${f.severity}] ${f.title}`;
}

function stepList(lines: readonly string[]): string {
  return `<ul>${lines.map((l) => `<li><code>${e(l)}</code></li>`).join('')}</ul>`;
}

/** What the confirmation page leans to: `keep` when the link came from a Keep link (both buttons show). */
export interface ConfirmOptions {
  readonly prefer?: 'keep';
}

/** GET: what a click would do. Showing it changes nothing (mail scanners open links). */
export function confirmationPage(
  d: Decision,
  fields: ConfirmFields,
  expiresAt: Date,
  options: ConfirmOptions = {},
): string {
  const hidden = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${e(name)}" value="${e(value)}">`)
    .join('');
  if (d.fix?.apply) return fixConfirmationPage(d, fields.f, hidden, expiresAt, options);
  return page(
    'Revert this change?',
    `${details(d, fields.f)}
<h2>What will be reverted</h2>
${stepList(d.verdict.revert.steps.map((s) => s.summary))}
${decisionForm(hidden, { id: 'revert', label: 'Revert' }, options.prefer)}
<p class="note"><b>Keep</b> leaves the change as it is and stops alerts for this finding.
Opening this page changed nothing. The revert runs only when you press Revert, once,
and only if the resource still looks as this change left it. This link expires at ${e(expiresAt.toISOString())}.</p>`,
    severityBadge(d),
  );
}

/** "Apply fix": the change is not reverted; the one EC2 call of the least-privilege fix is made instead. */
function fixConfirmationPage(
  d: Decision,
  findingId: string,
  hidden: string,
  expiresAt: Date,
  options: ConfirmOptions,
): string {
  const fix = d.fix!;
  return page(
    'Apply this fix?',
    `${details(d, findingId)}
<h2>What will be applied</h2>
<p>${e(fix.summary)}</p>
${stepList(fix.apply ? [fix.apply.summary] : [])}
<p class="note">The change itself is not reverted. Equivalent command: <code>${e(fix.awsCli)}</code></p>
${decisionForm(hidden, { id: 'apply-fix', label: 'Apply fix' }, options.prefer)}
<p class="note"><b>Keep</b> leaves everything as it is and stops alerts for this finding.
Opening this page changed nothing. The fix is applied only when you press Apply fix, once,
and only if the resource still looks as the alert saw it. This link expires at ${e(expiresAt.toISOString())}.</p>`,
    severityBadge(d),
  );
}

/** A decision that is no longer pending: who did what, no button. */
export function decidedPage(d: Decision, findingId: string): string {
  return page(`Already ${describeDecision(d)}`, `${details(d, findingId)}${outcomeSection(d)}`);
}

/** POST: what happened. */
export function resultPage(d: Decision, findingId: string): string {
  const fixed = d.fix?.apply !== undefined;
  const title = resultTitle(d.status, fixed);
  const reason = outcomeReason(d.outcome, fixed ? 'fix' : 'revert');
  return page(
    title,
    `<p id="outcome">${e(describeDecision(d))}${reason ? `: ${e(reason)}` : '.'}</p>
${details(d, findingId)}${outcomeSection(d)}`,
  );
}

function resultTitle(status: Decision['status'], fixed: boolean): string {
  if (status === 'kept') return 'Kept';
  if (fixed) return status === 'reverted' ? 'Fix applied' : 'Fix not applied';
  return status === 'reverted' ? 'Reverted' : 'Not reverted';
}

function outcomeSection(d: Decision): string {
  const lines = stepLines(d.outcome);
  return lines.length ? `<h2>Steps</h2>${stepList(lines)}` : '';
}

export function errorPage(title: string, message: string): string {
  return page(title, `<p id="error">${e(message)}</p><p class="note">Nothing was changed.</p>`);
}
