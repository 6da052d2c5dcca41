import type { Protocol } from '../../model/types';
import { hasPorts } from '../../util/protocol';
import { fail, int, type Node, ok, optInt, type Result } from '../read';

export interface RulePorts {
  readonly fromPort: number;
  readonly toPort: number;
}

const ALL: RulePorts = { fromPort: -1, toPort: -1 };

/**
 * Ports of an SG rule by protocol: tcp/udp need 0..65535 with from <= to; icmp/icmpv6 carry
 * type/code (-1 = all, absent = -1); every other protocol means all ports (-1/-1).
 */
export function readRulePorts(protocol: Protocol, from: Node, to: Node): Result<RulePorts> {
  if (hasPorts(protocol)) return readPortRange(from, to);
  if (protocol === 'icmp' || protocol === 'icmpv6') {
    const type = optInt(from, -1, 255);
    if (!type.ok) return type;
    const code = optInt(to, -1, 255);
    if (!code.ok) return code;
    return ok({ fromPort: type.value ?? -1, toPort: code.value ?? -1 });
  }
  return ok(ALL);
}

/** A tcp/udp port range, both ends required. */
export function readPortRange(from: Node, to: Node): Result<RulePorts> {
  const fromPort = int(from, 0, 65535);
  if (!fromPort.ok) return fromPort;
  const toPort = int(to, 0, 65535);
  if (!toPort.ok) return toPort;
  if (fromPort.value > toPort.value) {
    return fail(to, `port range is reversed: from ${fromPort.value} is greater than to ${toPort.value}`);
  }
  return ok({ fromPort: fromPort.value, toPort: toPort.value });
}
