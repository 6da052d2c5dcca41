import type { Finding } from '../../core/verdict/types';

/**
 * Who a world-exposure finding is open to, short: '0.0.0.0/1 + 128.0.0.0/1 = the whole IPv4 internet
 * (rules sgr-a, sgr-b)'. Undefined when the finding names no peer.
 */
export function exposurePeersText(f: Finding): string | undefined {
  if (!f.peers?.length) return undefined;
  const ids = [...new Set((f.sources ?? []).flatMap((s) => s.ruleId ?? []))];
  const space = f.space ? ` = ${f.space}` : '';
  const rules = ids.length ? ` (rule${ids.length > 1 ? 's' : ''} ${ids.join(', ')})` : '';
  return `${f.peers.join(' + ')}${space}${rules}`;
}
