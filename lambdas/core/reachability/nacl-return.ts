import type { NetworkModel } from '../model/types';
import { EPHEMERAL_PORTS } from '../util/ports';
import type { LayerResult } from '../verdict/types';
import { checkNacl, naclBlocks, naclStatus } from './nacl-check';
import type { NaclQuery } from './nacl-eval';
import type { Block, Endpoint, LayerOutcome, Traffic } from './types';

/**
 * nacl-return: NACLs are stateless, so replies need their own allow — the destination subnet's egress
 * and the source subnet's ingress, on the whole ephemeral range 1024-65535 (or the bare protocol for
 * icmp and all-traffic dependencies). Any denied part of the range blocks.
 */
export function naclReturnLayer(
  model: NetworkModel,
  traffic: Traffic,
  source: Endpoint,
  destination: Endpoint,
): LayerOutcome {
  const { outOfDestination, intoSource } = returnQueries(traffic, source, destination);
  const out = checkNacl(model, destination.eni.subnetId, outOfDestination);
  const into = checkNacl(model, source.eni.subnetId, intoSource);
  // The first status of block, not-evaluated, allow that either check has decides, and those checks tell why.
  const status: LayerResult['status'] =
    out.status === 'block' || into.status === 'block'
      ? 'block'
      : out.status === 'not-evaluated' || into.status === 'not-evaluated'
        ? 'not-evaluated'
        : 'allow';
  // The deciding checks: out (and into, when it has the same status), or into alone.
  const first = out.status === status ? out : into;
  const second = out.status === status && into.status === status ? into : undefined;
  const decidedBy = first.decidedBy ?? second?.decidedBy;
  const detail = `return traffic: ${second && out.detail !== into.detail ? `${out.detail}; ${into.detail}` : first.detail}`;
  const result: LayerResult = decidedBy
    ? { layer: 'nacl-return', status, detail, decidedBy }
    : { layer: 'nacl-return', status, detail };
  if (status !== 'block') return { result, blocks: NO_BLOCKS };
  const blocks = [...naclBlocks('nacl-return', out, outOfDestination)];
  for (const block of naclBlocks('nacl-return', into, intoSource)) blocks.push(block);
  return { result, blocks };
}

const NO_BLOCKS: readonly Block[] = Object.freeze([]);

/** What the return layer asks the destination subnet's NACL (egress) and the source subnet's (ingress). */
function returnQueries(traffic: Traffic, source: Endpoint, destination: Endpoint) {
  const ports = traffic.port === undefined ? {} : { ports: EPHEMERAL_PORTS };
  const outOfDestination: NaclQuery = { egress: true, protocol: traffic.protocol, ip: source.ip, ...ports };
  const intoSource: NaclQuery = { egress: false, protocol: traffic.protocol, ip: destination.ip, ...ports };
  return { outOfDestination, intoSource };
}

/** Whether the return layer blocks, from the two checks' statuses alone (no detail, no block). */
export function naclReturnBlocks(model: NetworkModel, traffic: Traffic, source: Endpoint, destination: Endpoint): boolean {
  const { outOfDestination, intoSource } = returnQueries(traffic, source, destination);
  return (
    naclStatus(model, destination.eni.subnetId, outOfDestination) === 'block' ||
    naclStatus(model, source.eni.subnetId, intoSource) === 'block'
  );
}
