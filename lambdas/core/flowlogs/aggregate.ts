import type { NetworkModel, Protocol } from '../model/types';
import { hasPorts, normalizeProtocol } from '../util/protocol';
import { type EndpointIndex, type FlowEnds, type FlowParty, indexEndpoints, partyKey, resolveEnds } from './endpoints';
import { DIGEST_KEPT, FlowDigest } from './digest';
import { type FlowPart, FlowDigester } from './digester';
import { PortEvidence } from './direction';
import { RuleHits } from './rule-hits';
import { type FlowAmount, type FlowStats, type FlowTally, Tally } from './stats';
import type { FlowRecord } from './types';

export type { FlowStats } from './stats';

/** One learned edge: a client party talking to a service party on (protocol, port). */
export interface FlowEdge {
  /** Request direction: the client. Its groups (ENI) or its host CIDR (outside the account). */
  readonly client: FlowParty;
  readonly service: FlowParty;
  readonly protocol: Protocol;
  /** The service port (tcp/udp only). */
  readonly port?: number;
  readonly stats: FlowStats;
}

export interface AggregateOptions {
  /** Unix seconds: records that end before are outside the window (rule last-seen still counts them). */
  readonly since?: number;
  /** Unix seconds: records that start after are outside the window. */
  readonly until?: number;
}

/** Everything one pass over the flow logs learned; memory bounded by distinct edges, not records. */
export interface LearnedTraffic {
  /** ACCEPTed traffic per (client ENI or CIDR, service ENI or CIDR, protocol, port), in the window. */
  readonly accepted: readonly FlowEdge[];
  /**
   * ACCEPTed only as it left the client: the service's ENI logs, yet never logged it (a REJECT there,
   * or dropped by a NACL on the way). Never a dependency.
   */
  readonly unconfirmed: readonly FlowEdge[];
  /** REJECTed traffic clustered per (client, service, protocol, port), in the window. */
  readonly rejected: readonly FlowEdge[];
  readonly ruleHits: RuleHits;
  /** ENIs that logged at least one record: only their groups' rules can be called unused. */
  readonly loggedEniIds: ReadonlySet<string>;
  readonly counts: FlowTally;
}

const EDGES_KEPT = 200_000;

const NAMES: Readonly<Record<number, Protocol>> = { 6: 'tcp', 17: 'udp', 1: 'icmp', 58: 'icmpv6' };
/** The engine's protocol name of an IANA number (the common ones without parsing). */
const protocolName = (n: number | undefined): Protocol | undefined =>
  n === undefined ? undefined : (NAMES[n] ?? normalizeProtocol(n));
const PENDING_KEPT = 100_000;

interface Pending {
  readonly ends: FlowEnds;
  readonly protocol: Protocol;
  readonly srcPort: number;
  readonly dstPort: number;
  readonly action: 'ACCEPT' | 'REJECT';
  readonly inWindow: boolean;
  readonly amount: Tally;
}

/** The host CIDR of an outside party folded into "the rest of the internet" once too many are kept. */
function folded(p: FlowParty): FlowParty {
  if (p.kind === 'eni') return p;
  const world = p.ip.includes(':') ? '::/0' : '0.0.0.0/0';
  return { kind: 'cidr', cidr: world, ip: p.ip };
}

/**
 * Streaming aggregation of flow-log records. `add` each record, then `finish` once: ambiguous records
 * (no tcp-flags, no telling port) wait, keyed by connection, until port evidence settles them.
 */
export class FlowAggregator {
  private readonly index: EndpointIndex;
  private readonly evidence = new PortEvidence();
  private readonly pending = new Map<string, Pending>();
  private readonly accepted = new Map<string, { edge: FlowEdge; tally: Tally }>();
  private readonly rejected = new Map<string, { edge: FlowEdge; tally: Tally }>();
  private readonly ruleHits: RuleHits;
  private readonly logged = new Set<string>();
  private readonly digest: FlowDigest;
  /** The digester of records added one by one (a reader that hands parts never makes one). */
  private own: FlowDigester | undefined;
  private readonly counts: FlowTally = {
    records: 0,
    accepted: 0,
    rejected: 0,
    returnTraffic: 0,
    ambiguous: 0,
    skipped: 0,
    outsideWindow: 0,
  };

  constructor(
    model: NetworkModel,
    private readonly options: AggregateOptions = {},
    private readonly digestKept: number = DIGEST_KEPT,
  ) {
    this.digest = new FlowDigest(digestKept);
    this.index = indexEndpoints(model);
    this.ruleHits = new RuleHits(model);
  }

  /** One record (a reused object may be passed: nothing of it is kept). */
  add(record: FlowRecord): void {
    (this.own ??= new FlowDigester(this.options, (part) => this.merge(part), this.digestKept)).add(record);
  }

  /**
   * A part digested elsewhere (a FlowDigester with the same window, maybe in a worker thread). Parts
   * merged in the order their records were read learn exactly what adding the records would.
   */
  merge(part: FlowPart): void {
    const c = part.counts;
    this.counts.records += c.records;
    this.counts.skipped += c.skipped;
    this.counts.outsideWindow += c.outsideWindow;
    this.counts.ambiguous += c.ambiguous;
    // A NODATA record still says the ENI is logged (nothing flowed): its rules can be judged.
    for (const id of part.digest.interfaces) if (!this.logged.has(id) && this.index.model.eni(id)) this.logged.add(id);
    if (part.digest.size === 0) return;
    if (this.digest.size + part.digest.size > this.digestKept) this.flush();
    this.digest.merge(part.digest);
  }

