import { describe, expect, it } from 'vitest';
import { DEFAULT_WORLD_THRESHOLD } from '../../../lambdas/core/config/schema';
import { describeSpace, measureSpace, scaledSeverity } from '../../../lambdas/core/rules/world-breadth';
import { addressSetOf } from '../../../lambdas/core/util/cidr-set';

const breadthOf = (cidrs: string[], threshold = DEFAULT_WORLD_THRESHOLD) =>
  measureSpace(addressSetOf(cidrs), threshold).breadth;

describe('measureSpace', () => {
  it.each([
    [['0.0.0.0/0'], 'internet'],
    [['::/0'], 'internet'],
    [['0.0.0.0/1', '128.0.0.0/1'], 'internet'],
    [['128.0.0.0/1'], 'internet'],
    [['2000::/3'], 'internet'],
    [['1.0.0.0/8'], 'wide'],
    [['100.0.0.0/8'], 'wide'],
    [['11.128.0.0/9', '12.0.0.0/9'], 'wide'],
    [['2001:4860::/32'], 'wide'],
    [['0.0.0.0/2'], 'wide'],
  ])('%j is %s', (cidrs, breadth) => {
    expect(breadthOf(cidrs)).toBe(breadth);
  });

  it.each([
    [['198.51.100.0/24']],
    [['8.8.8.0/24']],
    [['10.0.0.0/8']],
    [['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10']],
    [['224.0.0.0/3']],
    [['1.0.0.0/9']],
    [['2001:4860::/33']],
    [['fc00::/7', 'fe80::/10']],
  ])('%j is not the world', (cidrs) => {
    expect(breadthOf(cidrs)).toBeUndefined();
  });

  it('follows a configured threshold: a /24 counts at 24, a /8 does not at 4', () => {
    // Act
    const office = breadthOf(['8.8.8.0/24'], { ipv4Prefix: 24, ipv6Prefix: 48 });
    const slash8 = breadthOf(['1.0.0.0/8'], { ipv4Prefix: 4, ipv6Prefix: 32 });
    const site = breadthOf(['2001:4860:4860::/48'], { ipv4Prefix: 24, ipv6Prefix: 48 });
    // Assess
    expect([office, slash8, site]).toEqual(['wide', undefined, 'wide']);
  });

  it('with threshold 0 counts only a literal /0, as the whole internet', () => {
    // Prepare
    const literal = { ipv4Prefix: 0, ipv6Prefix: 0 };
    // Act
    const halves = breadthOf(['0.0.0.0/1', '128.0.0.0/1'], literal);
    const half = breadthOf(['0.0.0.0/1'], literal);
    // Assess
    expect([halves, half, breadthOf(['0.0.0.0/0'], literal)]).toEqual(['internet', undefined, 'internet']);
  });

  it('measures only the public part of the space', () => {
    // Act
    const { space } = measureSpace(addressSetOf(['10.0.0.0/7']), DEFAULT_WORLD_THRESHOLD);
    // Assess
    expect(space).toEqual({ ipv4: 2 ** 24, ipv6: 0n, wholeIpv4: false, wholeIpv6: false });
  });
});

describe('scaledSeverity', () => {
  it.each([
    ['critical', 'internet', 'critical'],
    ['critical', 'wide', 'high'],
    ['high', 'wide', 'medium'],
    ['medium', 'wide', 'low'],
    ['low', 'wide', 'info'],
  ] as const)('%s on %s is %s', (severity, breadth, expected) => {
    expect(scaledSeverity(severity, breadth)).toBe(expected);
  });
});

describe('describeSpace', () => {
  it.each([
    [['0.0.0.0/1', '128.0.0.0/1'], 'the whole IPv4 internet'],
    [['0.0.0.0/0', '::/0'], 'the whole IPv4 internet and the whole IPv6 internet'],
    [['1.0.0.0/8'], '2^24 public IPv4 addresses'],
    [['100.0.0.0/8'], '12.6M public IPv4 addresses'],
    [['2001:4860::/32'], '2^96 public IPv6 addresses'],
  ])('%j: %s', (cidrs, text) => {
    expect(describeSpace(measureSpace(addressSetOf(cidrs), DEFAULT_WORLD_THRESHOLD).space)).toBe(text);
  });
});
