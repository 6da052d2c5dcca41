import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  intersectRanges,
  mergeRanges,
  parsePortOrRange,
  subtractRanges,
} from '../../../lambdas/core/util/ports';
import type { PortRange } from '../../../lambdas/core/verdict/types';

const range = fc
  .tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }))
  .map(([a, b]) => ({ from: Math.min(a, b), to: Math.max(a, b) }));
const ports = (ranges: readonly PortRange[]) => {
  const set = new Set<number>();
  for (const r of ranges) for (let p = r.from; p <= r.to; p++) set.add(p);
  return set;
};

describe('port range arithmetic', () => {
  it('merges overlapping and adjacent ranges', () => {
    expect(
      mergeRanges([
        { from: 5, to: 9 },
        { from: 1, to: 3 },
        { from: 4, to: 4 },
        { from: 20, to: 22 },
      ]),
    ).toEqual([
      { from: 1, to: 9 },
      { from: 20, to: 22 },
    ]);
  });

  it('agrees with per-port set arithmetic for merge, subtract and intersect', () => {
    fc.assert(
      fc.property(fc.array(range, { maxLength: 6 }), fc.array(range, { maxLength: 6 }), (a, b) => {
        const [pa, pb] = [ports(a), ports(b)];
        expect(ports(mergeRanges(a))).toEqual(pa);
        expect(ports(subtractRanges(a, b))).toEqual(new Set([...pa].filter((p) => !pb.has(p))));
        expect(ports(intersectRanges(a, b))).toEqual(new Set([...pa].filter((p) => pb.has(p))));
        for (const out of [mergeRanges(a), subtractRanges(a, b), intersectRanges(a, b)])
          for (let i = 1; i < out.length; i++) expect(out[i]!.from).toBeGreaterThan(out[i - 1]!.to + 1);
      }),
    );
  });

  it('parses ports and ranges from the config', () => {
    expect([parsePortOrRange(8080), parsePortOrRange('9000-8000')]).toEqual([
      { from: 8080, to: 8080 },
      { from: 8000, to: 9000 },
    ]);
  });
});
