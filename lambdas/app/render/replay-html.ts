import type { EventRef, ReplaySummary, ViolationItem } from '../../core/replay/types';
import { escapeHtml as esc } from '../one-click/http';
import { describeActor, describeChange } from './describe-change';
import { count, formatDuration, modeNote, orderingNote, shortPrincipal, shownOf } from './replay-format';
import { renderTimelineSvg } from './replay-timeline-svg';

const STYLE = [
  'body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:1000px;',
  'padding:0 1rem;color:#1d2433}h1{font-size:1.5rem;margin:0 0 .25rem}',
  'h2{font-size:1.1rem;margin:2rem 0 .5rem;border-bottom:1px solid #dde1e8;padding-bottom:.25rem}',
  '.note{color:#5a6372;overflow-wrap:anywhere}.cards{display:flex;flex-wrap:wrap;gap:.75rem;margin:1rem 0}',
  '.card{border:1px solid #dde1e8;border-radius:6px;padding:.5rem .9rem;min-width:7rem}',
  '.card b{display:block;font-size:1.4rem}.card.bad b{color:#c0392b}',
  // Long ids, ARNs, rule descriptions and messages wrap inside their cell: the table never overflows.
  'table{border-collapse:collapse;width:100%;font-size:13px}',
  'th,td{text-align:left;vertical-align:top;border-bottom:1px solid #eef0f4;padding:.3rem .4rem;',
  'overflow-wrap:anywhere}',
  'th{background:#f6f7f9}td.num,th.num{text-align:right}code{font-size:12px;word-break:break-all}',
  'table.wide{table-layout:fixed}table.wide col.time{width:10rem}table.wide col.action{width:8rem}',
  '.sev-critical{color:#c0392b;font-weight:600}.sev-high{color:#d35400}',
  'svg.timeline{max-width:100%;height:auto}.judged{fill:#9fb3c8}.violation{fill:#c0392b}.base{stroke:#5a6372}',
  '.axis,.lane{font-size:11px;fill:#5a6372}.outage{fill:#e67e22}.outage.open{fill:url(#open)}',
  '.empty{color:#5a6372}.legend span{display:inline-block;width:.8rem;height:.8rem;margin:0 .3rem 0 1rem;',
  'vertical-align:middle}',
  // Phones: each row becomes a card of "label value" lines.
  '@media (max-width:640px){body{margin:1rem auto}table,tbody,tr,td{display:block;width:auto}',
  'thead,colgroup{display:none}tr{border-bottom:1px solid #dde1e8;padding:.4rem 0}td{border:0;padding:.1rem 0}',
  'td.num{text-align:left}td::before{content:attr(data-label) ": ";color:#5a6372}}',
].join('');

const LEGEND = [
  ['#9fb3c8', 'changes judged'],
  ['#c0392b', 'violations'],
  ['#e67e22', 'dependency outage'],
  ['#c0392b;opacity:.6', 'still broken at the end'],
]
  .map(([color, label]) => `<span style="background:${color}"></span>${label}`)
  .join('');

/**
 * The replay report as one self-contained HTML file: inline CSS and an inline SVG timeline, no script,
 * no external resource (the Content-Security-Policy forbids them). Everything from the input is escaped.
 */
