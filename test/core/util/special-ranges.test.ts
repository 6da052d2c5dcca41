import { describe, expect, it } from 'vitest';
import { addressSetOf } from '../../../lambdas/core/util/cidr-set';
import {
  PUBLIC_ADDRESSES,
  publicPart,
  SPECIAL_IPV4,
  SPECIAL_IPV6,
} from '../../../lambdas/core/util/special-ranges';

describe('special (non-public) ranges', () => {
  it('lists exactly the documented blocks', () => {
    // Assess
    expect(SPECIAL_IPV4).toEqual([
      '0.0.0.0/8',
      '10.0.0.0/8',
      '100.64.0.0/10',
      '127.0.0.0/8',
      '169.254.0.0/16',
      '172.16.0.0/12',
      '192.0.0.0/24',
      '192.0.2.0/24',
      '192.88.99.0/24',
      '192.168.0.0/16',
      '198.18.0.0/15',
      '198.51.100.0/24',
      '203.0.113.0/24',
      '224.0.0.0/4',
      '240.0.0.0/4',
      '255.255.255.255/32',
    ]);
    expect(SPECIAL_IPV6).toEqual([
      '::/128',
      '::1/128',
      '::ffff:0:0/96',
      '64:ff9b::/96',
      '100::/64',
      '2001:db8::/32',
      '3fff::/20',
      'fc00::/7',
      'fe80::/10',
      'ff00::/8',
    ]);
  });

  it.each([...SPECIAL_IPV4, ...SPECIAL_IPV6])('has no public address in %s', (cidr) => {
    // Act
    const pub = publicPart(addressSetOf([cidr]));
    // Assess
    expect(pub.v4.isEmpty && pub.v6.isEmpty).toBe(true);
  });

  it.each([
    '1.1.1.1/32',
    '8.8.8.0/24',
    '100.63.255.255/32',
    '100.128.0.0/32',
    '172.32.0.0/16',
    '192.31.196.0/24',
    '223.255.255.255/32',
    '2600::/16',
    '2a00:1450::/32',
  ])('keeps %s public', (cidr) => {
    // Act
    const pub = publicPart(addressSetOf([cidr]));
    // Assess
    expect(pub.v4.size() + Number(pub.v6.size())).toBeGreaterThan(0);
    expect(pub.v4.equals(addressSetOf([cidr]).v4)).toBe(true);
  });

  it('counts the public IPv4 space as 2^32 minus the special blocks', () => {
    // Prepare
    const special = addressSetOf(SPECIAL_IPV4).v4.size();
    // Act
    const size = PUBLIC_ADDRESSES.v4.size();
    // Assess
    expect(size).toBe(2 ** 32 - special);
    expect(size).toBe(3_702_258_432);
  });
});
