import type { Layer } from '../verdict/types';

/**
 * What a client sees when a path fails. Security groups and network ACLs drop silently: a TCP client
 * sends SYN, no SYN-ACK comes back, and it times out. "Connection refused" means something answered
 * with an RST: the host was reached and nothing listens on the port (or a host firewall, or a proxy on
 * the way, rejected it), never an SG or NACL.
 */
export interface Symptom {
  readonly kind: 'timeout' | 'refused-if-not-listening' | 'no-reply';
  readonly text: string;
}

/** The symptom of a path blocked at `layer` (undefined = reachable through SGs and NACLs). */
export function symptomOf(protocol: string, layer: Layer | undefined, port?: number): Symptom {
  const tcp = protocol === 'tcp';
  if (layer === undefined)
    return {
      kind: 'refused-if-not-listening',
      text: tcp
        ? `no drop by SGs or NACLs; "connection refused" here means the host answered with an RST ` +
          `(nothing listening on ${port ?? 'the port'}, or a host firewall), and a timeout points past ` +
          'the security groups (routing, an OS firewall that drops)'
        : 'no drop by SGs or NACLs: a missing reply points at the host or the routing',
    };
  const where =
    layer === 'nacl-return'
      ? 'the reply is dropped by a network ACL on the way back'
      : `${layer} drops the request silently`;
  if (!tcp) return { kind: 'no-reply', text: `no reply: ${where} (never an error back)` };
  return {
    kind: 'timeout',
    text: `a timeout, not "connection refused": ${where}, so the client's SYN never gets a SYN-ACK`,
  };
}
