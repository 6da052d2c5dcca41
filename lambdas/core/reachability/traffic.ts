import type { RuleSpec } from '../model/types';
import { hasPorts, normalizeProtocol } from '../util/protocol';
import type { PortRange } from '../verdict/types';
import type { Traffic } from './types';

/** The traffic of a dependency, or a reason why it cannot be judged. */
export function trafficOf(dep: {
  readonly protocol: string;
  readonly port?: number;
}): Traffic | { readonly error: string } {
  const protocol = normalizeProtocol(dep.protocol);
  if (protocol === undefined) return { error: `unknown protocol ${String(dep.protocol)}` };
  if (!hasPorts(protocol)) return { protocol };
  if (dep.port === undefined) return { error: `a ${protocol} dependency needs a port` };
  return { protocol, port: dep.port };
}

/** The ports of the traffic as a range (undefined for protocols without ports). */
export function trafficPorts(traffic: Traffic): PortRange | undefined {
  return traffic.port === undefined ? undefined : { from: traffic.port, to: traffic.port };
}

/**
 * Does a security-group rule's protocol/port cover the traffic? '-1' traffic needs an all-traffic rule;
 * icmp/icmpv6 traffic is matched on the protocol (types and codes are not judged).
 */
export function ruleCoversTraffic(rule: RuleSpec, traffic: Traffic): boolean {
  if (rule.protocol === '-1') return true;
  if (rule.protocol !== traffic.protocol) return false;
  if (traffic.port === undefined) return true;
  if (rule.fromPort < 0 || rule.toPort < 0) return true;
  return rule.fromPort <= traffic.port && traffic.port <= rule.toPort;
}

/** 'tcp 8080', 'icmp', 'all traffic'. */
export function describeTrafficOf(traffic: Traffic): string {
  if (traffic.protocol === '-1') return 'all traffic';
  return traffic.port === undefined ? traffic.protocol : `${traffic.protocol} ${traffic.port}`;
}