export function renderReplayHtml(s: ReplaySummary): string {
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>sg-guardian replay ${esc(s.firstEventTime ?? '')} – ${esc(s.lastEventTime ?? '')}</title>`,
    `<style>${STYLE}</style></head><body>`,
    '<header><h1>sg-guardian replay</h1>',
    `<p class="note">${count(s.records)} record(s) from ${count(s.files.read + s.files.unreadable)} file(s)` +
      `${s.files.unreadable ? ` (${count(s.files.unreadable)} unreadable)` : ''}, ` +
      `${esc(s.firstEventTime ?? '?')} → ${esc(s.lastEventTime ?? '?')}. ${esc(modeNote(s))}.</p></header>`,
    cards(s),
    '<section id="timeline"><h2>Timeline</h2>',
    `<p class="legend note">${LEGEND}</p>`,
    renderTimelineSvg(s),
    '</section>',
    section('violations', `Violations${shown(s.violations)}`, violationsTable(s.violations.items)),
    section('reverts', `Would have been reverted${shown(s.reverts)}`, revertsTable(s.reverts.items)),
    section('principals', 'Principals (by violations)', principalsTable(s)),
    section('outages', `Dependency outages${shown(s.outages)}`, outagesTable(s)),
    section('invalid', `Invalid input${shown(s.invalid)}`, invalidTable(s)),
    section('totals', 'Totals', totalsTable(s)),
    `<footer class="note"><p>${esc(orderingNote(s))}</p></footer>`,
    '</body></html>',
  ].join('\n');
}

function cards(s: ReplaySummary): string {
  const judged = s.verdicts.ok + s.verdicts.violation;
  const card = (label: string, n: number, bad = false) =>
    `<div class="card${bad && n > 0 ? ' bad' : ''}"><b>${count(n)}</b>${esc(label)}</div>`;
  return [
    '<section class="cards">',
    card('records', s.records),
    card('changes judged', judged),
    card('violations', s.violations.total, true),
    card('would revert', s.actions.revert, true),
    card('would notify', s.actions.notify),
    card('outages', s.outages.total, true),
    card('invalid', s.invalid.total, true),
    '</section>',
  ].join('');
}

const shown = (list: { total: number; items: readonly unknown[] }) => shownOf(list.items.length, list.total);

function section(id: string, title: string, body: string): string {
  return `<section id="${id}"><h2>${esc(title)}</h2>${body}</section>`;
}

/** A table of HTML cells (already escaped); `numeric` columns are right-aligned. */
function table(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  numeric: readonly number[] = [],
  cols?: readonly string[],
): string {
  if (rows.length === 0) return '<p class="empty">None.</p>';
  const cls = (i: number) => (numeric.includes(i) ? ' class="num"' : '');
  const col = (c: string) => (c ? `<col class="${c}">` : '<col>');
  const colgroup = cols ? `<colgroup>${cols.map(col).join('')}</colgroup>` : '';
  return [
    `<table${cols ? ' class="wide"' : ''}>${colgroup}<thead><tr>`,
    head.map((h, i) => `<th${cls(i)}>${esc(h)}</th>`).join(''),
    '</tr></thead><tbody>',
    // data-label: the column's name, shown before each value where rows become cards (phones).
    rows
      .map((row) => row.map((html, i) => `<td${cls(i)} data-label="${esc(head[i] ?? '')}">${html}</td>`))
      .map((cells) => `<tr>${cells.join('')}</tr>`)
      .join(''),
    '</tbody></table>',
  ].join('');
}

function violationsTable(items: readonly ViolationItem[]): string {
  return table(
    ['time', 'event', 'who', 'change', 'findings', 'action'],
    items.map((v) => [
      esc(v.eventTime ?? '?'),
      `${apiName(v.eventName)}<br><code>${esc(v.eventId)}</code>`,
      esc(describeActor(v.actor)),
      v.change ? esc(describeChange(v.change)) : '',
      v.findings
        .map((f) => `<span class="sev-${esc(f.severity)}">[${esc(f.severity)}]</span> ${esc(f.title)}`)
        .join('<br>'),
      `${esc(v.action)}${v.actionReason ? `<br><small>${esc(v.actionReason)}</small>` : ''}`,
    ]),
    [],
    ['time', '', '', '', '', 'action'],
  );
}

/** "Authorize<wbr>Security<wbr>Group<wbr>Ingress": a narrow column breaks an API name between its words. */
function apiName(name: string): string {
  return esc(name).replace(/([a-z])(?=[A-Z])/g, '$1<wbr>');
}

function revertsTable(items: readonly ViolationItem[]): string {
  return table(
    ['time', 'event', 'principal', 'revert'],
    items.map((v) => [
      esc(v.eventTime ?? '?'),
      apiName(v.eventName),
      esc(shortPrincipal(v.principal)),
      v.revert.map((step) => `<code>${esc(step.api)}</code> ${esc(step.summary)}`).join('<br>'),
    ]),
  );
}

function principalsTable(s: ReplaySummary): string {
  return table(
    ['principal', 'changes', 'violations', 'would revert', 'failed calls'],
    s.principals.map((p) => [
      `<code>${esc(p.principal)}</code>`,
      count(p.changes),
      count(p.violations),
      count(p.reverts),
      count(p.failedCalls),
    ]),
    [1, 2, 3, 4],
  );
}

function outagesTable(s: ReplaySummary): string {
  const intervals = table(
    ['dependency', 'broken', 'restored', 'duration', 'blocked by', 'ENI pairs'],
    s.outages.items.map((o) => [
      esc(o.dependency),
      o.brokenBy ? refCell(o.brokenBy) : 'before the first event',
      o.restoredBy ? refCell(o.restoredBy) : '<b>still broken at the end</b>',
      esc(formatDuration(o.durationMs)),
      esc(o.blockedBy.join(', ')),
      count(o.pairs),
    ]),
    [3, 5],
  );
  const totals = table(
    ['dependency', 'outages', 'total', 'longest', 'at the end'],
    s.outages.byDependency.map((d) => [
      esc(d.dependency),
      count(d.outages),
      esc(formatDuration(d.totalMs)),
      esc(formatDuration(d.longestMs)),
      d.brokenAtEnd ? 'broken' : 'ok',
    ]),
    [1, 2, 3],
  );
  return `${intervals}<h3>By dependency</h3>${totals}`;
}

function refCell(ref: EventRef): string {
  const who = shortPrincipal(ref.principal);
  return `${esc(ref.eventTime ?? '?')}<br><small>${esc(ref.eventName)} by ${esc(who)}</small>`;
}

function invalidTable(s: ReplaySummary): string {
  return table(
    ['file', 'JSON path', 'reason'],
    s.invalid.items.map((i) => [`<code>${esc(i.file)}</code>`, `<code>${esc(i.path)}</code>`, esc(i.reason)]),
  );
}

function totalsTable(s: ReplaySummary): string {
  const rows = (what: string, counts: Readonly<Partial<Record<string, number>>>) =>
    Object.entries(counts)
      .filter(([, n]) => (n ?? 0) > 0)
      .map(([k, n]) => [esc(what), esc(k), count(n ?? 0)]);
  return table(
    ['what', 'kind', 'count'],
    [
      ...rows('verdict', s.verdicts),
      ...rows('change', s.changes),
      ...rows('finding', s.findings),
      ...rows('severity', s.severities),
    ],
    [2],
  );
}
