/**
 * The one CIDR and IP parser of sg-guardian: it accepts exactly the text EC2 accepts, nothing that
 * `Number()` or a lenient library would also read (issue 12: `10.0.0.0/`, `10.0.0.0/-0` and
 * `10.0.0.0/\t` used to become 0.0.0.0/0).
 *
 * Accepted:
 * - IPv4 `a.b.c.d/n`: four decimal octets 0-255 without leading zeros (`010.0.0.0/8` is refused: the
 *   text is ambiguous, as some readers take it for octal), prefix 0-32.
 * - IPv6 in the RFC 4291 §2.2 text forms: eight groups of 1-4 hex digits (either case, leading zeros
 *   allowed), at most one `::`, optionally ending in a dotted quad (`::ffff:10.0.0.0/104`); prefix 0-128.
 *   No zone id (`%eth0`), no brackets.
 * - The prefix is plain decimal digits without sign, leading zero, decimal point, exponent or hex.
 * - No whitespace anywhere, not even around the text (EC2 answers "CIDR block 208.157.160.147\n/32
 *   is malformed", serverless-vpc-plugin#318).
 *
 * Host bits: EC2 accepts a CIDR with host bits set in a security group rule and stores the network
 * (`10.0.0.1/8` is kept as `10.0.0.0/8`: ansible/ansible#25403, "the rule is created ... however the CIDR
 * is masked"; aws-controllers-k8s/ec2-controller#359, "an unmasked CIDR (100.68.0.18/18) ... differs
 * textually from the form AWS returns on read-back"). So do we: the parser clears them.
 *
 * Normalisation (what formatCidr writes): IPv4 dotted decimal; IPv6 in RFC 5952 form (lowercase, no
 * leading zeros, the longest run of two or more zero groups as `::`, the first on a tie, no dotted quad);
 * host bits cleared. formatCidr(parseCidrText(s)) is s itself when s is already in that form.
 */

export type StrictCidr =
  | { readonly family: 'ipv4'; readonly network: number; readonly bits: number }
  | { readonly family: 'ipv6'; readonly network: bigint; readonly bits: number };

export type StrictIp =
  | { readonly family: 'ipv4'; readonly value: number }
  | { readonly family: 'ipv6'; readonly value: bigint };

const OCTET = /^(?:0|[1-9]\d{0,2})$/;
const PREFIX = /^(?:0|[1-9]\d{0,2})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** A dotted-quad IPv4 address as an unsigned 32-bit number; undefined for anything else. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!OCTET.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = value * 256 + n;
  }
  return value;
}

/** An IPv6 address (RFC 4291 §2.2 text forms, no zone id) as a 128-bit bigint; undefined otherwise. */
export function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = groupsOf(halves[0] ?? '', halves.length === 1);
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? '', true) : [];
  if (head === undefined || tail === undefined) return undefined;
  const count = head.length + tail.length;
  if (halves.length === 1 ? count !== 8 : count > 7) return undefined;
  const groups = [...head, ...Array<number>(8 - count).fill(0), ...tail];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

/** The 16-bit groups of one side of `::`; a dotted quad may end the side that ends the address. */
function groupsOf(side: string, endsAddress: boolean): number[] | undefined {
  if (side === '') return [];
  const parts = side.split(':');
  const out: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    if (HEX_GROUP.test(part)) {
      out.push(Number.parseInt(part, 16));
      continue;
    }
    const quad = endsAddress && i === parts.length - 1 ? parseIpv4(part) : undefined;
    if (quad === undefined) return undefined;
    out.push(Math.floor(quad / 65536), quad % 65536);
  }
  return out;
}

/** An IP address of either family; undefined when the text is neither. */
export function parseIp(text: string): StrictIp | undefined {
  if (text.includes(':')) {
    const value = parseIpv6(text);
    return value === undefined ? undefined : { family: 'ipv6', value };
  }
  const value = parseIpv4(text);
  return value === undefined ? undefined : { family: 'ipv4', value };
}

/** A CIDR exactly as EC2 accepts it, host bits cleared; undefined for anything else (never throws). */
export function parseCidrText(text: unknown): StrictCidr | undefined {
  if (typeof text !== 'string') return undefined;
  const slash = text.indexOf('/');
  if (slash < 0 || text.indexOf('/', slash + 1) >= 0) return undefined;
  const prefix = text.slice(slash + 1);
  if (!PREFIX.test(prefix)) return undefined;
  const bits = Number(prefix);
  const ip = parseIp(text.slice(0, slash));
  if (ip?.family === 'ipv4' && bits <= 32) {
    const block = 2 ** (32 - bits);
    return { family: 'ipv4', network: ip.value - (ip.value % block), bits };
  }
  if (ip?.family === 'ipv6' && bits <= 128) {
    const hostBits = BigInt(128 - bits);
    return { family: 'ipv6', network: (ip.value >> hostBits) << hostBits, bits };
  }
  return undefined;
}

export function formatIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** RFC 5952 text of an IPv6 address. */
export function formatIpv6(value: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length) best = { start: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.length < 2) return hex.join(':');
  const head = hex.slice(0, best.start).join(':');
  const tail = hex.slice(best.start + best.length).join(':');
  return `${head}::${tail}`;
}

/** The normalised text of a parsed CIDR. */
export function formatCidr(cidr: StrictCidr): string {
  const address = cidr.family === 'ipv4' ? formatIpv4(cidr.network) : formatIpv6(cidr.network);
  return `${address}/${cidr.bits}`;
}
