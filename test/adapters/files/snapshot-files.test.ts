import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  loadSnapshotModel,
  readSnapshotFolder,
  writeSnapshotFolder,
} from '../../../lambdas/adapters/files/snapshot-files';
import { SnapshotError } from '../../../lambdas/core/model/snapshot-error';
import { SMALL_SNAPSHOT } from '../../core/model/fixture-docs';

const made: string[] = [];

/** A scratch copy of the small fixture snapshot. */
async function scratchCopy(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sg-guardian-snapshot-'));
  made.push(dir);
  await cp(SMALL_SNAPSHOT, dir, { recursive: true });
  return dir;
}

afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('snapshot folder adapter', () => {
  it('reads every file of a snapshot folder, prefix list entries by list id', async () => {
    // Prepare
    const dir = SMALL_SNAPSHOT;

    // Act
    const docs = await readSnapshotFolder(dir);

    // Assess
    expect(docs.securityGroups.file).toBe('describe-security-groups.json');
    expect(docs.securityGroupRules?.file).toBe('describe-security-group-rules.json');
    expect(docs.networkAcls?.file).toBe('describe-network-acls.json');
    expect(docs.prefixLists?.file).toBe('describe-managed-prefix-lists.json');
    expect(Object.keys(docs.prefixListEntries ?? {})).toEqual(['pl-0vpn']);
    expect(docs.prefixListEntries?.['pl-0vpn']?.file).toBe('get-managed-prefix-list-entries/pl-0vpn.json');
    expect(docs.instances?.file).toBe('describe-instances.json');
    expect(docs.launchTemplates?.file).toBe('describe-launch-templates.json');
    expect(docs.launchTemplateVersions?.file).toBe('describe-launch-template-versions.json');
  });

  it('ignores files it does not know: notes, snapshot.json, outputs of other commands', async () => {
    // Prepare
    const dir = await scratchCopy();
    await writeFile(join(dir, 'notes.txt'), 'taken before the migration');
    await writeFile(join(dir, 'snapshot.json'), '{"tool":"sg-guardian snapshot"}');
    await writeFile(join(dir, 'describe-vpcs.json'), 'not even JSON');

    // Act
    const docs = await readSnapshotFolder(dir);
    const model = await loadSnapshotModel(dir);

    // Assess
    expect(Object.values(docs).map((d: { file?: string }) => d.file).filter(Boolean).sort()).toEqual([
      'describe-instances.json',
      'describe-launch-template-versions.json',
      'describe-launch-templates.json',
      'describe-managed-prefix-lists.json',
      'describe-network-acls.json',
      'describe-network-interfaces.json',
      'describe-security-group-rules.json',
      'describe-security-groups.json',
    ]);
    expect(model.instance('i-0web1')?.state).toBe('running');
  });

  it('omits optional files that are absent', async () => {
    // Prepare
    const dir = await scratchCopy();
    await rm(join(dir, 'describe-network-acls.json'));
    await rm(join(dir, 'describe-security-group-rules.json'));
    await rm(join(dir, 'get-managed-prefix-list-entries'), { recursive: true });
    await rm(join(dir, 'describe-instances.json'));
    await rm(join(dir, 'describe-launch-templates.json'));
    await rm(join(dir, 'describe-launch-template-versions.json'));

    // Act
    const docs = await readSnapshotFolder(dir);
    const model = await loadSnapshotModel(dir);

    // Assess
    expect(Object.keys(docs).sort()).toEqual(['networkInterfaces', 'prefixLists', 'securityGroups']);
    expect(model.coverage).toMatchObject({ instances: false, launchTemplates: false });
  });

  it('names a missing required file', async () => {
    // Prepare
    const dir = await scratchCopy();
    await rm(join(dir, 'describe-network-interfaces.json'));

    // Act
    const reading = readSnapshotFolder(dir);

    // Assess
    await expect(reading).rejects.toThrow(SnapshotError);
    await expect(reading).rejects.toThrow(
      `describe-network-interfaces.json: required file missing in ${dir}`,
    );
  });

  it('names the file with a JSON syntax error', async () => {
    // Prepare
    const dir = await scratchCopy();
    await writeFile(join(dir, 'describe-network-acls.json'), '{ "NetworkAcls": [ ');

    // Act
    const reading = readSnapshotFolder(dir);

    // Assess
    await expect(reading).rejects.toThrow(/^describe-network-acls\.json: invalid JSON: /);
  });

  it('loads the model and writes it back as a folder that loads the same', async () => {
    // Prepare
    const model = await loadSnapshotModel(SMALL_SNAPSHOT);
    const out = await mkdtemp(join(tmpdir(), 'sg-guardian-out-'));
    made.push(out);

    // Act
    await writeSnapshotFolder(out, model);
    const again = await loadSnapshotModel(out);

    // Assess
    expect(again.coverage).toEqual({
      ruleIds: true,
      nacls: true,
      prefixLists: true,
      instances: true,
      launchTemplates: true,
    });
    expect([...again.groups()]).toEqual([...model.groups()]);
    expect([...again.instances()]).toEqual([...model.instances()]);
    expect([...again.launchTemplates()]).toEqual([...model.launchTemplates()]);
    expect(again.launchTemplateVersions('lt-0web')).toEqual(model.launchTemplateVersions('lt-0web'));
    expect([...again.enis()]).toEqual([...model.enis()]);
    expect([...again.nacls()]).toEqual([...model.nacls()]);
    expect(again.prefixList('pl-0vpn')).toEqual(model.prefixList('pl-0vpn'));
  });
});
