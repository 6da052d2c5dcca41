import type { WorldThreshold } from '../config/schema';
import {
  type AddressSet,
  alignedBlocksV4,
  alignedBlocksV6,
  intersectAddresses,
  isEmptyAddresses,
} from '../util/cidr-set';
import { PUBLIC_ADDRESSES, publicPart } from '../util/special-ranges';
import type { Severity } from '../verdict/types';
import type { PublicSpace, WorldBreadth } from './types';

/**
 * Prefix lengths from which public space counts as the whole internet (the rule's own severity):
 * half of IPv4 (a /1), and a /3 of IPv6 (2000::/3 holds every global unicast allocation IANA makes).
 */
export const INTERNET_PREFIX = { ipv4: 1, ipv6: 3 } as const;

/**
 * Does `admitted` (raw CIDR space, special ranges included) reach at least one block of prefix `bits`
 * of public space? Either its public part holds as many addresses as such a block, or it holds a whole
 * aligned block with a public address in it (100.0.0.0/8 counts although 100.64.0.0/10 is not public).
 */
function reachesV4(admitted: AddressSet, pub: AddressSet, bits: number): boolean {
  if (pub.v4.isEmpty) return false;
  if (pub.v4.size() >= 2 ** (32 - bits)) return true;
  return !alignedBlocksV4(admitted.v4, bits).intersect(PUBLIC_ADDRESSES.v4).isEmpty;
}

function reachesV6(admitted: AddressSet, pub: AddressSet, bits: number): boolean {
  if (pub.v6.isEmpty) return false;
  if (pub.v6.size() >= 1n << BigInt(128 - bits)) return true;
  return !alignedBlocksV6(admitted.v6, bits).intersect(PUBLIC_ADDRESSES.v6).isEmpty;
}

/**
 * How much of the world `admitted` is: 'internet' (at least a /1 of IPv4 or a /3 of IPv6), 'wide' (at
 * least the configured threshold), or undefined (not the world: private, special or small public space).
 */
export function measureSpace(
  admitted: AddressSet,
  threshold: WorldThreshold,
): { breadth: WorldBreadth | undefined; space: PublicSpace } {
  const pub = publicPart(admitted);
  const space: PublicSpace = {
    ipv4: pub.v4.size(),
    ipv6: pub.v6.size(),
    wholeIpv4: !pub.v4.isEmpty && pub.v4.equals(PUBLIC_ADDRESSES.v4),
    wholeIpv6: !pub.v6.isEmpty && pub.v6.equals(PUBLIC_ADDRESSES.v6),
  };
  if (isEmptyAddresses(pub)) return { breadth: undefined, space };
  const v4 = reachesV4(admitted, pub, threshold.ipv4Prefix);
  const v6 = reachesV6(admitted, pub, threshold.ipv6Prefix);
  if (!v4 && !v6) return { breadth: undefined, space };
  const internet =
    (v4 && reachesV4(admitted, pub, Math.min(INTERNET_PREFIX.ipv4, threshold.ipv4Prefix))) ||
    (v6 && reachesV6(admitted, pub, Math.min(INTERNET_PREFIX.ipv6, threshold.ipv6Prefix)));
  return { breadth: internet ? 'internet' : 'wide', space };
}

/** Does `admitted` hold any public address? */
export function hasPublic(admitted: AddressSet): boolean {
  return !isEmptyAddresses(intersectAddresses(admitted, PUBLIC_ADDRESSES));
}

const LOWER: Readonly<Record<Severity, Severity>> = {
  critical: 'high',
  high: 'medium',
  medium: 'low',
  low: 'info',
  info: 'info',
};

/** The severity scale: the rule's severity for the whole internet, one step lower for a wide range. */
export function scaledSeverity(severity: Severity, breadth: WorldBreadth): Severity {
  return breadth === 'internet' ? severity : LOWER[severity];
}

const MILLION = 1_000_000;

function count(n: number | bigint): string {
  const value = Number(n);
  const log = Math.log2(value);
  if (Number.isInteger(log) && log >= 16) return `2^${log}`;
  return value >= MILLION && log < 40 ? `${(value / MILLION).toFixed(1)}M` : `≈2^${log.toFixed(1)}`;
}

/** 'the whole IPv4 internet', '2^24 public IPv4 addresses', joined for both families. */
export function describeSpace(space: PublicSpace): string {
  const parts: string[] = [];
  if (space.wholeIpv4) parts.push('the whole IPv4 internet');
  else if (space.ipv4 > 0) parts.push(`${count(space.ipv4)} public IPv4 addresses`);
  if (space.wholeIpv6) parts.push('the whole IPv6 internet');
  else if (space.ipv6 > 0n) parts.push(`${count(space.ipv6)} public IPv6 addresses`);
  return parts.join(' and ');
}
