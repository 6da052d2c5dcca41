import type { Outage, ReplaySummary } from '../../core/replay/types';
import { escapeHtml as esc } from '../one-click/http';
import { count, describeRef, formatDuration } from './replay-format';
import { timeTicks } from './replay-time-axis';

const HOUR = 3_600_000;
/** At most this many bars: longer histories are drawn in wider bins (2h, 3h, ...). */
const MAX_BINS = 720;
export const MAX_LANES = 25;
const WIDTH = 960;
const LEFT = 170;
const CHART_TOP = 10;
const CHART_HEIGHT = 150;
const LANE_HEIGHT = 18;

interface Bin {
  judged: number;
  violations: number;
  records: number;
}

type Scale = (ms: number) => number;

/**
 * An inline SVG: changes judged and violations per hour (or per wider bin) as bars, and below one lane
 * per dependency with its outages as bars (open-ended ones hatched). Every label is escaped.
 */
export function renderTimelineSvg(s: ReplaySummary): string {
  if (s.timeline.length === 0) return '<p class="empty">No events with a time.</p>';
  // The timeline is sorted by hour.
  const hours = s.timeline.map((b) => Date.parse(`${b.hour}:00:00Z`));
  const start = hours[0]!;
  const end = hours[hours.length - 1]! + HOUR;
  const binMs = Math.max(1, Math.ceil((end - start) / HOUR / MAX_BINS)) * HOUR;
  const bins: Bin[] = Array.from({ length: Math.ceil((end - start) / binMs) }, () => ({
    judged: 0,
    violations: 0,
    records: 0,
  }));
  s.timeline.forEach((b, i) => {
    const bin = bins[Math.floor((hours[i]! - start) / binMs)]!;
    bin.judged += b.judged;
    bin.violations += b.violations;
    bin.records += b.records;
  });
  const x: Scale = (ms) => LEFT + ((ms - start) / (end - start)) * (WIDTH - LEFT - 10);
  const max = bins.reduce((m, b) => Math.max(m, b.judged), 1);
  const y = (n: number) => CHART_TOP + CHART_HEIGHT - (n / max) * CHART_HEIGHT;
  const width = Math.max(1, x(start + binMs) - x(start) - 1);
  const bar = (cls: string, at: number, n: number) =>
    `<rect class="${cls}" x="${r(x(at))}" y="${r(y(n))}" width="${r(width)}" height="${r(y(0) - y(n))}"/>`;
  const bars = bins.flatMap((b, i) => {
    if (b.judged === 0 && b.violations === 0) return [];
    const at = start + i * binMs;
    const title =
      `${new Date(at).toISOString().slice(0, 13)}:00Z (${binMs / HOUR}h): ${b.judged} change(s) judged, ` +
      `${b.violations} violation(s), ${b.records} record(s)`;
    const violations = b.violations ? bar('violation', at, b.violations) : '';
    return [`<g><title>${esc(title)}</title>${bar('judged', at, b.judged)}${violations}</g>`];
  });
  const lanes = outageLanes(s, start, end, x);
  const height = CHART_TOP + CHART_HEIGHT + 30 + lanes.count * LANE_HEIGHT + (lanes.count ? 10 : 0);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 ${WIDTH} ${height}" ` +
      `width="${WIDTH}" height="${height}" role="img" aria-label="Changes, violations and outages over time">`,
    '<defs><pattern id="open" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">' +
      '<rect width="3" height="6" fill="#c0392b"/></pattern></defs>',
    `<text class="axis" x="${LEFT - 6}" y="${CHART_TOP + 10}" text-anchor="end">${max}</text>`,
    `<text class="axis" x="${LEFT - 6}" y="${CHART_TOP + CHART_HEIGHT}" text-anchor="end">0</text>`,
    `<text class="axis" x="10" y="${CHART_TOP + CHART_HEIGHT / 2}">changes / ${binMs / HOUR}h</text>`,
    `<line class="base" x1="${LEFT}" x2="${WIDTH - 10}" y1="${y(0)}" y2="${y(0)}"/>`,
    ...bars,
    ...ticks(start, end, x, CHART_TOP + CHART_HEIGHT + 16),
    ...lanes.svg,
    '</svg>',
  ].join('');
}

/** Ticks on round UTC quarter hours, hours or days (as the span needs), each with a short mark. */
function ticks(start: number, end: number, x: Scale, baseline: number): string[] {
  const right = WIDTH - 10;
  const marks = timeTicks(start, end).map(({ at, label }) => {
    const tx = x(at);
    const anchor = tx - LEFT < 30 ? 'start' : right - tx < 30 ? 'end' : 'middle';
    return (
      `<line class="base" x1="${r(tx)}" x2="${r(tx)}" y1="${baseline - 16}" y2="${baseline - 11}"/>` +
      `<text class="axis" x="${r(tx)}" y="${baseline}" text-anchor="${anchor}">${esc(label)}</text>`
    );
  });
  return [`<text class="axis" x="10" y="${baseline}">time (UTC)</text>`, ...marks];
}

/** One lane per dependency with outages, at most MAX_LANES; then a line saying how many more. */
function outageLanes(s: ReplaySummary, start: number, end: number, x: Scale) {
  // Lanes for dependencies with outages listed (bars to draw); the count covers every dependency.
  const all = new Set([...s.outages.items, ...s.outages.byDependency].map((o) => o.dependency));
  const names = [...new Set(s.outages.items.map((o) => o.dependency))].slice(0, MAX_LANES);
  const top = CHART_TOP + CHART_HEIGHT + 30;
  const more = all.size - names.length;
  const moreLane = more
    ? [
        `<text class="lane more" x="${LEFT}" y="${top + names.length * LANE_HEIGHT + 12}">` +
          `and ${count(more)} more ${more === 1 ? 'dependency' : 'dependencies'} with outages ` +
          '(see Dependency outages below)</text>',
      ]
    : [];
  const svg = names.flatMap((name, lane) => {
    const y = top + lane * LANE_HEIGHT;
    const label = name.length > 24 ? `${name.slice(0, 23)}…` : name;
    return [
      `<text class="lane" x="${LEFT - 6}" y="${y + 12}" text-anchor="end">${esc(label)}</text>`,
      ...s.outages.items.filter((o) => o.dependency === name).map((o) => outageBar(o, start, end, x, y)),
    ];
  });
  return { count: names.length + (more ? 1 : 0), svg: [...svg, ...moreLane] };
}

function outageBar(o: Outage, start: number, end: number, x: Scale, y: number): string {
  const from = timeOr(o.brokenBy?.eventTime, start);
  const to = timeOr(o.restoredBy?.eventTime, end);
  const title =
    `${o.dependency}: broken ${o.brokenBy ? describeRef(o.brokenBy) : 'before the first event'}, ` +
    `${o.restoredBy ? `restored ${describeRef(o.restoredBy)}` : 'still broken at the end'}` +
    ` — ${formatDuration(o.durationMs)}`;
  const cls = o.restoredBy ? 'outage' : 'outage open';
  const width = r(Math.max(2, x(to) - x(from)));
  return (
    `<rect class="${cls}" x="${r(x(from))}" y="${y + 2}" width="${width}" height="${LANE_HEIGHT - 4}">` +
    `<title>${esc(title)}</title></rect>`
  );
}

function timeOr(iso: string | undefined, fallback: number): number {
  const ms = iso === undefined ? Number.NaN : Date.parse(iso);
  return Number.isFinite(ms) ? ms : fallback;
}

const r = (n: number) => Math.round(n * 10) / 10;
