import ipaddr from 'ipaddr.js';

/** Normalises a CIDR (e.g. '10.0.0.5/24' -> '10.0.0.0/24', '::0/0' -> '::/0'); undefined when invalid. */
export function normalizeCidr(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const v4 = parseCidr(value.trim());
  if (v4?.v4) return `${intToIpv4(v4.network)}/${prefixLength(v4.mask)}`;
  if (!value.includes(':')) return undefined; // IPv4 must be a dotted quad (ipaddr.js also takes 10.0.0/8)
  try {
    const [addr, bits] = ipaddr.parseCIDR(value.trim());
    const kind = addr.kind();
    const width = kind === 'ipv4' ? 32 : 128;
    const bytes = addr.toByteArray();
    for (let i = 0; i < bytes.length; i++) {
      const keep = Math.max(0, Math.min(8, bits - i * 8));
      bytes[i] = (bytes[i] ?? 0) & (0xff << (8 - keep)) & 0xff;
    }
    const network = ipaddr.fromByteArray(bytes);
    const text = kind === 'ipv6' ? (network as ipaddr.IPv6).toRFC5952String() : network.toString();
    return bits <= width ? `${text}/${bits}` : undefined;
  } catch {
    return undefined;
  }
}

/** True for 0.0.0.0/0 and ::/0 (any CIDR of prefix length 0). */
export function isWorldCidr(cidr: string): boolean {
  return cidr.endsWith('/0');
}

/** A parsed CIDR: IPv4 as integers for a fast compare, IPv6 through ipaddr.js. */
type ParsedCidr =
  | { readonly v4: true; readonly network: number; readonly mask: number }
  | { readonly v4: false; readonly range: [ipaddr.IPv4 | ipaddr.IPv6, number] }
  | null;

const LIMIT = 200_000;
const cidrCache = new Map<string, ParsedCidr>();
const ipv4Cache = new Map<string, number | null>();

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size >= LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/** Dotted-quad IPv4 to an unsigned 32-bit integer; null when not a plain IPv4 address. */
function ipv4ToInt(ip: string): number | null {
  const hit = ipv4Cache.get(ip);
  if (hit !== undefined) return hit;
  const parts = ip.split('.');
  let value: number | null = parts.length === 4 ? 0 : null;
  for (const part of parts) {
    const n = /^\d{1,3}$/.test(part) ? Number(part) : 256;
    if (value === null || n > 255) {
      value = null;
      break;
    }
    value = value * 256 + n;
  }
  return remember(ipv4Cache, ip, value);
}

function parseCidr(cidr: string): ParsedCidr {
  const hit = cidrCache.get(cidr);
  if (hit !== undefined) return hit;
  let parsed: ParsedCidr;
  const slash = cidr.indexOf('/');
  const bits = Number(cidr.slice(slash + 1));
  const v4 = slash > 0 ? ipv4ToInt(cidr.slice(0, slash)) : null;
  if (v4 !== null && Number.isInteger(bits) && bits >= 0 && bits <= 32) {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    parsed = { v4: true, network: (v4 & mask) >>> 0, mask };
  } else {
    try {
      parsed = { v4: false, range: ipaddr.parseCIDR(cidr) };
    } catch {
      parsed = null;
    }
  }
  return remember(cidrCache, cidr, parsed);
}

function intToIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function prefixLength(mask: number): number {
  let bits = 0;
  for (let m = mask; m !== 0; m = (m << 1) >>> 0) bits++;
  return bits;
}

/** Does `cidr` contain the address `ip`? Different families never match. */
export function cidrContains(cidr: string, ip: string): boolean {
  const range = parseCidr(cidr);
  if (!range) return false;
  if (range.v4) {
    const addr = ipv4ToInt(ip);
    return addr !== null && (addr & range.mask) >>> 0 === range.network;
  }
  if (!ipaddr.isValid(ip)) return false;
  const addr = ipaddr.parse(ip);
  return addr.kind() === range.range[0].kind() && addr.match(range.range);
}

export function isIpv6(cidrOrIp: string): boolean {
  return cidrOrIp.includes(':');
}
