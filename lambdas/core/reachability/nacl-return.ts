import type { NetworkModel } from '../model/types';
import { EPHEMERAL_PORTS } from '../util/ports';
import type { LayerResult } from '../verdict/types';
import { checkNacl, naclBlocks, naclStatus } from './nacl-check';
import type { NaclQuery } from './nacl-eval';
import type { Endpoint, LayerOutcome, Traffic } from './types';

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
  const deciding = out.status === status ? (into.status === status ? [out, into] : [out]) : [into];
  const decidedBy = deciding[0]!.decidedBy ?? deciding[1]?.decidedBy;
  const details = deciding.length === 2 && out.detail !== into.detail;
  const result: LayerResult = {
    layer: 'nacl-return',
    status,
    detail: `return traffic: ${details ? `${out.detail}; ${into.detail}` : deciding[0]!.detail}`,
    ...(decidedBy ? { decidedBy } : {}),
  };
  if (status !== 'block') return { result, blocks: [] };
  return {
    result,
    blocks: [
      ...naclBlocks('nacl-return', out, outOfDestination),
      ...naclBlocks('nacl-return', into, intoSource),
    ],
  };
}

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
