import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BIGINT_SCALAR,
  type Interval,
  NUMBER_SCALAR,
  RangeSet,
} from '../../../lambdas/core/util/range-set';

/** Small intervals in 0..63, so a plain set of members is the reference model. */
const intervals = fc.array(
  fc.tuple(fc.integer({ min: 0, max: 63 }), fc.integer({ min: 0, max: 63 })) as fc.Arbitrary<Interval<number>>,
  { maxLength: 6 },
);

function members(list: readonly Interval<number>[]): Set<number> {
  const out = new Set<number>();
  for (const [a, b] of list) for (let i = Math.min(a, b); i <= Math.max(a, b); i++) out.add(i);
  return out;
}

const setOf = (list: readonly Interval<number>[]) => RangeSet.of(NUMBER_SCALAR, list);
const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);

describe('RangeSet', () => {
  it('merges overlapping and adjacent intervals, in any order', () => {
    // Prepare
    const list: Interval<number>[] = [
      [10, 20],
      [0, 4],
      [15, 30],
      [5, 5],
      [40, 35],
    ];
    // Act
    const set = setOf(list);
    // Assess
    expect(set.intervals).toEqual([
      [0, 5],
      [10, 30],
      [35, 40],
    ]);
    expect(set.size()).toBe(6 + 21 + 6);
  });

  it('agrees with a set of members on union, subtract, intersect and size', () => {
    fc.assert(
      fc.property(intervals, intervals, (a, b) => {
        // Prepare
        const [x, y] = [setOf(a), setOf(b)];
        const [mx, my] = [members(a), members(b)];
        // Act
        const union = x.union(y);
        const minus = x.subtract(y);
        const both = x.intersect(y);
        // Assess
        expect(members(union.intervals)).toEqual(new Set([...mx, ...my]));
        expect(sorted(members(minus.intervals))).toEqual(sorted(mx).filter((m) => !my.has(m)));
        expect(sorted(members(both.intervals))).toEqual(sorted(mx).filter((m) => my.has(m)));
        expect(union.size()).toBe(new Set([...mx, ...my]).size);
        expect(union.size()).toBeLessThanOrEqual(x.size() + y.size());
        expect(union.covers(x) && union.covers(y)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps its intervals sorted, disjoint and not adjacent after any operation', () => {
    fc.assert(
      fc.property(intervals, intervals, (a, b) => {
        // Act
        const results = [setOf(a).union(setOf(b)), setOf(a).subtract(setOf(b)), setOf(a).intersect(setOf(b))];
        // Assess
        for (const r of results)
          for (let i = 1; i < r.intervals.length; i++)
            expect(r.intervals[i]![0]).toBeGreaterThan(r.intervals[i - 1]![1] + 1);
      }),
    );
  });

  it('works on bigint for IPv6-sized numbers', () => {
    // Prepare
    const top = (1n << 128n) - 1n;
    const whole = RangeSet.of(BIGINT_SCALAR, [[0n, top]]);
    const half = RangeSet.of(BIGINT_SCALAR, [[0n, (1n << 127n) - 1n]]);
    // Act
    const rest = whole.subtract(half);
    // Assess
    expect(rest.intervals).toEqual([[1n << 127n, top]]);
    expect(rest.union(half).equals(whole)).toBe(true);
    expect(whole.size()).toBe(1n << 128n);
  });
});
