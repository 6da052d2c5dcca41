import type { NetworkModel } from '../model/types';
import { naclLayerOutcome } from './nacl-check';
import { trafficPorts } from './traffic';
import type { Endpoint, LayerOutcome, Traffic } from './types';

/** nacl-inbound: the destination subnet's NACL ingress entries for (protocol, port, source IP). */
export function naclInboundLayer(
  model: NetworkModel,
  traffic: Traffic,
  source: Endpoint,
  destination: Endpoint,
): LayerOutcome {
  const ports = trafficPorts(traffic);
  return naclLayerOutcome(model, 'nacl-inbound', destination.eni.subnetId, {
    egress: false,
    protocol: traffic.protocol,
    ip: source.ip,
    ...(ports ? { ports } : {}),
  });
}
