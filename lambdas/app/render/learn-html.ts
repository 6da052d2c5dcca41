import { describeStats, isoSeconds } from '../../core/flowlogs/propose-yaml';
import type { NetworkModel } from '../../core/model/types';
import { escapeHtml as esc } from '../one-click/http';
import type { LearnReport } from '../learn';
import { GRAPH_LEGEND, renderLearnedGraphSvg } from './learn-graph-svg';
import { describeLearnedSelector, describeParty, edgeTraffic } from './learn-text';

const STYLE = [
  'body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:1000px;',
  'padding:0 1rem;color:#1d2433}h1{font-size:1.5rem;margin:0 0 .25rem}',
  'h2{font-size:1.1rem;margin:2rem 0 .5rem;border-bottom:1px solid #dde1e8;padding-bottom:.25rem}',
  '.note{color:#5a6372;overflow-wrap:anywhere}table{border-collapse:collapse;width:100%;font-size:13px}',
  'th,td{text-align:left;vertical-align:top;border-bottom:1px solid #eef0f4;padding:.3rem .4rem;overflow-wrap:anywhere}',
  'th{background:#f6f7f9}code,pre{font-size:12px;white-space:pre-wrap;word-break:break-all}',
  '.new{color:#1565c0;font-weight:600}.ok{color:#2e7d32}.bad{color:#c0392b;font-weight:600}',
  'svg.graph{max-width:100%;height:auto}.node{fill:#fff;stroke:#1d2433;stroke-width:2}',
  '.nlabel{font-size:12px;text-anchor:middle;fill:#1d2433}.elabel{font-size:11px;text-anchor:middle}',
  '.legend span{display:inline-block;width:.8rem;height:.8rem;margin:0 .3rem 0 1rem;vertical-align:middle}',
].join('');

const table = (head: readonly string[], rows: readonly string[][]): string =>
  rows.length === 0
    ? '<p class="note">None.</p>'
    : `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
        .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;

function proposedTable(r: LearnReport): string {
  return table(
    ['dependency', 'from', 'to', 'traffic', 'seen', 'status'],
    r.proposal.proposed.map((p) => [
      `<code>${esc(p.dependency.name)}</code>`,
      esc(describeLearnedSelector(p.dependency.from)),
      esc(describeLearnedSelector(p.dependency.to)),
      esc(edgeTraffic(p.dependency)),
      esc(describeStats(p.stats)),
      p.declaredAs ? `<span class="ok">declared as ${esc(p.declaredAs)}</span>` : '<span class="new">new</span>',
    ]),
  );
}

function unseenTable(r: LearnReport): string {
  return table(
    ['declared dependency', 'traffic', 'ENIs logged'],
    r.proposal.declared
      .filter((d) => d.records === 0)
      .map((d) => [`<code>${esc(d.name)}</code>`, esc(edgeTraffic(d)), `${d.loggedEnis} of ${d.enis}`]),
  );
}

function leastPrivilegeTables(r: LearnReport): string {
  const unused = table(
    ['rule', 'group', 'direction', 'rule admits', 'last seen'],
    r.leastPrivilege.unused.map((u) => [
      `<code>${esc(u.ruleId ?? u.key)}</code>`,
      esc(`${u.groupId} (${u.groupName})`),
      esc(u.direction),
      esc(u.rule),
      esc(u.lastSeen !== undefined ? isoSeconds(u.lastSeen) : 'never'),
    ]),
  );
  const world = table(
    ['rule', 'group', 'flows', 'observed sources', 'replacement'],
    r.leastPrivilege.world.map((w) => [
      `<code>${esc(w.ruleId ?? w.key)}</code> ${esc(w.rule)}`,
      esc(`${w.groupId} (${w.groupName})`),
      String(w.flows),
      esc(w.sources.map((s) => s.value).join(', ')) + (w.truncated ? ' <span class="bad">(too many to replace)</span>' : ''),
      w.awsCli.length ? `<pre>${esc([...w.awsCli, '', w.terraform].join('\n'))}</pre>` : '',
    ]),
  );
  return `<h3>Rules that let no flow through in the window</h3>${unused}<h3>Rules open to the world</h3>${world}`;
}

function rejectsTable(r: LearnReport): string {
  return table(
    ['REJECTs', 'records', 'rejected now at', 'a client sees', 'cause'],
    r.rejects.map((x) => [
      esc(`${describeParty(x.edge.client)} → ${describeParty(x.edge.service)} on ${edgeTraffic(x.edge)}`),
      String(x.stats.records),
      x.layer ? `<span class="bad">${esc(x.layer)}</span>: ${esc(x.detail)}` : esc(x.detail),
      esc(x.symptom.text),
      esc(x.cause ? x.summary : 'no change found (give --events)'),
    ]),
  );
}

/** `sg-guardian learn --html`: a self-contained report (inline CSS and SVG, no script), everything escaped. */
export function renderLearnHtml(r: LearnReport, model: NetworkModel): string {
  const span = r.span ? `${isoSeconds(r.span.first)} → ${isoSeconds(r.span.last)}` : 'no records in the window';
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>sg-guardian learn ${esc(span)}</title><style>${STYLE}</style></head><body>`,
    '<header><h1>sg-guardian learn</h1>',
    `<p class="note">${r.counts.records.toLocaleString('en-US')} flow-log records, ${esc(span)}: ` +
      `${r.counts.accepted.toLocaleString('en-US')} accepted, ${r.counts.rejected.toLocaleString('en-US')} rejected, ` +
      `${r.problems.total} unreadable line(s).</p></header>`,
    '<section id="graph"><h2>Learned graph</h2>',
    `<p class="legend note">${GRAPH_LEGEND}</p>`,
    renderLearnedGraphSvg(r, model),
    '</section>',
    `<section id="proposed"><h2>Proposed dependencies</h2>${proposedTable(r)}`,
    `<h3>Declared, no traffic seen</h3>${unseenTable(r)}`,
    `<h3>guardian.yaml fragment</h3><pre>${esc(r.yaml)}</pre></section>`,
    `<section id="least-privilege"><h2>Least privilege</h2>${leastPrivilegeTables(r)}</section>`,
    `<section id="rejects"><h2>REJECTs explained</h2>${rejectsTable(r)}</section>`,
    '</body></html>',
  ].join('\n');
}
