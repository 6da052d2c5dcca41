import type { Protocol } from '../../model/types';
import { normalizeProtocol } from '../../util/protocol';
import { fail, isAbsent, type Node, ok, type Result, show } from '../read';

/** A protocol field ('tcp', '6', -1, 'icmp', ...) normalised with normalizeProtocol. */
export function readProtocol(node: Node): Result<Protocol> {
  const protocol = normalizeProtocol(node.value);
  if (protocol !== undefined) return ok(protocol);
  return fail(node, isAbsent(node.value) ? 'missing' : `not a protocol: ${show(node.value)}`);
}
