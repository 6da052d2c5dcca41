import { describe, expect, it } from 'vitest';
import { JsonElementScanner, JsonScanError } from '../../../lambdas/adapters/files/json-element-scanner';

const KEYS = new Set(['Records', 'Events', 'QueryResultRows']);

/** Feeds `text` in chunks of `size` characters; returns what was found. */
function scan(text: string, size: number) {
  const found: [string, number, unknown][] = [];
  const scanner = new JsonElementScanner(KEYS, (container, index, element) =>
    found.push([container, index, JSON.parse(element)]),
  );
  for (let i = 0; i < text.length; i += size) scanner.write(text.slice(i, i + size));
  scanner.end();
  return { found, scanner };
}

describe('JsonElementScanner', () => {
  const doc = {
    NextToken: 'a "quoted" \\ token with [brackets] and {braces}, commas',
    Records: [{ eventName: 'A', nested: { list: [1, 2, { s: '}]"' }] } }, { eventName: 'B\\"' }, 7, 'text', null],
    Other: [{ ignored: true }],
    Events: [],
  };
  const text = JSON.stringify(doc, null, 2);

  it.each([1, 2, 3, 7, 64, text.length])('hands over each element of the wanted arrays, whatever the chunk size (%i)', (size) => {
    // Act
    const { found, scanner } = scan(text, size);

    // Assess
    expect(found).toEqual(doc.Records.map((r, i) => ['Records', i, r]));
    expect(scanner.found).toBe(true);
  });

  it('splits a root array into its documents', () => {
    // Act
    const { found } = scan(' [ {"Records":[{"a":1}]} , {"detail":{}} ] ', 5);

    // Assess
    expect(found).toEqual([
      ['', 0, { Records: [{ a: 1 }] }],
      ['', 1, { detail: {} }],
    ]);
  });

  it('reports a document without a wanted array as not found', () => {
    // Act
    const { found, scanner } = scan('{"detail":{"Records":[1,2]}}', 4);

    // Assess
    expect(found).toEqual([]);
    expect(scanner.found).toBe(false);
  });

  it('fails at the end of a truncated document, after handing over the complete elements', () => {
    // Prepare
    const found: number[] = [];
    const scanner = new JsonElementScanner(KEYS, (_, index) => found.push(index));

    // Act
    scanner.write('{"Records":[{"a":1},{"b":2},{"c":');
    const end = () => scanner.end();

    // Assess
    expect(end).toThrow(JsonScanError);
    expect(found).toEqual([0, 1]);
  });
});
