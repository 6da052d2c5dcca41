import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addressSetOf,
  alignedBlocksV4,
  cidrInterval,
  unionAddresses,
} from '../../../lambdas/core/util/cidr-set';

function ipv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** The /0 of a family split into 2^depth CIDRs of prefix `depth`, shuffled. */
const splitV4 = fc
  .integer({ min: 1, max: 8 })
  .chain((depth) =>
    fc.shuffledSubarray(
      Array.from({ length: 2 ** depth }, (_, i) => `${ipv4(i * 2 ** (32 - depth))}/${depth}`),
      { minLength: 2 ** depth },
    ),
  );

function ipv6(n: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => ((n >> BigInt(112 - 16 * i)) & 0xffffn).toString(16));
  return groups.join(':');
}

const splitV6 = fc
  .integer({ min: 1, max: 6 })
  .chain((depth) =>
    fc.shuffledSubarray(
      Array.from({ length: 2 ** depth }, (_, i) => `${ipv6(BigInt(i) << BigInt(128 - depth))}/${depth}`),
      { minLength: 2 ** depth },
    ),
  );

/** Random CIDRs split into halves and quarters: any split of a range covers exactly that range. */
function randomSplit(cidr: string, depth: number, choices: readonly number[]): string[] {
  const parsed = cidrInterval(cidr);
  if (parsed?.family !== 'ipv4') throw new Error('ipv4 only');
  if (depth === 0 || parsed.bits === 32) return [cidr];
  const half = 2 ** (31 - parsed.bits);
  const [low, high] = [parsed.interval[0], parsed.interval[0] + half];
  const choice = choices[depth % choices.length] ?? 0;
  const next = (start: number) => `${ipv4(start)}/${parsed.bits + 1}`;
  return choice === 0
    ? [cidr]
    : [...randomSplit(next(low), depth - 1, choices), ...randomSplit(next(high), depth - 1, choices.slice(1))];
}

describe('cidrInterval', () => {
  it.each([
    ['0.0.0.0/0', 0, 2 ** 32 - 1],
    ['10.1.2.3/8', 10 * 2 ** 24, 11 * 2 ** 24 - 1],
    ['128.0.0.0/1', 2 ** 31, 2 ** 32 - 1],
    ['255.255.255.255/32', 2 ** 32 - 1, 2 ** 32 - 1],
  ])('reads %s as [%d, %d]', (cidr, start, end) => {
    expect(cidrInterval(cidr)).toEqual({ family: 'ipv4', interval: [start, end], bits: Number(cidr.split('/')[1]) });
  });

  it('reads IPv6 as bigint, host bits ignored', () => {
    // Act
    const parsed = cidrInterval('2001:db8::1/32');
    // Assess
    expect(parsed).toEqual({
      family: 'ipv6',
      interval: [0x20010db8n << 96n, ((0x20010db8n + 1n) << 96n) - 1n],
      bits: 32,
    });
  });

  it.each(['10.0.0/8', '300.0.0.0/8', '10.0.0.0/33', '::/129', 'pl-123', ''])('rejects %s', (input) => {
    expect(cidrInterval(input)).toBeUndefined();
  });
});

describe('addressSetOf (union of CIDRs)', () => {
  it('equals 0.0.0.0/0 for any split of IPv4 into halves, quarters, … in any order', () => {
    fc.assert(
      fc.property(splitV4, (cidrs) => {
        // Act
        const union = addressSetOf(cidrs);
        // Assess
        expect(union.v4.equals(addressSetOf(['0.0.0.0/0']).v4)).toBe(true);
        expect(union.v4.size()).toBe(2 ** 32);
      }),
    );
  });

  it('equals ::/0 for any split of IPv6, in any order', () => {
    fc.assert(
      fc.property(splitV6, (cidrs) => {
        // Act
        const union = addressSetOf(cidrs);
        // Assess
        expect(union.v6.equals(addressSetOf(['::/0']).v6)).toBe(true);
        expect(union.v6.size()).toBe(1n << 128n);
      }),
    );
  });

  it('equals the original range for a random uneven split of a random CIDR', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 0, max: 24 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 1, maxLength: 8 }),
        (addr, bits, depth, choices) => {
          // Prepare
          const cidr = `${ipv4(addr)}/${bits}`;
          // Act
          const union = addressSetOf(randomSplit(cidr, depth, choices));
          // Assess
          expect(union.v4.equals(addressSetOf([cidr]).v4)).toBe(true);
        },
      ),
    );
  });

  it('counts overlapping CIDRs once: union size is at most the sum of sizes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 32 })), {
          minLength: 1,
          maxLength: 8,
        }),
        (pairs) => {
          // Prepare
          const cidrs = pairs.map(([a, b]) => `${ipv4(a)}/${b}`);
          // Act
          const union = addressSetOf(cidrs).v4.size();
          // Assess
          const sum = cidrs.reduce((acc, c) => acc + addressSetOf([c]).v4.size(), 0);
          const largest = Math.max(...cidrs.map((c) => addressSetOf([c]).v4.size()));
          expect(union).toBeLessThanOrEqual(sum);
          expect(union).toBeGreaterThanOrEqual(largest);
        },
      ),
    );
  });

  it('merges 10.0.0.0/8 with its own /16 and the next /8 into one range', () => {
    // Act
    const set = unionAddresses([addressSetOf(['10.0.0.0/8', '10.20.0.0/16']), addressSetOf(['11.0.0.0/8'])]);
    // Assess
    expect(set.v4.intervals).toEqual([[10 * 2 ** 24, 12 * 2 ** 24 - 1]]);
    expect(set.v6.isEmpty).toBe(true);
  });

  it('keeps IPv4 and IPv6 apart', () => {
    // Act
    const set = addressSetOf(['0.0.0.0/1', '2001:db8::/32']);
    // Assess
    expect(set.v4.size()).toBe(2 ** 31);
    expect(set.v6.size()).toBe(1n << 96n);
  });
});

describe('alignedBlocksV4', () => {
  it('keeps only the whole /8s inside a range', () => {
    // Prepare
    const set = addressSetOf(['1.128.0.0/9', '2.0.0.0/8', '3.0.0.0/9']).v4;
    // Act
    const blocks = alignedBlocksV4(set, 8);
    // Assess
    expect(blocks.intervals).toEqual([[2 * 2 ** 24, 3 * 2 ** 24 - 1]]);
  });
});
