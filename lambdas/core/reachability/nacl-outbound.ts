import type { NetworkModel } from '../model/types';
import { naclLayerOutcome } from './nacl-check';
import { trafficPorts } from './traffic';
import type { Endpoint, LayerOutcome, Traffic } from './types';

/** nacl-outbound: the source subnet's NACL egress entries for (protocol, destination port, destination IP). */
export function naclOutboundLayer(
  model: NetworkModel,
  traffic: Traffic,
  source: Endpoint,
  destination: Endpoint,
): LayerOutcome {
  const ports = trafficPorts(traffic);
  return naclLayerOutcome(model, 'nacl-outbound', source.eni.subnetId, {
    egress: true,
    protocol: traffic.protocol,
    ip: destination.ip,
    ...(ports ? { ports } : {}),
  });
}
