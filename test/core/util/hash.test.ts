import { describe, expect, it } from 'vitest';
import { canonicalJson, stableId } from '../../../lambdas/core/util/hash';
import { sha256Hex } from '../../../lambdas/core/util/sha256';

describe('stableId', () => {
  it('formats a prefix and 32 hex digits (128 bits)', () => {
    // Prepare
    const parts = ['world-exposure', 'SG-EXPOSURE-ADMIN', 'sg-1', 'ingress', 'tcp', [{ from: 22, to: 22 }]];
    // Act
    const id = stableId('fnd', parts);
    // Assess
    expect(id).toMatch(/^fnd-[0-9a-f]{32}$/);
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

  it('matches the published SHA-256 test vectors (FIPS 180-4 examples, multi-block, UTF-8)', () => {
    // Prepare
    const vectors: [string, string][] = [
      ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
      ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
      [
        'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
        '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
      ],
      ['a'.repeat(1000), '41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3'],
    ];
    // Act
    const hashes = vectors.map(([text]) => sha256Hex(text));
    // Assess
    expect(hashes).toEqual(vectors.map(([, hash]) => hash));
  });

  it('hashes the UTF-8 bytes of non-ASCII text', () => {
    // Act
    const hash = sha256Hex('é');
    // Assess (sha256 of the bytes c3 a9, as openssl and Node's crypto give it)
    expect(hash).toBe('4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c');
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
