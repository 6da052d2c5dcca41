import { parseCidrText } from './cidr-strict';
import { BIGINT_SCALAR, type Interval, NUMBER_SCALAR, RangeSet } from './range-set';

/** A set of addresses of both families: IPv4 as numbers, IPv6 as bigint. */
export interface AddressSet {
  readonly v4: RangeSet<number>;
  readonly v6: RangeSet<bigint>;
}

export const EMPTY_ADDRESSES: AddressSet = {
  v4: RangeSet.empty(NUMBER_SCALAR),
  v6: RangeSet.empty(BIGINT_SCALAR),
};

export type CidrInterval =
  | { readonly family: 'ipv4'; readonly interval: Interval<number>; readonly bits: number }
  | { readonly family: 'ipv6'; readonly interval: Interval<bigint>; readonly bits: number };

/** The first and last address of a CIDR (host bits ignored); undefined when it is malformed (cidr-strict.ts). */
export function cidrInterval(cidr: string): CidrInterval | undefined {
  const parsed = parseCidrText(cidr);
  if (parsed === undefined) return undefined;
  if (parsed.family === 'ipv4') {
    const block = 2 ** (32 - parsed.bits);
    return { family: 'ipv4', interval: [parsed.network, parsed.network + block - 1], bits: parsed.bits };
  }
  const size = 1n << BigInt(128 - parsed.bits);
  return { family: 'ipv6', interval: [parsed.network, parsed.network + size - 1n], bits: parsed.bits };
}

/** The addresses of CIDRs; invalid ones are skipped. */
export function addressSetOf(cidrs: readonly string[]): AddressSet {
  const v4: Interval<number>[] = [];
  const v6: Interval<bigint>[] = [];
  for (const cidr of cidrs) {
    const parsed = cidrInterval(cidr);
    if (parsed?.family === 'ipv4') v4.push(parsed.interval);
    else if (parsed?.family === 'ipv6') v6.push(parsed.interval);
  }
  return { v4: RangeSet.of(NUMBER_SCALAR, v4), v6: RangeSet.of(BIGINT_SCALAR, v6) };
}

export function unionAddresses(sets: readonly AddressSet[]): AddressSet {
  return sets.reduce((acc, s) => ({ v4: acc.v4.union(s.v4), v6: acc.v6.union(s.v6) }), EMPTY_ADDRESSES);
}

export function subtractAddresses(a: AddressSet, b: AddressSet): AddressSet {
  return { v4: a.v4.subtract(b.v4), v6: a.v6.subtract(b.v6) };
}

export function intersectAddresses(a: AddressSet, b: AddressSet): AddressSet {
  return { v4: a.v4.intersect(b.v4), v6: a.v6.intersect(b.v6) };
}

export function isEmptyAddresses(a: AddressSet): boolean {
  return a.v4.isEmpty && a.v6.isEmpty;
}

/**
 * The aligned blocks of prefix length `bits` that lie wholly inside `set` (e.g. with bits 8, the /8s a
 * set contains), as a set of the same family.
 */
export function alignedBlocksV4(set: RangeSet<number>, bits: number): RangeSet<number> {
  const block = 2 ** (32 - bits);
  const out: Interval<number>[] = [];
  for (const [start, end] of set.intervals) {
    const first = Math.ceil(start / block) * block;
    const last = Math.floor((end + 1) / block) * block - 1;
    if (first <= last) out.push([first, last]);
  }
  return RangeSet.of(NUMBER_SCALAR, out);
}

export function alignedBlocksV6(set: RangeSet<bigint>, bits: number): RangeSet<bigint> {
  const block = 1n << BigInt(128 - bits);
  const out: Interval<bigint>[] = [];
  for (const [start, end] of set.intervals) {
    const first = ((start + block - 1n) / block) * block;
    const last = ((end + 1n) / block) * block - 1n;
    if (first <= last) out.push([first, last]);
  }
  return RangeSet.of(BIGINT_SCALAR, out);
}
