import type { Change, EventMeta } from '../events/types';
import type { NetworkModel } from '../model/types';
import { applyChange } from '../state/apply-change';
import type { Layer } from '../verdict/types';
import type { FlowEdge } from './aggregate';
import type { FlowParty } from './endpoints';
import { checkPath } from './path-check';
import { isoSeconds } from './propose-yaml';
import { selectorForGroups } from './selectors';
import { type FlowStats, Tally } from './stats';
import { type Symptom, symptomOf } from './symptom';

/** A change from CloudTrail history, in time order. */
export interface TimedChange {
  /** Unix seconds. */
  readonly time: number;
  readonly meta: EventMeta;
  readonly change: Change;
}

/** The change that made a path go from allowed to blocked. */
export interface RejectCause {
  readonly eventId: string;
  readonly eventName: string;
  readonly eventTime: string;
  /** 'user/alice', 'assumed-role/deployer/ci', or the principal id. */
  readonly actor: string;
  /** First REJECT minus the change, in seconds (negative: within the same capture window). */
  readonly secondsAfter: number;
}

export interface RejectExplanation {
  /** The most frequent ENI-level edge of the cluster (client, service, traffic). */
  readonly edge: FlowEdge;
  /** The cluster: every edge between the same two labels, on the same traffic, blocked alike. */
  readonly stats: FlowStats;
  readonly edges: number;
  readonly client: string;
  readonly service: string;
  /** The first layer that blocks it now; undefined when the path is open now. */
  readonly layer?: Layer;
  readonly detail: string;
  readonly notEvaluated: boolean;
  readonly symptom: Symptom;
  readonly cause?: RejectCause;
  /** One line: "REJECTs from nginx to backend:8080 began 03:42:17, 4 s after user/alice's RevokeSecurityGroupIngress". */
  readonly summary: string;
}

/** How far after a REJECT's record start a change may lie and still be its cause (the longest capture window). */
export const CAPTURE_WINDOW_SECONDS = 600;
const EXPLAINED = 1000;

/** A short label for a party: its role or group name, else its address. */
export function partyLabel(model: NetworkModel, p: FlowParty): string {
  if (p.kind === 'cidr') return p.ip;
  return selectorForGroups(model, p.eni.groupIds)?.label ?? p.eni.eniId;
}

export function actorLabel(meta: EventMeta): string {
  const arn = meta.actor.arn;
  if (arn) return arn.split(':').slice(5).join(':') || arn;
  return meta.actor.principalId ?? meta.actor.type ?? 'unknown principal';
}

function trafficOfEdge(edge: FlowEdge) {
  return { protocol: edge.protocol, ...(edge.port !== undefined ? { port: edge.port } : {}) };
}

/**
 * The state after each change: states[0] is the snapshot (taken before the history, as for `replay`),
 * states[i] the state after changes[i - 1].
 */
export function statesOf(model: NetworkModel, changes: readonly TimedChange[]): NetworkModel[] {
  const states = [model];
  for (const c of changes) states.push(applyChange(states[states.length - 1]!, c.change).model);
  return states;
}

function causeOf(
  edge: FlowEdge,
  changes: readonly TimedChange[],
  states: readonly NetworkModel[],
): RejectCause | undefined {
  const traffic = trafficOfEdge(edge);
  const blockedIn = (i: number) => checkPath(states[i]!, traffic, edge.client, edge.service).blocked !== undefined;
  for (let i = changes.length - 1; i >= 0; i--) {
    const c = changes[i]!;
    if (c.time > edge.stats.first + CAPTURE_WINDOW_SECONDS) continue;
    if (blockedIn(i + 1) && !blockedIn(i))
      return {
        eventId: c.meta.eventId,
        eventName: c.meta.eventName,
        eventTime: isoSeconds(c.time),
        actor: actorLabel(c.meta),
        secondsAfter: Math.round(edge.stats.first - c.time),
      };
  }
  return undefined;
}

function summaryOf(client: string, service: string, edge: FlowEdge, cause: RejectCause | undefined): string {
  const to = edge.port !== undefined ? `${service}:${edge.port}` : `${service} (${edge.protocol})`;
  const began = isoSeconds(edge.stats.first).slice(11, 19);
  const head = `REJECTs from ${client} to ${to} began ${began}`;
  if (!cause) return head;
  const when = cause.secondsAfter >= 0 ? `${cause.secondsAfter} s after` : 'in the same capture window as';
  return `${head}, ${when} ${cause.actor}'s ${cause.eventName}`;
}

/**
 * Explains each REJECT cluster: the layer that rejects it now (the engine's layers on the state after
 * every change given), the symptom a client sees, and, with CloudTrail history, the change that started
 * it (the latest change, up to one capture window after the first REJECT, that turned the path from
 * allowed to blocked). The most frequent clusters first; at most 1000 explained.
 */
export function explainRejects(
  model: NetworkModel,
  rejected: readonly FlowEdge[],
  changes: readonly TimedChange[] = [],
): RejectExplanation[] {
  const ordered = [...changes].sort((a, b) => a.time - b.time);
  const states = statesOf(model, ordered);
  const now = states[states.length - 1]!;
  const clusters = new Map<string, { x: Omit<RejectExplanation, 'stats' | 'edges'>; tally: Tally; edges: number }>();
  const byRecords = [...rejected].sort((a, b) => b.stats.records - a.stats.records || a.stats.first - b.stats.first);
  for (const edge of byRecords.slice(0, EXPLAINED)) {
    const check = checkPath(now, trafficOfEdge(edge), edge.client, edge.service);
    const layer = check.blocked?.layer;
    const cause = ordered.length ? causeOf(edge, ordered, states) : undefined;
    const client = partyLabel(model, edge.client);
    const service = partyLabel(model, edge.service);
    const key = JSON.stringify([client, service, edge.protocol, edge.port, layer, cause?.eventId]);
    let cluster = clusters.get(key);
    if (!cluster) {
      cluster = {
        x: {
          edge,
          client,
          service,
          ...(layer ? { layer } : {}),
          detail: check.blocked?.detail ?? 'allowed now by every layer evaluated',
          notEvaluated: check.notEvaluated,
          symptom: symptomOf(edge.protocol, layer, edge.port),
          ...(cause ? { cause } : {}),
          summary: '',
        },
        tally: new Tally(),
        edges: 0,
      };
      clusters.set(key, cluster);
    }
    cluster.tally.merge(edge.stats);
    cluster.edges += 1;
  }
  return [...clusters.values()]
    .map(({ x, tally, edges }) => {
      const cause = x.cause && recause(x.cause, tally);
      return {
        ...x,
        ...(cause ? { cause } : {}),
        stats: tally,
        edges,
        summary: summaryOf(x.client, x.service, { ...x.edge, stats: tally }, cause),
      };
    })
    .sort((a, b) => b.stats.records - a.stats.records || a.stats.first - b.stats.first);
}

/** The cause, timed from the cluster's first REJECT. */
function recause(cause: RejectCause, stats: FlowStats): RejectCause {
  const changed = Date.parse(cause.eventTime) / 1000;
  return { ...cause, secondsAfter: Math.round(stats.first - changed) };
}
