import { formatCidr, parseCidrText, parseIp, type StrictCidr, type StrictIp } from './cidr-strict';

/**
 * CIDRs as the engine uses them. Every CIDR that enters (events, snapshots, plans, revert steps) goes
 * through normalizeCidr, which accepts exactly what EC2 accepts (see cidr-strict.ts).
 */

/** Normalises a CIDR (e.g. '10.0.0.5/24' -> '10.0.0.0/24', '::0/0' -> '::/0'); undefined when malformed. */
export function normalizeCidr(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const parsed = parsedCidr(value);
  return parsed === null ? undefined : formatCidr(parsed);
}

/** True for 0.0.0.0/0 and ::/0 (any CIDR of prefix length 0). */
export function isWorldCidr(cidr: string): boolean {
  return cidr.endsWith('/0');
}

const LIMIT = 200_000;
const cidrCache = new Map<string, StrictCidr | null>();
const ipCache = new Map<string, StrictIp | null>();

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size >= LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

function parsedCidr(cidr: string): StrictCidr | null {
  const hit = cidrCache.get(cidr);
  return hit !== undefined ? hit : remember(cidrCache, cidr, parseCidrText(cidr) ?? null);
}

function parsedIp(ip: string): StrictIp | null {
  const hit = ipCache.get(ip);
  return hit !== undefined ? hit : remember(ipCache, ip, parseIp(ip) ?? null);
}

/** Does `cidr` contain the address `ip`? Different families, or malformed text, never match. */
export function cidrContains(cidr: string, ip: string): boolean {
  const range = parsedCidr(cidr);
  const addr = parsedIp(ip);
  if (range === null || addr === null) return false;
  if (range.family === 'ipv4' && addr.family === 'ipv4') {
    const block = 2 ** (32 - range.bits);
    return addr.value - (addr.value % block) === range.network;
  }
  if (range.family === 'ipv6' && addr.family === 'ipv6') {
    const hostBits = BigInt(128 - range.bits);
    return (addr.value >> hostBits) << hostBits === range.network;
  }
  return false;
}

export function isIpv6(cidrOrIp: string): boolean {
  return cidrOrIp.includes(':');
}
