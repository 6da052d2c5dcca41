import type { FlowRecord } from './types';

/**
 * Which end of a flow is the service (the side that listens) and which the client. Only the client's
 * request direction can become a dependency; a record of return traffic (server to client) is folded
 * into the request it answers.
 *
 * - tcp-flags (version 3+): SYN without ACK is sent by the client; SYN-ACK (18) by the server.
 * - else the ports: a well-known port (<= 1023) against a higher one, or a registered port against
 *   one in the ephemeral ranges (Linux 32768-60999, Windows and NAT gateways up to 65535): the lower
 *   one listens.
 * - else it is ambiguous: settled at the end by which side's port met more distinct peers.
 */
export type ServiceSide = 'dst' | 'src' | 'ambiguous';

export interface Orientation {
  readonly service: ServiceSide;
  readonly by: 'tcp-flags' | 'well-known-port' | 'ephemeral-port' | 'no-ports' | 'ambiguous';
}

export const TCP = 6;
export const UDP = 17;
const SYN = 2;
const ACK = 16;
/** Ports at or above this are taken for ephemeral against a port below it (Linux's range starts here). */
export const EPHEMERAL_FROM = 32768;
export const WELL_KNOWN_TO = 1023;

export function hasPortNumbers(protocol: number | undefined): boolean {
  return protocol === TCP || protocol === UDP;
}

function byFlags(flags: number | undefined): ServiceSide | undefined {
  if (flags === undefined) return undefined;
  if ((flags & (SYN | ACK)) === (SYN | ACK)) return 'src';
  if ((flags & SYN) === SYN) return 'dst';
  return undefined;
}

function byPorts(src: number, dst: number): Orientation | undefined {
  const low = Math.min(src, dst);
  const high = Math.max(src, dst);
  if (low === high) return undefined;
  const side: ServiceSide = low === dst ? 'dst' : 'src';
  if (low <= WELL_KNOWN_TO && high > WELL_KNOWN_TO) return { service: side, by: 'well-known-port' };
  if (low < EPHEMERAL_FROM && high >= EPHEMERAL_FROM) return { service: side, by: 'ephemeral-port' };
  return undefined;
}

/** The service side alone, as orient tells it, without allocating (the learning pass, once per record). */
export function serviceSide(record: FlowRecord): ServiceSide {
  const protocol = record.protocol;
  if (protocol !== TCP && protocol !== UDP) return 'dst';
  if (protocol === TCP && record.tcpFlags !== undefined) {
    const flags = record.tcpFlags;
    if ((flags & (SYN | ACK)) === (SYN | ACK)) return 'src';
    if ((flags & SYN) === SYN) return 'dst';
  }
  const src = record.srcPort;
  const dst = record.dstPort;
  if (src === undefined || dst === undefined) return 'dst';
  const low = src < dst ? src : dst;
  const high = src < dst ? dst : src;
  if (low === high) return 'ambiguous';
  if ((low <= WELL_KNOWN_TO && high > WELL_KNOWN_TO) || (low < EPHEMERAL_FROM && high >= EPHEMERAL_FROM))
    return low === dst ? 'dst' : 'src';
  return 'ambiguous';
}

/** Orients one record from its own fields. */
export function orient(record: FlowRecord): Orientation {
  if (!hasPortNumbers(record.protocol)) return { service: 'dst', by: 'no-ports' };
  const flags = record.protocol === TCP ? byFlags(record.tcpFlags) : undefined;
  if (flags) return { service: flags, by: 'tcp-flags' };
  if (record.srcPort === undefined || record.dstPort === undefined) return { service: 'dst', by: 'no-ports' };
  return byPorts(record.srcPort, record.dstPort) ?? { service: 'ambiguous', by: 'ambiguous' };
}

const PEERS_KEPT = 16;
const KEYS_KEPT = 200_000;

/**
 * Evidence of listening ports: for (party, port), the distinct peers met there (capped: only "many"
 * matters). Bounded by the distinct (party, port) pairs fed, themselves capped.
 */
export class PortEvidence {
  /** party -> port -> distinct peers (capped). */
  private readonly peers = new Map<string, Map<number, Set<string>>>();
  private keys = 0;

  note(party: string, port: number, peer: string): void {
    let ports = this.peers.get(party);
    if (!ports) {
      if (this.keys >= KEYS_KEPT) return;
      ports = new Map();
      this.peers.set(party, ports);
    }
    let set = ports.get(port);
    if (!set) {
      if (this.keys >= KEYS_KEPT) return;
      set = new Set();
      ports.set(port, set);
      this.keys += 1;
    }
    if (set.size < PEERS_KEPT) set.add(peer);
  }

  score(party: string, port: number): number {
    return this.peers.get(party)?.get(port)?.size ?? 0;
  }

  /**
   * Settles an ambiguous pair: the side whose port met more distinct peers listens; on a tie, the
   * lower port (services sit below the ephemeral ports they answer), then the destination. Both
   * records of one connection get the same answer, so its return traffic folds into its request.
   */
  settle(src: { party: string; port: number }, dst: { party: string; port: number }): 'src' | 'dst' {
    const s = this.score(src.party, src.port);
    const d = this.score(dst.party, dst.port);
    if (s !== d) return s > d ? 'src' : 'dst';
    return src.port < dst.port ? 'src' : 'dst';
  }
}
