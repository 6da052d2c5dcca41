import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleHandler, isOwnSource } from '../../../lib/bundling/handler-bundle';
import {
  decodeSegment,
  encodeSegment,
  coarsenMappings,
  type SourceMapV3,
} from '../../../lib/bundling/source-map-filter';

const PROBE = 'test/lib/bundling/ec2-probe.ts';

describe('VLQ segments', () => {
  it.each([
    { text: 'AAAA', values: [0, 0, 0, 0] },
    { text: 'AAgBC', values: [0, 0, 16, 1] },
    { text: 'D', values: [-1] },
    { text: 'kBAAnC', values: [18, 0, 0, -35] },
    { text: '//////B', values: [-1_073_741_823] },
  ])('reads and writes $text as $values', ({ text, values }) => {
    // Act
    const decoded = decodeSegment(text);
    const encoded = encodeSegment(values);

    // Assess
    expect(decoded).toEqual(values);
    expect(encoded).toBe(text);
  });
});

describe('coarsenMappings', () => {
  it('keeps our mappings exactly and maps each dependency run to its file start, line by line', () => {
    // Prepare: line 0 maps into lib.js (4:2, 5:3), then main.ts (8:5); line 1 goes back into lib.js (6:3)
    const map: SourceMapV3 = {
      version: 3,
      sources: ['node_modules/lib.js', 'main.ts'],
      names: ['a', 'b'],
      mappings: [
        [encodeSegment([0, 0, 4, 2, 0]), encodeSegment([3, 0, 1, 1]), encodeSegment([2, 1, 3, 2, 1])].join(','),
        encodeSegment([0, -1, 1, 0]),
      ].join(';'),
    };

    // Act
    const coarse = coarsenMappings(map, isOwnSource);

    // Assess: two mappings on line 0 (one lib.js run, main.ts), one on line 1
    expect(coarse.mappings.split(';').map((l) => l.split(',').length)).toEqual([2, 1]);
    expect(coarse.names).toEqual(['b']);
    const lookup = new SourceMap(coarse as never);
    const lib = { originalSource: expect.stringContaining('lib.js'), originalLine: 0, originalColumn: 0 };
    expect(lookup.findEntry(0, 4)).toMatchObject(lib);
    expect(lookup.findEntry(0, 7)).toMatchObject({ originalSource: expect.stringContaining('main.ts'), originalLine: 8, originalColumn: 5, name: 'b' });
    expect(lookup.findEntry(1, 3)).toMatchObject(lib);
  });
});

describe('bundleHandler source map', () => {
  let full: string;
  let trimmed: string;
  beforeAll(async () => {
    full = mkdtempSync(join(tmpdir(), 'sg-guardian-map-full-'));
    trimmed = mkdtempSync(join(tmpdir(), 'sg-guardian-map-trimmed-'));
    await bundleHandler(PROBE, full, { fullSourceMap: true });
    await bundleHandler(PROBE, trimmed);
  });
  afterAll(() => {
    for (const dir of [full, trimmed]) rmSync(dir, { recursive: true, force: true });
  });

  it('maps every position of our code as the full map does, and each SDK position to its file', () => {
    // Prepare: every generated position the full map names, decoded with Node's own parser
    const read = (dir: string) => JSON.parse(readFileSync(join(dir, 'index.mjs.map'), 'utf8')) as SourceMapV3;
    const fullMap = read(full);
    const trimmedMap = read(trimmed);
    const positions = fullMap.mappings.split(';').flatMap((line, l) => {
      let column = 0;
      return (line ? line.split(',') : []).map((s) => [l, (column += decodeSegment(s)[0] ?? 0)] as const);
    });
    const before = new SourceMap(fullMap as never);
    const after = new SourceMap(trimmedMap as never);

    // Act
    const compared = positions.map(([l, c]) => ({ full: before.findEntry(l, c), trimmed: after.findEntry(l, c) }));

    // Assess: same bundle; the map shrank; own positions identical, dependency positions to their file's start
    expect(readFileSync(join(trimmed, 'index.mjs'), 'utf8')).toBe(readFileSync(join(full, 'index.mjs'), 'utf8'));
    expect(trimmedMap.mappings.length).toBeLessThan(fullMap.mappings.length / 2);
    const own = compared.filter((c) => isOwnSource((c.full as { originalSource?: string }).originalSource ?? ''));
    const theirs = compared.filter((c) => !own.includes(c));
    expect(own.length).toBeGreaterThan(10);
    expect(theirs.length).toBeGreaterThan(own.length);
    for (const c of own) expect(c.trimmed).toEqual(c.full);
    for (const c of theirs)
      expect(c.trimmed).toMatchObject({ originalSource: (c.full as { originalSource?: string }).originalSource, originalLine: 0, originalColumn: 0 });
  });
});
