import type { NetworkInterface, NetworkModel } from '../model/types';
import type { FlowRecord } from './types';

/**
 * Who is at each end of a flow-log record, in the terms of the network model: an ENI of the account
 * (and so its groups), or an address outside it (a /32 or /128 peer, aggregated later).
 */
export type FlowParty =
  | { readonly kind: 'eni'; readonly eni: NetworkInterface; readonly ip: string }
  | { readonly kind: 'cidr'; readonly cidr: string; readonly ip: string };

export interface FlowEnds {
  readonly src: FlowParty;
  readonly dst: FlowParty;
  /** The ENI the record was logged on, when the model has it (the flow logs cover its groups). */
  readonly logged?: NetworkInterface;
}

/** ENIs by id and by address (private IPv4 and IPv6), built once per model. */
export interface EndpointIndex {
  readonly model: NetworkModel;
  readonly byIp: ReadonlyMap<string, readonly NetworkInterface[]>;
  /** Parties already made, by address (one object per address: fewer allocations per record). */
  readonly parties: Map<string, FlowParty>;
}

const PARTIES_KEPT = 200_000;

export function indexEndpoints(model: NetworkModel): EndpointIndex {
  const byIp = new Map<string, NetworkInterface[]>();
  for (const eni of model.enis())
    for (const ip of [...eni.privateIps, ...eni.ipv6Addresses]) {
      const list = byIp.get(ip);
      if (list) list.push(eni);
      else byIp.set(ip, [eni]);
    }
  return { model, byIp, parties: new Map() };
}

/** '203.0.113.7/32', '2001:db8::1/128'. */
export function hostCidr(ip: string): string {
  return ip.includes(':') ? `${ip}/128` : `${ip}/32`;
}

function owns(eni: NetworkInterface, ip: string): boolean {
  return eni.privateIps.includes(ip) || eni.ipv6Addresses.includes(ip);
}

/** The ENI holding `ip`; when private addresses repeat across VPCs, the one in `vpcId`. */
function byAddress(index: EndpointIndex, ip: string, vpcId: string | undefined): NetworkInterface | undefined {
  const candidates = index.byIp.get(ip);
  if (!candidates || candidates.length === 0) return undefined;
  if (candidates.length === 1 || vpcId === undefined) return candidates[0];
  return candidates.find((e) => e.vpcId === vpcId) ?? candidates[0];
}

function party(index: EndpointIndex, ip: string, vpcId: string | undefined, logged?: NetworkInterface): FlowParty {
  const known = index.parties.get(ip);
  if (logged && owns(logged, ip)) {
    if (known?.kind === 'eni' && known.eni === logged) return known;
    return remember(index, ip, { kind: 'eni', eni: logged, ip });
  }
  // An address held by one ENI (or none) always maps the same way; a repeated one depends on the VPC.
  const repeated = (index.byIp.get(ip)?.length ?? 0) > 1;
  if (known && !repeated) return known;
  const eni = byAddress(index, ip, vpcId);
  const made: FlowParty = eni ? { kind: 'eni', eni, ip } : { kind: 'cidr', cidr: hostCidr(ip), ip };
  return repeated ? made : remember(index, ip, made);
}

function remember(index: EndpointIndex, ip: string, p: FlowParty): FlowParty {
  if (index.parties.size >= PARTIES_KEPT) index.parties.clear();
  index.parties.set(ip, p);
  return p;
}

/**
 * Maps a record to its two ends. The packet-level addresses (pkt-srcaddr, pkt-dstaddr) win over the
 * interface-level ones: through a NAT gateway or a load balancer they name the real client and server.
 * The logging ENI (interface-id) is preferred for the side that holds one of its addresses, so a
 * private address repeated in another VPC never steals the record. Undefined when an address is missing.
 */
export function resolveEnds(index: EndpointIndex, record: FlowRecord): FlowEnds | undefined {
  const srcIp = record.pktSrcAddr ?? record.srcAddr;
  const dstIp = record.pktDstAddr ?? record.dstAddr;
  if (srcIp === undefined || dstIp === undefined) return undefined;
  const logged = record.interfaceId === undefined ? undefined : index.model.eni(record.interfaceId);
  const vpcId = logged?.vpcId ?? record.vpcId;
  return {
    src: party(index, srcIp, vpcId, logged),
    dst: party(index, dstIp, vpcId, logged),
    ...(logged ? { logged } : {}),
  };
}

/** A stable key for a party: the ENI id, or the host CIDR. */
export function partyKey(p: FlowParty): string {
  return p.kind === 'eni' ? p.eni.eniId : p.cidr;
}

const groupKeys = new WeakMap<NetworkInterface, string>();

/** A stable key for the groups of a party: sorted group ids, or the host CIDR. */
export function groupsKey(p: FlowParty): string {
  if (p.kind === 'cidr') return p.cidr;
  let key = groupKeys.get(p.eni);
  if (key === undefined) {
    key = [...p.eni.groupIds].sort().join('+');
    groupKeys.set(p.eni, key);
  }
  return key;
}
