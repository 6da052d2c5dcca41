/**
 * Sets of integers as sorted, disjoint, non-adjacent inclusive [start, end] intervals. One implementation
 * for IPv4 addresses (numbers: 2^32 fits exactly in a double) and IPv6 addresses (bigint).
 */

export type Interval<T> = readonly [start: T, end: T];

/** The arithmetic a range set needs from its scalar type. */
export interface Scalar<T extends number | bigint> {
  readonly one: T;
  readonly zero: T;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
}

export const NUMBER_SCALAR: Scalar<number> = { one: 1, zero: 0, add: (a, b) => a + b, sub: (a, b) => a - b };
export const BIGINT_SCALAR: Scalar<bigint> = {
  one: 1n,
  zero: 0n,
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
};

const max = <T extends number | bigint>(a: T, b: T): T => (a > b ? a : b);
const min = <T extends number | bigint>(a: T, b: T): T => (a < b ? a : b);

/** An immutable set of integers; every operation returns a normalised set. */
export class RangeSet<T extends number | bigint> {
  private constructor(
    private readonly scalar: Scalar<T>,
    /** Sorted, disjoint, non-adjacent. */
    readonly intervals: readonly Interval<T>[],
  ) {}

  static empty<T extends number | bigint>(scalar: Scalar<T>): RangeSet<T> {
    return new RangeSet(scalar, []);
  }

  /** Any intervals (unsorted, overlapping, adjacent; a reversed one is read as [end, start]). */
  static of<T extends number | bigint>(scalar: Scalar<T>, intervals: readonly Interval<T>[]): RangeSet<T> {
    const sorted = intervals
      .map(([a, b]): Interval<T> => (a <= b ? [a, b] : [b, a]))
      .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    const out: [T, T][] = [];
    for (const [start, end] of sorted) {
      const last = out[out.length - 1];
      if (last && start <= scalar.add(last[1], scalar.one)) last[1] = max(last[1], end);
      else out.push([start, end]);
    }
    return new RangeSet(scalar, out);
  }

  get isEmpty(): boolean {
    return this.intervals.length === 0;
  }

  union(other: RangeSet<T>): RangeSet<T> {
    if (other.isEmpty) return this;
    if (this.isEmpty) return other;
    return RangeSet.of(this.scalar, [...this.intervals, ...other.intervals]);
  }

  /** This set minus `other` (a linear merge of the two sorted lists). */
  subtract(other: RangeSet<T>): RangeSet<T> {
    const { one, add, sub } = this.scalar;
    const out: Interval<T>[] = [];
    let j = 0;
    for (const [start, end] of this.intervals) {
      let from = start;
      while (j < other.intervals.length && other.intervals[j]![1] < from) j++;
      let k = j;
      let open = true;
      while (k < other.intervals.length && other.intervals[k]![0] <= end) {
        const [cutFrom, cutTo] = other.intervals[k]!;
        if (cutFrom > from) out.push([from, sub(cutFrom, one)]);
        if (cutTo >= end) {
          open = false;
          break;
        }
        from = add(cutTo, one);
        k++;
      }
      if (open) out.push([from, end]);
    }
    return new RangeSet(this.scalar, out);
  }

  intersect(other: RangeSet<T>): RangeSet<T> {
    const out: Interval<T>[] = [];
    let i = 0;
    let j = 0;
    while (i < this.intervals.length && j < other.intervals.length) {
      const [a0, a1] = this.intervals[i]!;
      const [b0, b1] = other.intervals[j]!;
      const from = max(a0, b0);
      const to = min(a1, b1);
      if (from <= to) out.push([from, to]);
      if (a1 < b1) i++;
      else j++;
    }
    return new RangeSet(this.scalar, out);
  }

  /** Number of members. */
  size(): T {
    const { one, add, sub } = this.scalar;
    return this.intervals.reduce((sum, [a, b]) => add(sum, add(sub(b, a), one)), this.scalar.zero);
  }

  /** True when every member of `other` is in this set. */
  covers(other: RangeSet<T>): boolean {
    return other.subtract(this).isEmpty;
  }

  equals(other: RangeSet<T>): boolean {
    return (
      this.intervals.length === other.intervals.length &&
      this.intervals.every(([a, b], i) => a === other.intervals[i]![0] && b === other.intervals[i]![1])
    );
  }
}
