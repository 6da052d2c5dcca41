import type { NetworkModel } from '../model/types';
import type { DependencyResult } from '../verdict/types';
import { evaluateDependency } from './evaluate-dependency';

export interface PathQuery {
  readonly fromGroupId: string;
  readonly toGroupId: string;
  /** tcp | udp | icmp | icmpv6 | -1 | all (normalised or not). */
  readonly protocol: string;
  readonly port?: number;
}

/** The same evaluation for an ad-hoc pair of groups (`sg-guardian explain`). */
export function explainPath(model: NetworkModel, query: PathQuery): DependencyResult {
  return evaluateDependency(model, {
    name: `${query.fromGroupId}-to-${query.toGroupId}`,
    from: { groupId: query.fromGroupId },
    to: { groupId: query.toGroupId },
    protocol: query.protocol,
    ...(query.port !== undefined ? { port: query.port } : {}),
  });
}
