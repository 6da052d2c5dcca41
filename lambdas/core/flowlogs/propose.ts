import type { Dependency, GuardianConfig } from '../config/schema';
import type { NetworkModel, Protocol } from '../model/types';
import { selectEndpoint } from '../reachability/select';
import { hasPorts, normalizeProtocol } from '../util/protocol';
import type { FlowEdge, LearnedTraffic } from './aggregate';
import { dependencyName, selectorForGroups } from './selectors';
import { type FlowStats, Tally } from './stats';

/** A dependency learned from ACCEPTed traffic between ENIs of the account. */
export interface ProposedDependency {
  readonly dependency: Dependency;
  readonly stats: FlowStats;
  readonly clientEniIds: readonly string[];
  readonly serviceEniIds: readonly string[];
  /** The (client ENI, service ENI) pairs actually seen, sorted. */
  readonly eniPairs: readonly (readonly [string, string])[];
  /** The declared dependency that already covers it (same traffic, its ENIs inside both sides). */
  readonly declaredAs?: string;
}

/** A declared dependency and whether the window saw its traffic. */
export interface DeclaredUsage {
  readonly name: string;
  readonly from: Dependency['from'];
  readonly to: Dependency['to'];
  readonly protocol: string;
  readonly port?: number;
  readonly records: number;
  readonly lastSeen?: number;
  /** ENIs of its two sides that logged at least one record (traffic unseen on unlogged ENIs proves nothing). */
  readonly loggedEnis: number;
  readonly enis: number;
}

export interface Proposal {
  readonly proposed: readonly ProposedDependency[];
  readonly declared: readonly DeclaredUsage[];
  /** Edges with an outside party (not a dependency between groups): see the external table. */
  readonly external: readonly FlowEdge[];
  /** Edges no dependency can express (a protocol other than tcp, udp, icmp, icmpv6; an ENI without groups). */
  readonly inexpressible: readonly FlowEdge[];
}

interface Draft {
  readonly from: ReturnType<typeof selectorForGroups> & object;
  readonly to: ReturnType<typeof selectorForGroups> & object;
  readonly protocol: Protocol;
  readonly port?: number;
  readonly tally: Tally;
  readonly clients: Set<string>;
  readonly services: Set<string>;
  readonly pairs: Set<string>;
}

const PROTOCOLS = new Set(['tcp', 'udp', 'icmp', 'icmpv6']);

function covers(
  dep: { readonly protocol: string; readonly port?: number },
  protocol: Protocol,
  port: number | undefined,
): boolean {
  const declared = normalizeProtocol(dep.protocol);
  if (declared === '-1') return true;
  if (declared !== protocol) return false;
  return !hasPorts(protocol) || dep.port === port;
}

function draftsOf(model: NetworkModel, edges: readonly FlowEdge[], inexpressible: FlowEdge[], external: FlowEdge[]) {
  const drafts = new Map<string, Draft>();
  for (const edge of edges) {
    const { client, service } = edge;
    if (client.kind !== 'eni' || service.kind !== 'eni') {
      external.push(edge);
      continue;
    }
    const from = selectorForGroups(model, client.eni.groupIds);
    const to = selectorForGroups(model, service.eni.groupIds);
    if (!from || !to || !PROTOCOLS.has(edge.protocol)) {
      inexpressible.push(edge);
      continue;
    }
    const key = JSON.stringify([from.selector, to.selector, edge.protocol, edge.port]);
    let draft = drafts.get(key);
    if (!draft) {
      draft = {
        from,
        to,
        protocol: edge.protocol,
        ...(edge.port !== undefined ? { port: edge.port } : {}),
        tally: new Tally(),
        clients: new Set(),
        services: new Set(),
        pairs: new Set(),
      };
      drafts.set(key, draft);
    }
    draft.tally.merge(edge.stats);
    draft.clients.add(client.eni.eniId);
    draft.services.add(service.eni.eniId);
    draft.pairs.add(`${client.eni.eniId} ${service.eni.eniId}`);
  }
  return [...drafts.values()];
}

