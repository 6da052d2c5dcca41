import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { cidrContains, isWorldCidr, normalizeCidr } from '../../../lambdas/core/util/cidr';

describe('normalizeCidr', () => {
  it.each([
    ['10.0.0.5/24', '10.0.0.0/24'],
    ['0.0.0.0/0', '0.0.0.0/0'],
    ['192.168.1.77/32', '192.168.1.77/32'],
    ['::0/0', '::/0'],
    ['2001:DB8:0:0::1/64', '2001:db8::/64'],
  ])('normalises %s to %s', (input, expected) => {
    expect(normalizeCidr(input)).toBe(expected);
  });

  it.each([
    '10.0.0.0/33',
    '10.0.0/8',
    '300.0.0.0/8',
    'sg-123',
    '',
    '::/129',
    ' 192.168.1.77/32 ',
    '10.0.0.0/',
    '10.0.0.0/-0',
    '10.0.0.0/\t',
    '10.0.0.0/+8',
    '10.0.0.0/0x8',
    '10.0.0.0/1e1',
    '10.0.0.0/8.0',
    'fe80::1%eth0/64',
  ])('rejects %j', (input) => {
    expect(normalizeCidr(input)).toBeUndefined();
  });

  it('agrees with ipaddr.js on random IPv4 CIDRs', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 0, max: 32 }), (ip, bits) => {
        const [addr, len] = ipaddr.parseCIDR(`${ip}/${bits}`);
        const network = ipaddr.IPv4.networkAddressFromCIDR(`${addr.toString()}/${len}`).toString();
        expect(normalizeCidr(`${ip}/${bits}`)).toBe(`${network}/${bits}`);
      }),
    );
  });
});

describe('cidrContains', () => {
  it.each([
    ['10.0.0.0/8', '10.1.2.3', true],
    ['10.0.0.0/8', '11.0.0.1', false],
    ['0.0.0.0/0', '1.2.3.4', true],
    ['10.0.1.10/32', '10.0.1.10', true],
    ['10.0.1.10/32', '10.0.1.11', false],
    ['::/0', '10.0.0.1', false],
    ['0.0.0.0/0', '2001:db8::1', false],
    ['2001:db8::/32', '2001:db8::1', true],
    ['255.255.255.255/32', '255.255.255.255', true],
  ])('%s contains %s: %s', (cidr, ip, expected) => {
    expect(cidrContains(cidr, ip)).toBe(expected);
  });

  it('agrees with ipaddr.js on random IPv4 addresses and ranges', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.ipV4(), fc.integer({ min: 0, max: 32 }), (ip, base, bits) => {
        expect(cidrContains(`${base}/${bits}`, ip)).toBe(
          ipaddr.parse(ip).match(ipaddr.parseCIDR(`${base}/${bits}`)),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['10.0.0.0/', '10.0.0.1'],
    ['10.0.0.0/-0', '11.0.0.1'],
    ['10.0.0.0/ 8', '10.0.0.1'],
    ['10.0.0.0/8', ' 10.0.0.1'],
    ['10.0.0.0/8', '010.0.0.1'],
    ['::/0', 'fe80::1%eth0'],
  ])('never matches malformed text: %j and %j', (cidr, ip) => {
    expect(cidrContains(cidr, ip)).toBe(false);
  });

  it('treats only prefix length 0 as the world', () => {
    expect([isWorldCidr('0.0.0.0/0'), isWorldCidr('::/0'), isWorldCidr('0.0.0.0/1')]).toEqual([
      true,
      true,
      false,
    ]);
  });
});
