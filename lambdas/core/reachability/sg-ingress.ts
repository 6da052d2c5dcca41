import type { NetworkModel } from '../model/types';
import { judgeSecurityGroups } from './sg-match';
import type { Block, Endpoint, LayerOutcome, Traffic } from './types';

const NO_BLOCKS: readonly Block[] = Object.freeze([]);

/** sg-ingress: a group on the destination ENI must let the traffic in from the source (self-references included). */
export function sgIngressLayer(
  model: NetworkModel,
  traffic: Traffic,
  source: Endpoint,
  destination: Endpoint,
): LayerOutcome {
  const result = judgeSecurityGroups(model, 'sg-ingress', {
    owner: destination,
    peer: source,
    direction: 'ingress',
    traffic,
  });
  return { result, blocks: result.status === 'block' ? [{ layer: 'sg-ingress', source, destination }] : NO_BLOCKS };
}
