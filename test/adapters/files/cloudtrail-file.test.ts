import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type CloudTrailSink, readCloudTrailFile } from '../../../lambdas/adapters/files/cloudtrail-file';

function recorder() {
  const seen: unknown[] = [];
  const sink: CloudTrailSink = {
    document: (doc, file) => seen.push(['document', file, doc]),
    entry: (container, index, value) => seen.push(['entry', container, index, value]),
    unparsable: (_, path, reason) => seen.push(['unparsable', path, reason]),
    unreadable: (_, reason) => seen.push(['unreadable', reason]),
  };
  return { seen, sink };
}

const dir = mkdtempSync(join(tmpdir(), 'cloudtrail-file-'));
const doc = { Records: [{ eventName: 'A' }, { eventName: 'B' }] };
const write = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const WHOLE = { streamAboveBytes: 1 << 20 };
const STREAM = { streamAboveBytes: 0 };

describe('readCloudTrailFile', () => {
  it.each([
    ['plain JSON', 'log.json', JSON.stringify(doc)],
    ['gzipped JSON', 'log.json.gz', gzipSync(JSON.stringify(doc))],
    ['gzipped JSON whatever its name', 'log.json', gzipSync(JSON.stringify(doc))],
  ])('reads %s whole into one document', async (_, name, content) => {
    // Prepare
    const path = write(name, content);
    const { seen, sink } = recorder();

    // Act
    const ok = await readCloudTrailFile(path, 10, sink, WHOLE);

    // Assess
    expect(ok).toBe(true);
    expect(seen).toEqual([['document', path, doc]]);
  });

  it.each([
    ['plain', 'big.json', JSON.stringify(doc)],
    ['gzipped', 'big.json.gz', gzipSync(JSON.stringify(doc))],
  ])('streams a large %s file element by element', async (_, name, content) => {
    // Prepare
    const path = write(name, content);
    const { seen, sink } = recorder();

    // Act
    const ok = await readCloudTrailFile(path, 10, sink, STREAM);

    // Assess
    expect(ok).toBe(true);
    expect(seen).toEqual([
      ['entry', 'Records', 0, { eventName: 'A' }],
      ['entry', 'Records', 1, { eventName: 'B' }],
    ]);
  });

  it('reports a streamed element that is not JSON and goes on', async () => {
    // Prepare
    const path = write('bad-element.json', '{"Events":[{"a":1},{oops},{"b":2}]}');
    const { seen, sink } = recorder();

    // Act
    await readCloudTrailFile(path, 10, sink, STREAM);

    // Assess
    expect(seen).toEqual([
      ['entry', 'Events', 0, { a: 1 }],
      ['unparsable', '$.Events[1]', expect.stringMatching(/^not valid JSON/)],
      ['entry', 'Events', 2, { b: 2 }],
    ]);
  });

  it.each([
    ['not JSON', 'bad.json', '{"Records": [', WHOLE, /^not valid JSON/],
    ['a corrupt gzip', 'bad.json.gz', Buffer.from([0x1f, 0x8b, 1, 2, 3]), WHOLE, /^cannot read/],
    ['truncated (streamed)', 'cut.json', '{"Records": [{"a": 1}', STREAM, /^cannot read to the end: unexpected end/],
    ['without events (streamed)', 'none.json', '{"detail": {}}', STREAM, /no Records, Events or QueryResultRows/],
  ])('reports a file that is %s as unreadable', async (_, name, content, options, reason) => {
    // Prepare
    const path = write(name, content);
    const { seen, sink } = recorder();

    // Act
    const ok = await readCloudTrailFile(path, 10, sink, options);

    // Assess
    expect(ok).toBe(false);
    expect(seen).toContainEqual(['unreadable', expect.stringMatching(reason)]);
  });
});
