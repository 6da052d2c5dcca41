import type { NetworkModel } from '../model/types';
import { judgeSecurityGroups } from './sg-match';
import type { Block, Endpoint, LayerOutcome, Traffic } from './types';

const NO_BLOCKS: readonly Block[] = Object.freeze([]);

/** sg-egress: a group on the source ENI must let the traffic out to the destination. */
export function sgEgressLayer(
  model: NetworkModel,
  traffic: Traffic,
  source: Endpoint,
  destination: Endpoint,
): LayerOutcome {
  const result = judgeSecurityGroups(model, 'sg-egress', {
    owner: source,
    peer: destination,
    direction: 'egress',
    traffic,
  });
  return { result, blocks: result.status === 'block' ? [{ layer: 'sg-egress', source, destination }] : NO_BLOCKS };
}