  /** Resolves each distinct key once: ends, direction, edges, rule hits. */
  private flush(): void {
    this.digest.drain((e) => {
      const ends = resolveEnds(this.index, { interfaceId: e.interfaceId, srcAddr: e.srcIp, dstAddr: e.dstIp, vpcId: e.vpcId });
      const protocol = protocolName(e.protocol)!;
      const amount: FlowAmount = { records: e.records, bytes: e.bytes, packets: e.packets, first: e.first, last: e.last };
      if (!ends) return; // not reached: both addresses are present
      const ports = hasPorts(protocol) ? { src: e.srcPort, dst: e.dstPort } : undefined;
      if (e.side === 'ambiguous' && ports) this.wait(ends, protocol, ports, e.action, e.inWindow, amount);
      else this.apply(ends, e.side === 'src' ? 'src' : 'dst', protocol, ports, e.action, amount, e.inWindow);
    });
  }

  finish(): LearnedTraffic {
    if (this.own) this.merge(this.own.take());
    this.flush();
    for (const p of this.pending.values()) {
      const side = this.evidence.settle(
        { party: partyKey(p.ends.src), port: p.srcPort },
        { party: partyKey(p.ends.dst), port: p.dstPort },
      );
      this.apply(p.ends, side, p.protocol, { src: p.srcPort, dst: p.dstPort }, p.action, p.amount, p.inWindow);
    }
    this.pending.clear();
    const edges = (m: Map<string, { edge: FlowEdge }>) => [...m.values()].map((v) => v.edge);
    const accepted: FlowEdge[] = [];
    const unconfirmed: FlowEdge[] = [];
    for (const edge of edges(this.accepted)) {
      const serviceLogged = edge.service.kind === 'eni' && this.logged.has(edge.service.eni.eniId);
      (serviceLogged && edge.stats.atService === 0 ? unconfirmed : accepted).push(edge);
    }
    return {
      accepted,
      unconfirmed,
      rejected: edges(this.rejected),
      ruleHits: this.ruleHits,
      loggedEniIds: this.logged,
      counts: { ...this.counts },
    };
  }

  private wait(
    ends: FlowEnds,
    protocol: Protocol,
    ports: { src: number; dst: number },
    action: 'ACCEPT' | 'REJECT',
    inWindow: boolean,
    amount: FlowAmount,
  ): void {
    const src = partyKey(ends.src);
    const dst = partyKey(ends.dst);
    this.evidence.note(src, ports.src, dst);
    this.evidence.note(dst, ports.dst, src);
    const key = `${src}|${dst}|${protocol}|${ports.src}|${ports.dst}|${action}|${inWindow}|${ends.logged?.eniId ?? ''}`;
    const seen = this.pending.get(key);
    if (seen) {
      seen.amount.add(amount);
      return;
    }
    if (this.pending.size >= PENDING_KEPT) {
      const side = this.evidence.settle({ party: src, port: ports.src }, { party: dst, port: ports.dst });
      this.apply(ends, side, protocol, ports, action, amount, inWindow);
      return;
    }
    const tally = new Tally();
    tally.add(amount);
    this.pending.set(key, { ends, protocol, srcPort: ports.src, dstPort: ports.dst, action, inWindow, amount: tally });
  }

  private apply(
    ends: FlowEnds,
    side: 'src' | 'dst',
    protocol: Protocol,
    ports: { src: number; dst: number } | undefined,
    action: 'ACCEPT' | 'REJECT',
    amount: FlowAmount,
    inWindow: boolean,
  ): void {
    const response = side === 'src';
    const client = response ? ends.dst : ends.src;
    const service = response ? ends.src : ends.dst;
    const port = ports ? (response ? ports.src : ports.dst) : undefined;
    if (port !== undefined) this.evidence.note(partyKey(service), port, partyKey(client));
    if (response) this.counts.returnTraffic += amount.records;
    const traffic = { protocol, ...(port !== undefined ? { port } : {}) };
    const atService = !ends.logged || (service.kind === 'eni' && ends.logged.eniId === service.eni.eniId);
    const atClient = !ends.logged || (client.kind === 'eni' && ends.logged.eniId === client.eni.eniId);
    if (action === 'ACCEPT') {
      this.counts.accepted += amount.records;
      if (!response && atService && service.kind === 'eni')
        this.ruleHits.record(client, service.eni, traffic, amount.last, inWindow, amount.records);
      if (!response && atClient && client.kind === 'eni')
        this.ruleHits.recordEgress(client.eni, service, traffic, amount.last, inWindow, amount.records);
    } else this.counts.rejected += amount.records;
    if (!inWindow) return;
    const edges = action === 'ACCEPT' ? this.accepted : this.rejected;
    this.tally(edges, client, service, traffic, amount, response, atService);
  }

  private tally(
    edges: Map<string, { edge: FlowEdge; tally: Tally }>,
    client: FlowParty,
    service: FlowParty,
    traffic: { protocol: Protocol; port?: number },
    amount: FlowAmount,
    response: boolean,
    atService: boolean,
  ): void {
    let key = `${partyKey(client)}|${partyKey(service)}|${traffic.protocol}|${traffic.port ?? ''}`;
    let entry = edges.get(key);
    if (!entry && edges.size >= EDGES_KEPT) {
      client = folded(client);
      service = folded(service);
      key = `${partyKey(client)}|${partyKey(service)}|${traffic.protocol}|${traffic.port ?? ''}`;
      entry = edges.get(key);
    }
    if (!entry) {
      const tally = new Tally();
      entry = { edge: { client, service, ...traffic, stats: tally }, tally };
      edges.set(key, entry);
    }
    entry.tally.add(amount, response, atService);
  }
}
