import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deliveryTimeOf, filesOfDay, planHistory } from '../../../lambdas/adapters/files/cloudtrail-tree';

function tree(files: readonly string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'cloudtrail-tree-'));
  for (const file of files) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), '{"Records":[]}');
  }
  return root;
}

const logName = (account: string, region: string, stamp: string) => {
  const day = `${stamp.slice(0, 4)}/${stamp.slice(4, 6)}/${stamp.slice(6, 8)}`;
  const name = `${account}_CloudTrail_${region}_${stamp}_AbCd${stamp.slice(9, 13)}.json.gz`;
  return `AWSLogs/${account}/CloudTrail/${region}/${day}/${name}`;
};

describe('planHistory', () => {
  it('reads the time CloudTrail delivered a log file from its name', () => {
    // Act
    const ms = deliveryTimeOf('123456789012_CloudTrail_eu-west-1_20261120T0355Z_9fJq2.json.gz');

    // Assess
    expect(new Date(ms!).toISOString()).toBe('2026-11-20T03:55:00.000Z');
    expect(deliveryTimeOf('lookup-events.json')).toBeUndefined();
  });

  it('interleaves the log files of every account and region day by day, in delivery order, without digests or insights', async () => {
    // Prepare
    const root = tree([
      logName('111111111111', 'us-east-1', '20261121T0005Z'),
      logName('111111111111', 'eu-west-1', '20261120T2355Z'),
      logName('222222222222', 'eu-west-1', '20261120T0300Z'),
      logName('111111111111', 'eu-west-1', '20261120T0305Z'),
      'AWSLogs/111111111111/CloudTrail-Digest/eu-west-1/2026/11/20/' +
        '111111111111_CloudTrail-Digest_eu-west-1_trail_eu-west-1_20261120T0300Z.json.gz',
      'AWSLogs/111111111111/CloudTrail-Insight/eu-west-1/2026/11/20/' +
        '111111111111_CloudTrail-Insight_eu-west-1_20261120T0300Z_Ab12.json.gz',
      'exports/lookup-events.json',
      'exports/notes.txt',
    ]);

    // Act
    const plan = await planHistory([root]);
    const stamps = async (d: (typeof plan.days)[number]) =>
      (await filesOfDay(d)).map((f) => relative(root, f.path).split('_')[3]);
    const days = await Promise.all(plan.days.map(async (d) => [d.day, await stamps(d)]));

    // Assess
    expect(plan.unordered.map((f) => relative(root, f.path))).toEqual(['exports/lookup-events.json']);
    expect(days).toEqual([
      ['2026-11-20', ['20261120T0300Z', '20261120T0305Z', '20261120T2355Z']],
      ['2026-11-21', ['20261121T0005Z']],
    ]);
  });

  it('accepts single files as well as folders', async () => {
    // Prepare
    const root = tree([logName('111111111111', 'eu-west-1', '20261120T0300Z'), 'lake.json']);
    const log = join(root, logName('111111111111', 'eu-west-1', '20261120T0300Z'));

    // Act
    const plan = await planHistory([log, join(root, 'lake.json')]);

    // Assess
    expect(plan.unordered.map((f) => f.path)).toEqual([join(root, 'lake.json')]);
    expect(plan.days.map((d) => [d.day, d.files.map((f) => f.path)])).toEqual([['2026-11-20', [log]]]);
  });

  it('fails with the path when an input does not exist', async () => {
    // Act
    const plan = planHistory(['/nonexistent/history']);

    // Assess
    await expect(plan).rejects.toMatchObject({ name: 'InputFileError', message: expect.stringContaining('/nonexistent/history') });
  });
});
