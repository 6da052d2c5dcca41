import type { NetworkModel } from '../model/types';
import { naclLayerOutcome } from './nacl-check';
import { trafficPorts } from './traffic';
import type { Endpoint, LayerOutcome, Traffic } from './types';

/**
 * The request's own NACL crossings: out of the source subnet (egress, toward the destination IP) and
 * into the destination subnet (ingress, from the source IP), on the dependency's protocol and port.
 */
function forwardLayer(layer: 'nacl-outbound' | 'nacl-inbound') {
  const egress = layer === 'nacl-outbound';
  return (model: NetworkModel, traffic: Traffic, source: Endpoint, destination: Endpoint): LayerOutcome => {
    const ports = trafficPorts(traffic);
    return naclLayerOutcome(model, layer, (egress ? source : destination).eni.subnetId, {
      egress,
      protocol: traffic.protocol,
      ip: (egress ? destination : source).ip,
      ...(ports ? { ports } : {}),
    });
  };
}

/** nacl-outbound: the source subnet's NACL egress entries for (protocol, destination port, destination IP). */
export const naclOutboundLayer = forwardLayer('nacl-outbound');

/** nacl-inbound: the destination subnet's NACL ingress entries for (protocol, port, source IP). */
export const naclInboundLayer = forwardLayer('nacl-inbound');
