import ipaddr from 'ipaddr.js';

/** Normalises a CIDR (e.g. '10.0.0.5/24' -> '10.0.0.0/24', '::0/0' -> '::/0'); undefined when invalid. */
export function normalizeCidr(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
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

const parsedCidrs = new Map<string, [ipaddr.IPv4 | ipaddr.IPv6, number] | null>();

function parseCached(cidr: string): [ipaddr.IPv4 | ipaddr.IPv6, number] | null {
  let hit = parsedCidrs.get(cidr);
  if (hit === undefined) {
    try {
      hit = ipaddr.parseCIDR(cidr);
    } catch {
      hit = null;
    }
    if (parsedCidrs.size > 100_000) parsedCidrs.clear();
    parsedCidrs.set(cidr, hit);
  }
  return hit;
}

/** Does `cidr` contain the address `ip`? Different families never match. */
export function cidrContains(cidr: string, ip: string): boolean {
  const range = parseCached(cidr);
  if (!range || !ipaddr.isValid(ip)) return false;
  const addr = ipaddr.parse(ip);
  if (addr.kind() !== range[0].kind()) return false;
  return addr.match(range);
}

export function isIpv6(cidrOrIp: string): boolean {
  return cidrOrIp.includes(':');
}
