import type { Protocol } from '../model/types';
import { formatRanges } from '../util/ports';
import type { PortRange } from '../verdict/types';

/** 'tcp 22, 3389', 'icmp', 'all traffic'. */
export function describeTraffic(protocol: Protocol, ports?: readonly PortRange[]): string {
  if (protocol === '-1') return 'all traffic';
  return ports && ports.length > 0 ? `${protocol} ${formatRanges(ports)}` : protocol;
}
