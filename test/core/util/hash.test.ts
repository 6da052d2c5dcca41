import { describe, expect, it } from 'vitest';
import { canonicalJson, fnv1a, stableId } from '../../../lambdas/core/util/hash';

describe('stableId', () => {
  it('formats a prefix and 8 hex digits', () => {
    // Prepare
    const parts = ['world-exposure', 'SG-EXPOSURE-ADMIN', 'sg-1', 'ingress', 'tcp', [{ from: 22, to: 22 }]];
    // Act
    const id = stableId('fnd', parts);
    // Assess
    expect(id).toMatch(/^fnd-[0-9a-f]{8}$/);
  });

  it('ignores object key order but not part order', () => {
    // Prepare
    const a = stableId('fnd', [{ from: 22, to: 22 }, 'x']);
    // Act
    const sameKeysOtherOrder = stableId('fnd', [{ to: 22, from: 22 }, 'x']);
    const otherOrder = stableId('fnd', ['x', { from: 22, to: 22 }]);
    // Assess
    expect(sameKeysOtherOrder).toBe(a);
    expect(otherOrder).not.toBe(a);
  });

  it('matches the published FNV-1a test vectors', () => {
    // Prepare
    const vectors: [string, string][] = [
      ['', '811c9dc5'],
      ['a', 'e40c292c'],
      ['foobar', 'bf9cf968'],
    ];
    // Act
    const hashes = vectors.map(([text]) => fnv1a(text));
    // Assess
    expect(hashes).toEqual(vectors.map(([, hash]) => hash));
  });

  it('serialises undefined object values away and undefined array items as null', () => {
    // Prepare
    const value = { b: undefined, a: [undefined, 1] };
    // Act
    const json = canonicalJson(value);
    // Assess
    expect(json).toBe('{"a":[null,1]}');
  });
});