/** Unique names: `nginx-to-backend`, then `-8080` when a pair has several ports, then `-2`, `-3`... */
function names(drafts: readonly Draft[]): string[] {
  const base = drafts.map((d) => dependencyName(d.from.label, d.to.label));
  const count = new Map<string, number>();
  for (const b of base) count.set(b, (count.get(b) ?? 0) + 1);
  const used = new Set<string>();
  return drafts.map((d, i) => {
    let name = base[i]!;
    if ((count.get(name) ?? 0) > 1) name = `${name}-${d.port ?? d.protocol}`;
    let unique = name;
    for (let n = 2; used.has(unique); n++) unique = `${name}-${n}`;
    used.add(unique);
    return unique;
  });
}

/**
 * Proposes dependencies from the ACCEPTed edges between ENIs of the account (client groups -> service
 * groups on protocol/port), marks those the config already declares, and tells which declared ones saw
 * no traffic in the window.
 */
export function proposeDependencies(
  model: NetworkModel,
  traffic: LearnedTraffic,
  config?: Pick<GuardianConfig, 'dependencies'>,
): Proposal {
  const inexpressible: FlowEdge[] = [];
  const external: FlowEdge[] = [];
  const drafts = draftsOf(model, traffic.accepted, inexpressible, external).sort(
    (a, b) => a.from.label.localeCompare(b.from.label) || a.to.label.localeCompare(b.to.label) || (a.port ?? 0) - (b.port ?? 0),
  );
  const declared = (config?.dependencies ?? []).map((dep) => ({
    dep,
    from: new Set(selectEndpoint(model, dep.from).enis.map((e) => e.eniId)),
    to: new Set(selectEndpoint(model, dep.to).enis.map((e) => e.eniId)),
  }));
  const named = names(drafts);
  const proposed = drafts.map((d, i): ProposedDependency => {
    const clientEniIds = [...d.clients].sort();
    const serviceEniIds = [...d.services].sort();
    const match = declared.find(
      (x) =>
        covers(x.dep, d.protocol, d.port) &&
        clientEniIds.every((id) => x.from.has(id)) &&
        serviceEniIds.every((id) => x.to.has(id)),
    );
    const dependency: Dependency = {
      name: named[i]!,
      from: d.from.selector,
      to: d.to.selector,
      protocol: d.protocol as Dependency['protocol'],
      ...(d.port !== undefined ? { port: d.port } : {}),
    };
    const eniPairs = [...d.pairs].sort().map((p) => p.split(' ') as [string, string]);
    return { dependency, stats: d.tally, clientEniIds, serviceEniIds, eniPairs, ...(match ? { declaredAs: match.dep.name } : {}) };
  });
  return { proposed, declared: declared.map((x) => usage(x, traffic)), external, inexpressible };
}

function usage(
  x: { dep: Dependency; from: Set<string>; to: Set<string> },
  traffic: LearnedTraffic,
): DeclaredUsage {
  let records = 0;
  let lastSeen: number | undefined;
  for (const edge of traffic.accepted) {
    if (edge.client.kind !== 'eni' || edge.service.kind !== 'eni') continue;
    if (!x.from.has(edge.client.eni.eniId) || !x.to.has(edge.service.eni.eniId)) continue;
    if (!covers(x.dep, edge.protocol, edge.port)) continue;
    records += edge.stats.records;
    lastSeen = Math.max(lastSeen ?? edge.stats.last, edge.stats.last);
  }
  const enis = new Set([...x.from, ...x.to]);
  const loggedEnis = [...enis].filter((id) => traffic.loggedEniIds.has(id)).length;
  const { name, from, to, protocol, port } = x.dep;
  return { name, from, to, protocol, ...(port !== undefined ? { port } : {}), records, ...(lastSeen !== undefined ? { lastSeen } : {}), loggedEnis, enis: enis.size };
}
