import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, stableId } from '../../../lambdas/core/util/hash';
import { Sha256, sha256Hex } from '../../../lambdas/core/util/sha256';

// canonicalJson is written in pieces and stableId hashes the pieces as they come, without building the
// text. Ids key the decision store, so neither may change: both are compared with the first definitions.

/** canonicalJson as first defined (one string per level, built with map and join). */
function firstCanonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(firstCanonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${firstCanonicalJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  return JSON.stringify(value) ?? 'null';
}

const firstStableId = (prefix: string, parts: readonly unknown[]) =>
  `${prefix}-${sha256Hex(firstCanonicalJson(parts)).slice(0, 32)}`;

/** Any value an id may be built from: quotes, backslashes, control characters, lone surrogates, holes. */
const unitArb = fc.oneof(
  fc.constantFrom('"', '\\', '\n', '\u0001', '\u001f', '\ud83d', '\ude00', '\u{1f600}', '\u2028', 'é', '\u007f'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
const valueArb = fc.anything({
  stringUnit: unitArb,
  withBigInt: true,
  withBoxedValues: true,
  withNullPrototype: true,
  withSparseArray: true,
  maxDepth: 4,
});

describe('stableId and canonicalJson (property)', () => {
  it('write the same text and give the same ids as their first definitions, for any value', () => {
    fc.assert(
      fc.property(fc.array(valueArb, { maxLength: 4 }), (parts) => {
        // Act
        const json = canonicalJson(parts);
        const id = stableId('fnd', parts);

        // Assess
        expect(json).toBe(firstCanonicalJson(parts));
        expect(id).toBe(firstStableId('fnd', parts));
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same id to thousands of pair keys as hashing their whole canonical text', () => {
    // Prepare: a NACL replacement's finding hashes long lists of pair keys
    const keys = Array.from({ length: 3_000 }, (_, i) => `eni-${i.toString(16).padStart(17, '0')}>eni-${i}|10.0.${i % 256}.1`);
    const parts = ['dependency-broken', 'web-to-db', ['nacl-ingress'], keys];

    // Act
    const id = stableId('fnd', parts);

    // Assess
    expect(id).toBe(firstStableId('fnd', parts));
  });

  it('gives an id asked for while another is being written its own hasher', () => {
    // Prepare: a getter that asks for an id while the outer id is being hashed
    const inner = ['inner', 1];
    const lazy = Object.defineProperty({ a: 1 }, 'id', { enumerable: true, get: () => stableId('fnd', inner) });

    // Act
    const outer = stableId('fnd', [lazy, 'tail']);

    // Assess
    expect(outer).toBe(firstStableId('fnd', [{ a: 1, id: firstStableId('fnd', inner) }, 'tail']));
  });
});

describe('Sha256 (property)', () => {
  it('hashes text fed in any pieces as Node crypto hashes the UTF-8 bytes of the whole, split surrogate pairs included', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 90 }), { maxLength: 6 }), (pieces) => {
        // Prepare
        const hasher = new Sha256().update('left over from before').reset();

        // Act
        for (const piece of pieces) hasher.update(piece);
        const digest = hasher.hex();

        // Assess
        expect(digest).toBe(createHash('sha256').update(pieces.join(''), 'utf8').digest('hex'));
      }),
      { numRuns: 500 },
    );
  });

  it('joins a surrogate pair split between two pieces into one code point', () => {
    // Prepare: U+1F600 as its two halves, in separate pieces
    const [high, low] = ['\ud83d', '\ude00'];

    // Act
    const digest = new Sha256().update(`a${high}`).update(`${low}b`).hex();

    // Assess
    expect(digest).toBe(createHash('sha256').update('a\u{1f600}b', 'utf8').digest('hex'));
  });
});
