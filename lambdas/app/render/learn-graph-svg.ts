import type { EndpointSelector } from '../../core/config/schema';
import { escapeHtml as esc } from '../one-click/http';
import { partyLabel } from '../../core/flowlogs/rejects';
import type { NetworkModel } from '../../core/model/types';
import { describeLearnedSelector } from './learn-text';
import type { LearnReport } from '../learn';

type Kind = 'declared' | 'new' | 'unseen' | 'rejected';
interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
  readonly kind: Kind;
}

const COLORS: Record<Kind, string> = { declared: '#2e7d32', new: '#1565c0', unseen: '#9aa3ad', rejected: '#c0392b' };

/** A node name for a selector: the same label `learn` names dependencies and REJECTs with. */
function nodeOf(model: NetworkModel, s: EndpointSelector): string {
  if (s.tags && Object.keys(s.tags).length === 1) return Object.values(s.tags)[0]!;
  if (s.groupName !== undefined) return s.groupName;
  if (s.groupId !== undefined) return model.group(s.groupId)?.groupName ?? s.groupId;
  return describeLearnedSelector(s);
}

const OUTSIDE = 'outside addresses';

/** The edges of the learned graph: observed (declared or new), declared but unseen, and rejected. */
export function learnedGraph(report: LearnReport, model: NetworkModel): GraphEdge[] {
  const edges: GraphEdge[] = report.proposal.proposed.map((p) => ({
    from: nodeOf(model, p.dependency.from),
    to: nodeOf(model, p.dependency.to),
    label: p.dependency.port !== undefined ? String(p.dependency.port) : p.dependency.protocol,
    kind: p.declaredAs ? 'declared' : 'new',
  }));
  for (const d of report.proposal.declared)
    if (d.records === 0)
      edges.push({
        from: nodeOf(model, d.from),
        to: nodeOf(model, d.to),
        label: `${d.name} ${d.port ?? d.protocol}`,
        kind: 'unseen',
      });
  const rejected = new Map<string, GraphEdge>();
  for (const x of report.rejects.slice(0, 40)) {
    const label = (p: typeof x.edge.client) => (p.kind === 'cidr' ? OUTSIDE : partyLabel(model, p));
    const e = { from: label(x.edge.client), to: label(x.edge.service), label: x.edge.port !== undefined ? String(x.edge.port) : x.edge.protocol, kind: 'rejected' as const };
    rejected.set(`${e.from}|${e.to}|${e.label}`, e);
  }
  return [...edges, ...rejected.values()];
}

/**
 * The learned graph as an inline SVG: nodes on a circle, arrows coloured by kind (green declared and
 * seen, blue seen and new, grey dashed declared but unseen, red rejected). No script, everything escaped.
 */
export function renderLearnedGraphSvg(report: LearnReport, model: NetworkModel): string {
  const edges = learnedGraph(report, model);
  if (edges.length === 0) return '<p class="empty">No traffic to draw.</p>';
  const nodes = [...new Set(edges.flatMap((e) => [e.from, e.to]))];
  const size = Math.max(360, 80 * nodes.length);
  const c = size / 2;
  const radius = c - 90;
  const at = new Map(nodes.map((name, i) => {
    const a = (2 * Math.PI * i) / nodes.length - Math.PI / 2;
    return [name, { x: c + radius * Math.cos(a), y: c + radius * Math.sin(a) }] as const;
  }));
  const lines = edges.map((e, i) => {
    const a = at.get(e.from)!;
    const b = at.get(e.to)!;
    const color = COLORS[e.kind];
    const dash = e.kind === 'unseen' ? ' stroke-dasharray="5 4"' : '';
    if (e.from === e.to) {
      const path = `M${a.x - 10},${a.y - 12} C${a.x - 50},${a.y - 70} ${a.x + 50},${a.y - 70} ${a.x + 10},${a.y - 12}`;
      return `<path d="${path}" fill="none" stroke="${color}" stroke-width="2"${dash} marker-end="url(#arrow-${e.kind})"/>` +
        `<text x="${a.x}" y="${a.y - 58}" class="elabel" fill="${color}">${esc(e.label)}</text>`;
    }
    const bend = 18 * ((i % 3) - 1);
    const mx = (a.x + b.x) / 2 + bend;
    const my = (a.y + b.y) / 2 + bend;
    const shorten = (p: { x: number; y: number }, q: { x: number; y: number }) => {
      const d = Math.hypot(q.x - p.x, q.y - p.y) || 1;
      return { x: q.x - ((q.x - p.x) * 16) / d, y: q.y - ((q.y - p.y) * 16) / d };
    };
    const end = shorten({ x: mx, y: my }, b);
    return `<path d="M${a.x},${a.y} Q${mx},${my} ${end.x},${end.y}" fill="none" stroke="${color}" stroke-width="2"${dash} marker-end="url(#arrow-${e.kind})"/>` +
      `<text x="${mx}" y="${my - 4}" class="elabel" fill="${color}">${esc(e.label)}</text>`;
  });
  const markers = (Object.keys(COLORS) as Kind[]).map(
    (k) => `<marker id="arrow-${k}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${COLORS[k]}"/></marker>`,
  );
  const circles = nodes.map((name) => {
    const p = at.get(name)!;
    return `<circle cx="${p.x}" cy="${p.y}" r="14" class="node"/><text x="${p.x}" y="${p.y + 30}" class="nlabel">${esc(name)}</text>`;
  });
  return [
    `<svg class="graph" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="${size}" height="${size}" role="img" aria-label="learned dependency graph">`,
    `<defs>${markers.join('')}</defs>`,
    ...lines,
    ...circles,
    '</svg>',
  ].join('');
}

export const GRAPH_LEGEND = (Object.entries(COLORS) as [Kind, string][])
  .map(([k, color]) => `<span style="background:${color}"></span>${{ declared: 'declared and seen', new: 'seen, not declared', unseen: 'declared, no traffic', rejected: 'rejected' }[k]}`)
  .join('');
