import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { INCIDENT, logFile, otherRecord } from '../core/replay/fixtures';
import { CONFIG, run, SNAPSHOT } from './run';

function history(name: string, doc: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'replay-cli-')), name);
  writeFileSync(path, name.endsWith('.gz') ? gzipSync(JSON.stringify(doc)) : JSON.stringify(doc));
  return path;
}

describe('sg-guardian replay', () => {
  it('reports what the guardrail would have done as JSON and exits 1 when there were violations', async () => {
    // Act
    const { code, out } = await run('replay', ...SNAPSHOT, ...CONFIG, '--events', 'examples/cloudtrail-log.json', '--json');

    // Assess
    expect(code).toBe(1);
    const report = JSON.parse(out);
    expect(report).toMatchObject({
      mode: 'dry-run',
      records: 8,
      verdicts: { violation: 7, 'not-applied': 1 },
      actions: { revert: 6, notify: 1 },
      violations: { total: 7 },
      reverts: { total: 6 },
      outages: { total: 4 },
    });
    expect(report.principals[0]).toMatchObject({ principal: expect.stringContaining('bob@example.com'), violations: 3 });
  });

  it('prints a text report and writes the HTML report with --html', async () => {
    // Prepare
    const html = join(mkdtempSync(join(tmpdir(), 'replay-html-')), 'report.html');

    // Act
    const { code, out } = await run('replay', ...SNAPSHOT, ...CONFIG, '--events', 'examples/cloudtrail-log.json', '--html', html);

    // Assess
    expect(code).toBe(1);
    expect(out).toContain('Violations: 7');
    expect(out).toContain('Dependency outages: 4');
    expect(readFileSync(html, 'utf8')).toMatch(/^<!doctype html>[\s\S]*<svg [\s\S]*<\/html>$/);
  });

  it('exits 0 for a history without violations or invalid input', async () => {
    // Prepare
    const path = history('quiet.json.gz', logFile([otherRecord('2026-11-20T01:00:00Z', 'o1'), INCIDENT.failedUnauthorized]));

    // Act
    const { code, out } = await run('replay', ...SNAPSHOT, ...CONFIG, '--events', path);

    // Assess
    expect(code).toBe(0);
    expect(out).toContain('verdicts:  ignored 1 · not-applied 1');
  });

  it('exits 2 when records are invalid, naming the file and JSON path, after replaying the rest', async () => {
    // Prepare
    const path = history('bad.json', logFile([otherRecord('2026-11-20T01:00:00Z', 'o1'), 'not a record']));

    // Act
    const { code, out } = await run('replay', ...SNAPSHOT, ...CONFIG, '--events', path, '--json');

    // Assess
    expect(code).toBe(2);
    expect(JSON.parse(out).invalid).toEqual({
      total: 1,
      items: [{ file: path, path: '$.Records[1]', reason: 'record is "not a record", expected an object' }],
    });
  });

  it('exits 2 for a folder with no CloudTrail file in it, instead of reporting 0 records', async () => {
    // Prepare
    const empty = mkdtempSync(join(tmpdir(), 'sg-guardian-empty-'));

    // Act
    const { code, err } = await run('replay', ...SNAPSHOT, ...CONFIG, '--events', empty);
    rmSync(empty, { recursive: true, force: true });

    // Assess
    expect(code).toBe(2);
    expect(err).toMatch(/no CloudTrail files \(\.json, \.json\.gz\) in .*sg-guardian-empty-/);
  });

  it('reports an unreadable file as such, counts it among the files, and exits 2', async () => {
    // Prepare
    const good = history('good.json', logFile([otherRecord('2026-11-20T01:00:00Z', 'o1')]));
    const broken = join(mkdtempSync(join(tmpdir(), 'replay-cli-')), 'broken.json.gz');
    writeFileSync(broken, 'this is not gzip');

    // Act
    const { code, out } = await run('replay', ...SNAPSHOT, ...CONFIG, '--events', good, broken);

    // Assess
    expect(code).toBe(2);
    expect(out).toMatch(/from 2 file\(s\) \(1 unreadable\)/);
    expect(out).toMatch(new RegExp(`Unreadable files: 1\\n  ${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
    expect(out).toMatch(/Invalid input: 0/);
  });

  it.each([
    ['an events path that does not exist', ['--events', '/nonexistent/trail'], /\/nonexistent\/trail: cannot read/],
    [
      'a window that is not a number',
      ['--events', 'examples/cloudtrail-log.json', '--window', 'soon'],
      /--window must be a whole number/,
    ],
  ])('exits 2 for %s', async (_, args, message) => {
    // Act
    const { code, err } = await run('replay', ...SNAPSHOT, ...CONFIG, ...args);

    // Assess
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });
});
