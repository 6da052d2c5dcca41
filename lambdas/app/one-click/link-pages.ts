import type { Finding } from '../../core/verdict/types';
import type { Decision } from '../ports';
import { describeActor, describeChange } from '../render/describe-change';
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

const STYLE = `body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
dt{font-weight:600;margin-top:.6rem}dd{margin:0}li{margin:.2rem 0}code{overflow-wrap:anywhere}
.note{color:#555;font-size:.9rem}button{font-size:1rem;padding:.5rem 1.4rem;background:#b3261e;color:#fff;border:0;border-radius:4px;cursor:pointer}`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${e(title)} · sg-guardian</title><style>${STYLE}</style></head>
<body><h1>${e(title)}</h1>
${body}
</body></html>`;
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

/** GET: what a click would do. Showing it changes nothing (mail scanners open links). */
export function confirmationPage(d: Decision, fields: ConfirmFields, expiresAt: Date): string {
  const hidden = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${e(name)}" value="${e(value)}">`)
    .join('');
  if (d.fix?.apply) return fixConfirmationPage(d, fields.f, hidden, expiresAt);
  return page(
    'Revert this change?',
    `${details(d, fields.f)}
<h2>What will be reverted</h2>
${stepList(d.verdict.revert.steps.map((s) => s.summary))}
<form method="post" action="${DECIDE_PATH}">${hidden}<button type="submit" id="revert">Revert</button></form>
<p class="note">Opening this page changed nothing. The revert runs only when you press the button, once,
and only if the resource still looks as this change left it. This link expires at ${e(expiresAt.toISOString())}.</p>`,
  );
}

/** "Apply fix": the change is not reverted; the one EC2 call of the least-privilege fix is made instead. */
function fixConfirmationPage(d: Decision, findingId: string, hidden: string, expiresAt: Date): string {
  const fix = d.fix!;
  return page(
    'Apply this fix?',
    `${details(d, findingId)}
<h2>What will be applied</h2>
<p>${e(fix.summary)}</p>
${stepList(fix.apply ? [fix.apply.summary] : [])}
<p class="note">The change itself is not reverted. Equivalent command: <code>${e(fix.awsCli)}</code></p>
<form method="post" action="${DECIDE_PATH}">${hidden}<button type="submit" id="apply-fix">Apply fix</button></form>
<p class="note">Opening this page changed nothing. The fix is applied only when you press the button, once,
and only if the resource still looks as the alert saw it. This link expires at ${e(expiresAt.toISOString())}.</p>`,
  );
}

/** A decision that is no longer pending: who did what, no button. */
export function decidedPage(d: Decision, findingId: string): string {
  return page(`Already ${describeDecision(d)}`, `${details(d, findingId)}${outcomeSection(d)}`);
}

/** POST: what happened. */
export function resultPage(d: Decision, findingId: string): string {
  const fixed = d.fix?.apply !== undefined;
  const title = fixed
    ? d.status === 'reverted'
      ? 'Fix applied'
      : 'Fix not applied'
    : d.status === 'reverted'
      ? 'Reverted'
      : 'Not reverted';
  const reason = outcomeReason(d.outcome, fixed ? 'fix' : 'revert');
  return page(
    title,
    `<p id="outcome">${e(describeDecision(d))}${reason ? `: ${e(reason)}` : '.'}</p>
${details(d, findingId)}${outcomeSection(d)}`,
  );
}

function outcomeSection(d: Decision): string {
  const lines = stepLines(d.outcome);
  return lines.length ? `<h2>Steps</h2>${stepList(lines)}` : '';
}

export function errorPage(title: string, message: string): string {
  return page(title, `<p id="error">${e(message)}</p><p class="note">Nothing was changed.</p>`);
}
