import type { NetworkModel } from '../model/types';
import { type NaclCheck, naclLayerOutcome, naclStatus } from './nacl-check';
import type { NaclQuery } from './nacl-eval';
import { trafficPorts } from './traffic';
import type { PortRange } from '../verdict/types';
import type { Endpoint, LayerOutcome, Traffic } from './types';

/**
 * The request's own NACL crossings: out of the source subnet (egress, toward the destination IP) and
 * into the destination subnet (ingress, from the source IP), on the dependency's protocol and port.
 */
function forwardLayer(layer: 'nacl-outbound' | 'nacl-inbound') {
  return (model: NetworkModel, traffic: Traffic, source: Endpoint, destination: Endpoint): LayerOutcome => {
    const { subnetId, query } = forwardCrossing(layer, traffic, source, destination);
    return naclLayerOutcome(model, layer, subnetId, query);
  };
}

/** The subnet whose NACL a forward layer judges, and what it asks that NACL. */
function forwardCrossing(
  layer: 'nacl-outbound' | 'nacl-inbound',
  traffic: Traffic,
  source: Endpoint,
  destination: Endpoint,
): { subnetId: string; query: NaclQuery } {
  const egress = layer === 'nacl-outbound';
  return {
    subnetId: (egress ? source : destination).eni.subnetId,
    query: naclQuery(egress, traffic, (egress ? destination : source).ip),
  };
}

/** The query of a forward crossing; the ports range is one object per traffic object (never changed). */
function naclQuery(egress: boolean, traffic: Traffic, ip: string): NaclQuery {
  const ports = portsOf(traffic);
  return ports ? { egress, protocol: traffic.protocol, ip, ports } : { egress, protocol: traffic.protocol, ip };
}

let lastTraffic: Traffic | undefined;
let lastPorts: PortRange | undefined;
function portsOf(traffic: Traffic): PortRange | undefined {
  if (traffic !== lastTraffic) {
    lastTraffic = traffic;
    lastPorts = trafficPorts(traffic);
  }
  return lastPorts;
}

/** The status of a forward layer alone (no detail, no block). */
export function forwardLayerStatus(layer: 'nacl-outbound' | 'nacl-inbound') {
  return (model: NetworkModel, traffic: Traffic, source: Endpoint, destination: Endpoint): NaclCheck['status'] => {
    const { subnetId, query } = forwardCrossing(layer, traffic, source, destination);
    return naclStatus(model, subnetId, query);
  };
}

/** nacl-outbound: the source subnet's NACL egress entries for (protocol, destination port, destination IP). */
export const naclOutboundLayer = forwardLayer('nacl-outbound');

/** nacl-inbound: the destination subnet's NACL ingress entries for (protocol, port, source IP). */
export const naclInboundLayer = forwardLayer('nacl-inbound');
