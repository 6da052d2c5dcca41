import type { FlowEdge } from '../../core/flowlogs/aggregate';
import type { FlowParty } from '../../core/flowlogs/endpoints';
import { isoSeconds } from '../../core/flowlogs/propose-yaml';
import type { FlowStats } from '../../core/flowlogs/stats';
import type { LearnReport } from '../learn';

function party(p: FlowParty) {
  return p.kind === 'eni'
    ? { eniId: p.eni.eniId, ip: p.ip, groupIds: p.eni.groupIds }
    : { cidr: p.cidr };
}

function stats(s: FlowStats) {
  return {
    records: s.records,
    bytes: s.bytes,
    packets: s.packets,
    returnRecords: s.returnRecords,
    firstSeen: isoSeconds(s.first),
    lastSeen: isoSeconds(s.last),
  };
}

function edge(e: FlowEdge) {
  return {
    client: party(e.client),
    service: party(e.service),
    protocol: e.protocol,
    ...(e.port !== undefined ? { port: e.port } : {}),
    ...stats(e.stats),
  };
}

/** `sg-guardian learn --json`: the whole report as plain JSON (times ISO-8601). */
export function toLearnJson(r: LearnReport) {
  const time = (t: number | undefined) => (t === undefined ? undefined : isoSeconds(t));
  return {
    counts: r.counts,
    problems: r.problems,
    ...(r.span ? { span: { first: isoSeconds(r.span.first), last: isoSeconds(r.span.last) } } : {}),
    window: { since: time(r.window.since), until: time(r.window.until) },
    proposed: r.proposal.proposed.map((p) => ({
      dependency: p.dependency,
      ...stats(p.stats),
      clientEniIds: p.clientEniIds,
      serviceEniIds: p.serviceEniIds,
      declaredAs: p.declaredAs ?? null,
    })),
    declared: r.proposal.declared.map((d) => ({ ...d, lastSeen: time(d.lastSeen) ?? null, seen: d.records > 0 })),
    external: r.proposal.external.map(edge),
    leastPrivilege: {
      unused: r.leastPrivilege.unused.map((u) => ({ ...u, lastSeen: time(u.lastSeen) ?? null })),
      world: r.leastPrivilege.world,
      notCovered: r.leastPrivilege.notCovered,
    },
    rejects: r.rejects.map((x) => ({
      ...edge(x.edge),
      ...stats(x.stats),
      edges: x.edges,
      clientLabel: x.client,
      serviceLabel: x.service,
      layer: x.layer ?? null,
      detail: x.detail,
      notEvaluated: x.notEvaluated,
      symptom: x.symptom,
      cause: x.cause ?? null,
      summary: x.summary,
    })),
    yaml: r.yaml,
  };
}
