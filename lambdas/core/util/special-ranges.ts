import { type AddressSet, addressSetOf, intersectAddresses, subtractAddresses } from './cidr-set';

/**
 * Address blocks that are not public: not globally reachable per the IANA special-purpose registries
 * (RFC 6890; https://www.iana.org/assignments/iana-ipv4-special-registry and
 * https://www.iana.org/assignments/iana-ipv6-special-registry), plus multicast and the reserved
 * 240.0.0.0/4. Blocks the registries mark globally reachable (e.g. AS112 192.31.196.0/24) stay public.
 * Keep in sync with the README ("What counts as the world").
 */
export const SPECIAL_IPV4: readonly string[] = [
  '0.0.0.0/8', // "this network" (RFC 791)
  '10.0.0.0/8', // private (RFC 1918)
  '100.64.0.0/10', // shared address space, carrier-grade NAT (RFC 6598)
  '127.0.0.0/8', // loopback
  '169.254.0.0/16', // link-local
  '172.16.0.0/12', // private (RFC 1918)
  '192.0.0.0/24', // IETF protocol assignments (RFC 6890)
  '192.0.2.0/24', // documentation TEST-NET-1 (RFC 5737)
  '192.88.99.0/24', // deprecated 6to4 relay anycast (RFC 7526)
  '192.168.0.0/16', // private (RFC 1918)
  '198.18.0.0/15', // benchmarking (RFC 2544)
  '198.51.100.0/24', // documentation TEST-NET-2
  '203.0.113.0/24', // documentation TEST-NET-3
  '224.0.0.0/4', // multicast
  '240.0.0.0/4', // reserved (RFC 1112)
  '255.255.255.255/32', // limited broadcast
];

export const SPECIAL_IPV6: readonly string[] = [
  '::/128', // unspecified
  '::1/128', // loopback
  '::ffff:0:0/96', // IPv4-mapped (the IPv4 rules judge IPv4)
  '64:ff9b::/96', // NAT64 well-known prefix (RFC 6052): the IPv4 side is judged as IPv4
  '100::/64', // discard-only (RFC 6666)
  '2001:db8::/32', // documentation (RFC 3849)
  '3fff::/20', // documentation (RFC 9637)
  'fc00::/7', // unique local (RFC 4193)
  'fe80::/10', // link-local
  'ff00::/8', // multicast
];

const SPECIAL: AddressSet = addressSetOf([...SPECIAL_IPV4, ...SPECIAL_IPV6]);

/** Every public address: each family's whole space minus the special blocks. */
export const PUBLIC_ADDRESSES: AddressSet = subtractAddresses(addressSetOf(['0.0.0.0/0', '::/0']), SPECIAL);

/** The public part of a set of addresses. */
export function publicPart(addresses: AddressSet): AddressSet {
  return intersectAddresses(addresses, PUBLIC_ADDRESSES);
}
