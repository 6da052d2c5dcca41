import type { NetworkModel } from '../model/types';
import { EPHEMERAL_PORTS } from '../util/ports';
import type { LayerResult } from '../verdict/types';
import { checkNacl, naclBlocks } from './nacl-check';
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
  const ports = traffic.port === undefined ? {} : { ports: EPHEMERAL_PORTS };
  const outOfDestination: NaclQuery = { egress: true, protocol: traffic.protocol, ip: source.ip, ...ports };
  const intoSource: NaclQuery = { egress: false, protocol: traffic.protocol, ip: destination.ip, ...ports };
  const checks = [
    { query: outOfDestination, check: checkNacl(model, destination.eni.subnetId, outOfDestination) },
    { query: intoSource, check: checkNacl(model, source.eni.subnetId, intoSource) },
  ];
  const blocking = checks.filter((c) => c.check.status === 'block');
  const unknown = checks.filter((c) => c.check.status === 'not-evaluated');
  const status: LayerResult['status'] = blocking.length
    ? 'block'
    : unknown.length
      ? 'not-evaluated'
      : 'allow';
  const deciding = blocking.length ? blocking : unknown.length ? unknown : checks;
  const decidedBy = deciding.find((c) => c.check.decidedBy)?.check.decidedBy;
  const result: LayerResult = {
    layer: 'nacl-return',
    status,
    detail: `return traffic: ${[...new Set(deciding.map((c) => c.check.detail))].join('; ')}`,
    ...(decidedBy ? { decidedBy } : {}),
  };
  return { result, blocks: blocking.flatMap((c) => naclBlocks('nacl-return', c.check, c.query)) };
}
