import { cidrContains } from '../util/cidr';
import { parseCidrText, parseIpv4 } from '../util/cidr-strict';

/**
 * cidrContains for the hot loops (a NACL direction's entries against a peer IP, per pair): the CIDRs
 * of a list are parsed once per (immutable) list and an IPv4 peer once, so a containment test is two
 * integer operations. Answers are exactly cidrContains': anything that is not IPv4 on both sides (IPv6,
 * malformed text) is answered by cidrContains itself.
 */

/** An IPv4 CIDR as its network and block size; null when cidrContains must answer (IPv6, malformed). */
type CompiledCidr = { readonly network: number; readonly block: number } | null;

const compiledLists = new WeakMap<readonly unknown[], readonly CompiledCidr[]>();

function compile(cidr: string): CompiledCidr {
  const parsed = parseCidrText(cidr);
  return parsed?.family === 'ipv4' ? { network: parsed.network, block: 2 ** (32 - parsed.bits) } : null;
}

/** The CIDRs of `list` (read with `cidrOf`) compiled once per list object: one list, one `cidrOf`. */
export function compiledCidrs<T>(list: readonly T[], cidrOf: (item: T) => string): readonly CompiledCidr[] {
  let compiled = compiledLists.get(list);
  if (!compiled) {
    compiled = list.map((item) => compile(cidrOf(item)));
    compiledLists.set(list, compiled);
  }
  return compiled;
}

const LIMIT = 100_000;
const ipv4Cache = new Map<string, number | null>();
const lastIps: [string, string] = ['', ''];
const lastValues: [number | null, number | null] = [null, null];

/** A dotted-quad IPv4 address as a number, null for anything else (kept: peers recur across pairs). */
export function ipv4Value(ip: string): number | null {
  // A pair asks about its two addresses in turn: the last two answers are kept at hand.
  if (ip === lastIps[0]) return lastValues[0];
  if (ip === lastIps[1]) return lastValues[1];
  let value = ipv4Cache.get(ip);
  if (value === undefined) {
    value = ip.includes(':') ? null : (parseIpv4(ip) ?? null);
    if (ipv4Cache.size >= LIMIT) ipv4Cache.clear();
    ipv4Cache.set(ip, value);
  }
  lastIps[1] = lastIps[0];
  lastValues[1] = lastValues[0];
  lastIps[0] = ip;
  lastValues[0] = value;
  return value;
}

/** cidrContains(cidrs[i], ip) for a compiled list: `ipValue` is ipv4Value(ip). */
export function compiledContains(
  compiled: CompiledCidr,
  cidr: string,
  ip: string,
  ipValue: number | null,
): boolean {
  if (compiled === null || ipValue === null) return cidrContains(cidr, ip);
  return ipValue - (ipValue % compiled.block) === compiled.network;
}
