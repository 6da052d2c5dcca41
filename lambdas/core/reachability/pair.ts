import type { NetworkInterface, NetworkModel } from '../model/types';
import type { Layer, LayerResult } from '../verdict/types';
import { forwardLayerStatus, naclInboundLayer, naclOutboundLayer } from './nacl-forward';
import { naclReturnBlocks, naclReturnLayer } from './nacl-return';
import { sgEgressLayer } from './sg-egress';
import { sgIngressLayer } from './sg-ingress';
import type { Block, Endpoint, LayerOutcome, PairOutcome, Traffic } from './types';

type LayerCheck = (
  model: NetworkModel,
  traffic: Traffic,
  source: Endpoint,
  destination: Endpoint,
) => LayerOutcome;

/** Layers in the order traffic meets them. */
export const LAYERS: readonly (readonly [Layer, LayerCheck])[] = [
  ['sg-egress', sgEgressLayer],
  ['nacl-outbound', naclOutboundLayer],
  ['nacl-inbound', naclInboundLayer],
  ['sg-ingress', sgIngressLayer],
  ['nacl-return', naclReturnLayer],
];

export const LAYER_ORDER: readonly Layer[] = LAYERS.map(([layer]) => layer);

export const NACL_LAYERS: ReadonlySet<Layer> = new Set<Layer>(['nacl-outbound', 'nacl-inbound', 'nacl-return']);

/** The address the pair uses: the primary private IPv4 (IPv6 only for an IPv6-only ENI). */
export function endpointOf(eni: NetworkInterface): Endpoint {
  return { eni, ip: eni.privateIps[0] ?? eni.ipv6Addresses[0] ?? 'unknown' };
}

/** Why NACLs are not judged for this pair, if they are not. */
function naclGate(source: Endpoint, destination: Endpoint): Omit<LayerResult, 'layer'> | undefined {
  if (source.eni.vpcId !== destination.eni.vpcId)
    return {
      status: 'not-evaluated',
      detail:
        `the ENIs are in different VPCs (${source.eni.vpcId}, ${destination.eni.vpcId}): ` +
        'only security groups are evaluated; NACLs and routing (peering, transit gateway) are not',
    };
  if (source.eni.subnetId === destination.eni.subnetId)
    return {
      status: 'skipped',
      detail: `both ENIs are in ${source.eni.subnetId}: network ACLs do not filter traffic within a subnet`,
    };
  return undefined;
}

const NO_BLOCKS: readonly Block[] = Object.freeze([]);

/** Judges every layer for one ENI pair; reachable when no layer blocks. */
export function evaluatePair(
  model: NetworkModel,
  traffic: Traffic,
  sourceEni: NetworkInterface,
  destinationEni: NetworkInterface,
): PairOutcome {
  const source = endpointOf(sourceEni);
  const destination = endpointOf(destinationEni);
  const gate = naclGate(source, destination);
  const layers: LayerResult[] = [];
  let blocks: Block[] | undefined;
  let reachable = true;
  for (const [layer, check] of LAYERS) {
    if (gate && NACL_LAYERS.has(layer)) {
      layers.push({ layer, ...gate });
      continue;
    }
    const outcome = check(model, traffic, source, destination);
    layers.push(outcome.result);
    if (outcome.result.status === 'block') reachable = false;
    if (outcome.blocks.length > 0) {
      blocks ??= [];
      for (const block of outcome.blocks) blocks.push(block);
    }
  }
  return {
    result: {
      sourceEniId: sourceEni.eniId,
      sourceIp: source.ip,
      destinationEniId: destinationEni.eniId,
      destinationIp: destination.ip,
      reachable,
      layers,
    },
    blocks: blocks ?? NO_BLOCKS,
  };
}

/** A set of layers as bits: bit i stands for LAYERS[i] (see layerBit). */
export type LayerMask = number;

/** The bit of a layer in a LayerMask. */
export const layerBit = (layer: Layer): LayerMask => 1 << LAYER_ORDER.indexOf(layer);

export const ALL_LAYERS: LayerMask = (1 << LAYERS.length) - 1;

/**
 * Whether evaluatePair would find the pair blocked, judging only the layers of `judged` (the others
 * are known not to block) and stopping at the first layer that blocks: no details, no fixes.
 */
export function pairBlocked(
  model: NetworkModel,
  traffic: Traffic,
  sourceEni: NetworkInterface,
  destinationEni: NetworkInterface,
  judged: LayerMask = ALL_LAYERS,
): boolean {
  const source = endpointOf(sourceEni);
  const destination = endpointOf(destinationEni);
  const gated = naclGate(source, destination) !== undefined;
  for (let i = 0; i < LAYERS.length; i++) {
    if ((judged & (1 << i)) === 0) continue;
    const [layer, check] = LAYERS[i]!;
    if (gated && NACL_LAYERS.has(layer)) continue;
    const blocks = BLOCKS[layer];
    if (blocks ? blocks(model, traffic, source, destination) : check(model, traffic, source, destination).result.status === 'block')
      return true;
  }
  return false;
}

type BlocksCheck = (model: NetworkModel, traffic: Traffic, source: Endpoint, destination: Endpoint) => boolean;
const outboundStatus = forwardLayerStatus('nacl-outbound');
const inboundStatus = forwardLayerStatus('nacl-inbound');
/** Status-only checks of the NACL layers (same answers as their LayerCheck's status, without details). */
const BLOCKS: Partial<Record<Layer, BlocksCheck>> = {
  'nacl-outbound': (...args) => outboundStatus(...args) === 'block',
  'nacl-inbound': (...args) => inboundStatus(...args) === 'block',
  'nacl-return': naclReturnBlocks,
};
