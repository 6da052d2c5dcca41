import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../lambdas/core/util/sha256';

describe('sha256Hex (property)', () => {
  it('gives Node crypto’s digest of the UTF-8 bytes for any text, one block or many', () => {
    // Prepare: any code points (ASCII, accents, astral), up to several 64-byte blocks
    const texts = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }));

    // Act + Assess
    fc.assert(
      fc.property(texts, (text) => {
        expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      }),
      { numRuns: 500 },
    );
  });

  it('does not carry state from one digest to the next', () => {
    // Prepare
    const long = 'x'.repeat(1000);

    // Act
    const first = sha256Hex('abc');
    sha256Hex(long);
    const again = sha256Hex('abc');

    // Assess
    expect(again).toBe(first);
    expect(first).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
