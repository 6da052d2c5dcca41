import type { NetworkInterface, NetworkModel } from '../model/types';
import { naclInboundLayer, naclOutboundLayer } from '../reachability/nacl-forward';
import { evaluatePair } from '../reachability/pair';
import { sgEgressLayer } from '../reachability/sg-egress';
import { sgIngressLayer } from '../reachability/sg-ingress';
import type { Traffic } from '../reachability/types';
import type { LayerResult } from '../verdict/types';
import type { FlowParty } from './endpoints';

/** The first layer that blocks a flow between two parties in a model, or none. */
export interface PathCheck {
  readonly blocked?: LayerResult;
  /** A layer that could not be judged (missing snapshot file, an address outside the account). */
  readonly notEvaluated: boolean;
  readonly layers: readonly LayerResult[];
}

function outsider(ip: string): NetworkInterface {
  return { eniId: `external:${ip}`, subnetId: 'external', vpcId: 'external', privateIps: [ip], ipv6Addresses: [], groupIds: [] };
}

/**
 * The engine's layers for a flow: every layer for two ENIs of the account (evaluatePair); only the
 * account's side for an outside party (nacl-inbound and sg-ingress for an outside client, sg-egress
 * and nacl-outbound for an outside service).
 */
export function checkPath(model: NetworkModel, traffic: Traffic, client: FlowParty, service: FlowParty): PathCheck {
  // The ENIs as this model has them (a change may have regrouped them since the flow logs were mapped).
  client = client.kind === 'eni' ? { ...client, eni: model.eni(client.eni.eniId) ?? client.eni } : client;
  service = service.kind === 'eni' ? { ...service, eni: model.eni(service.eni.eniId) ?? service.eni } : service;
  let layers: readonly LayerResult[];
  if (client.kind === 'eni' && service.kind === 'eni') {
    layers = evaluatePair(model, traffic, client.eni, service.eni).result.layers;
  } else {
    const source = { eni: client.kind === 'eni' ? client.eni : outsider(client.ip), ip: client.ip };
    const destination = { eni: service.kind === 'eni' ? service.eni : outsider(service.ip), ip: service.ip };
    const checks =
      client.kind === 'eni'
        ? service.kind === 'eni'
          ? []
          : [sgEgressLayer, naclOutboundLayer]
        : service.kind === 'eni'
          ? [naclInboundLayer, sgIngressLayer]
          : [];
    layers = checks.map((check) => check(model, traffic, source, destination).result);
  }
  const blocked = layers.find((l) => l.status === 'block');
  return {
    ...(blocked ? { blocked } : {}),
    notEvaluated: layers.some((l) => l.status === 'not-evaluated'),
    layers,
  };
}
