import { describe, expect, it } from 'vitest';
import { ReorderBuffer } from '../../../lambdas/core/replay/reorder-buffer';

const item = (timeMs: number, seq: number) => ({ timeMs, seq });

describe('ReorderBuffer', () => {
  it('releases items before the watermark oldest first, and holds the rest', () => {
    // Prepare
    const buffer = new ReorderBuffer<ReturnType<typeof item>>(100);
    const out: number[] = [];
    for (const [t, s] of [[30, 0], [10, 1], [20, 2], [10, 3], [50, 4]] as const) buffer.push(item(t, s), () => {});

    // Act
    buffer.releaseBefore(30, (i) => out.push(i.seq));

    // Assess: equal times keep their arrival order
    expect(out).toEqual([1, 3, 2]);
    expect(buffer.size).toBe(2);
  });

  it('drains everything in time order', () => {
    // Prepare
    const buffer = new ReorderBuffer<ReturnType<typeof item>>(100);
    const times = [5, 3, 9, 1, 7, 2, 8];
    times.forEach((t, i) => buffer.push(item(t, i), () => {}));
    const out: number[] = [];

    // Act
    buffer.drain((i) => out.push(i.timeMs));

    // Assess
    expect(out).toEqual([1, 2, 3, 5, 7, 8, 9]);
  });

  it('releases the oldest early once it holds more than its maximum, and counts them', () => {
    // Prepare
    const buffer = new ReorderBuffer<ReturnType<typeof item>>(2);
    const early: number[] = [];

    // Act
    for (const [i, t] of [40, 10, 30, 20].entries()) buffer.push(item(t, i), (x) => early.push(x.timeMs));

    // Assess
    expect(early).toEqual([10, 20]);
    expect(buffer.releasedEarly).toBe(2);
    expect(buffer.size).toBe(2);
  });
});
