import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeInstancesCommand,
  DescribeNetworkAclsCommand,
  DescribeNetworkInterfacesCommand,
  GetManagedPrefixListEntriesCommand,
} from '@aws-sdk/client-ec2';
import { afterEach, describe, expect, it } from 'vitest';
import { AwsAccessError } from '../../../../lambdas/adapters/aws/aws-access-errors';
import { createProgressBar } from '../../../../lambdas/adapters/local/progress-bar';
import { captureSnapshot } from '../../../../lambdas/adapters/aws/ec2/snapshot-capture';
import { loadSnapshotModel } from '../../../../lambdas/adapters/files/snapshot-files';
import { SnapshotFolderError } from '../../../../lambdas/adapters/files/snapshot-writer';
import { fixedClock } from '../../../../lambdas/adapters/local/system-clock';
import { serializeSnapshot } from '../../../../lambdas/core/model/serialize';
import { SMALL_SNAPSHOT } from '../../../core/model/fixture-docs';
import { mockedEc2 } from './ec2-fake-account';
import { ec2Error, servePagedSmallSnapshot } from './snapshot-paged-account';

const made: string[] = [];

async function scratchDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sg-guardian-capture-'));
  made.push(dir);
  return dir;
}

const readJson = async (dir: string, file: string) => JSON.parse(await readFile(join(dir, file), 'utf8'));

afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('captureSnapshot: reading the account', () => {
  it('follows NextToken on every API and writes each answer whole, as the AWS CLI prints it', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    servePagedSmallSnapshot(ec2, 1);
    const out = join(await scratchDir(), 'snap');

    // Act
    const summary = await captureSnapshot(client, { dir: out });

    // Assess
    expect(summary.apis).toEqual({
      DescribeInstances: { pages: 2, items: 3 },
      DescribeLaunchTemplateVersions: { pages: 3, items: 3 },
      DescribeLaunchTemplates: { pages: 2, items: 2 },
      DescribeManagedPrefixLists: { pages: 2, items: 2 },
      DescribeNetworkAcls: { pages: 2, items: 2 },
      DescribeNetworkInterfaces: { pages: 3, items: 3 },
      DescribeSecurityGroupRules: { pages: 7, items: 7 },
      DescribeSecurityGroups: { pages: 3, items: 3 },
      GetManagedPrefixListEntries: { pages: 2, items: 2 },
    });
    expect(summary.calls).toBe(26);
    expect(ec2.calls()).toHaveLength(26);
    for (const file of [
      'describe-security-groups.json',
      'describe-security-group-rules.json',
      'describe-network-interfaces.json',
      'describe-network-acls.json',
      'get-managed-prefix-list-entries/pl-0vpn.json',
      'describe-instances.json',
      'describe-launch-templates.json',
    ])
      expect(await readJson(out, file)).toEqual(await readJson(SMALL_SNAPSHOT, file));
    const versions = await readJson(out, 'describe-launch-template-versions.json');
    expect(versions).toEqual(await readJson(SMALL_SNAPSHOT, 'describe-launch-template-versions.json'));
    const text = await readFile(join(out, 'describe-security-groups.json'), 'utf8');
    expect(text.startsWith('{\n    "SecurityGroups": [\n        {\n')).toBe(true);
  });

  it('reads and writes the entries of customer-managed prefix lists only, one file per list', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    servePagedSmallSnapshot(ec2, 100);
    const out = await scratchDir();

    // Act
    const summary = await captureSnapshot(client, { dir: out });

    // Assess
    const asked = ec2
      .commandCalls(GetManagedPrefixListEntriesCommand)
      .map((c) => c.args[0].input.PrefixListId);
    expect(asked).toEqual(['pl-0vpn']);
    expect(await readdir(join(out, 'get-managed-prefix-list-entries'))).toEqual(['pl-0vpn.json']);
    expect((await readJson(out, 'describe-managed-prefix-lists.json')).PrefixLists).toHaveLength(2);
    expect(summary.counts).toEqual({
      securityGroups: 3,
      securityGroupRules: 7,
      networkInterfaces: 3,
      networkAcls: 2,
      prefixLists: 2,
      prefixListEntries: 1,
      instances: 3,
      launchTemplates: 2,
      launchTemplateVersions: 3,
    });
  });

  it('writes a folder that loads back into the same model as the account it read', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    servePagedSmallSnapshot(ec2, 2);
    const out = await scratchDir();

    // Act
    await captureSnapshot(client, { dir: out });

    // Assess
    const captured = serializeSnapshot(await loadSnapshotModel(out));
    expect(captured).toEqual(serializeSnapshot(await loadSnapshotModel(SMALL_SNAPSHOT)));
  });

  it('records region, account, time and counts in snapshot.json', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    servePagedSmallSnapshot(ec2, 100);
    const out = await scratchDir();

    // Act
    const summary = await captureSnapshot(client, { dir: out, clock: fixedClock('2025-03-01T12:00:00Z') });

    // Assess
    expect(await readJson(out, 'snapshot.json')).toEqual({
      tool: 'sg-guardian snapshot',
      region: 'eu-west-1',
      account: '111122223333',
      capturedAt: '2025-03-01T12:00:00.000Z',
      counts: summary.counts,
      calls: 10,
    });
    expect(summary.files).toEqual([
      'get-managed-prefix-list-entries/pl-0vpn.json',
      'describe-security-groups.json',
      'describe-network-interfaces.json',
      'describe-security-group-rules.json',
      'describe-network-acls.json',
      'describe-managed-prefix-lists.json',
      'describe-instances.json',
      'describe-launch-templates.json',
      'describe-launch-template-versions.json',
      'snapshot.json',
    ]);
  });

  it('prints timestamps the way the AWS CLI does', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    servePagedSmallSnapshot(ec2, 100);
    ec2.on(DescribeNetworkInterfacesCommand).resolves({
      NetworkInterfaces: [
        { NetworkInterfaceId: 'eni-1', Attachment: { AttachTime: new Date('2024-05-01T10:00:00Z') } },
        { NetworkInterfaceId: 'eni-2', Attachment: { AttachTime: new Date('2024-05-01T10:00:00.25Z') } },
      ],
    });
    const out = await scratchDir();

    // Act
    await captureSnapshot(client, { dir: out });

    // Assess
    const enis = (await readJson(out, 'describe-network-interfaces.json')).NetworkInterfaces;
    expect(enis.map((e: { Attachment: { AttachTime: string } }) => e.Attachment.AttachTime)).toEqual([
      '2024-05-01T10:00:00+00:00',
      '2024-05-01T10:00:00.250000+00:00',
    ]);
  });

  it('ticks the progress bar once per page with pages and items per API', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    servePagedSmallSnapshot(ec2, 1);
    const written: string[] = [];
    const progress = createProgressBar(
      { isTTY: true, columns: 200, write: (t: string) => written.push(t) },
      { intervalMs: 0 },
    );

    // Act
    await captureSnapshot(client, { dir: await scratchDir(), progress });

    // Assess
    const final = written.at(-2) ?? '';
    expect(written.at(-1)).toBe('\n');
    expect(final).toContain(' 26 ');
    for (const part of [
      'groups 3 (3p)',
      'rules 7 (7p)',
      'ENIs 3 (3p)',
      'NACLs 2 (2p)',
      'entries 2 (2p)',
      'instances 3 (2p)',
      'launch templates 2 (2p)',
      'versions 3 (3p)',
    ])
      expect(final).toContain(part);
  });
});

describe('captureSnapshot: the output folder', () => {
  it('refreshes an earlier snapshot in place, removing entries of prefix lists that are gone', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    servePagedSmallSnapshot(ec2, 100);
    const out = await scratchDir();
    await captureSnapshot(client, { dir: out });
    await writeFile(join(out, 'get-managed-prefix-list-entries', 'pl-0gone.json'), '{"Entries":[]}');

    // Act
    await captureSnapshot(client, { dir: out });

    // Assess
    expect(await readdir(join(out, 'get-managed-prefix-list-entries'))).toEqual(['pl-0vpn.json']);
    expect((await readdir(out)).sort()).toEqual([
      'describe-instances.json',
      'describe-launch-template-versions.json',
      'describe-launch-templates.json',
      'describe-managed-prefix-lists.json',
      'describe-network-acls.json',
      'describe-network-interfaces.json',
      'describe-security-group-rules.json',
      'describe-security-groups.json',
      'get-managed-prefix-list-entries',
      'snapshot.json',
    ]);
  });

  it('refuses a folder holding other files, before reading anything', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    servePagedSmallSnapshot(ec2);
    const out = await scratchDir();
    await writeFile(join(out, 'notes.txt'), 'mine');
    await mkdir(join(out, 'src'));

    // Act
    const error = await captureSnapshot(client, { dir: out }).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(SnapshotFolderError);
    expect((error as Error).message).toMatch(/not empty and not a snapshot folder \(found notes\.txt, src\)/);
    expect(ec2.calls()).toHaveLength(0);
    expect((await readdir(out)).sort()).toEqual(['notes.txt', 'src']);
  });

  it('refuses a path that is a file', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    servePagedSmallSnapshot(ec2);
    const file = join(await scratchDir(), 'snap');
    await writeFile(file, 'x');

    // Act
    const error = await captureSnapshot(client, { dir: file }).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(SnapshotFolderError);
    expect((error as Error).message).toBe(`${file}: exists and is not a folder`);
  });
});

describe('captureSnapshot: AWS failures', () => {
  it('names the denied API and the permission it needs, and creates nothing', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    servePagedSmallSnapshot(ec2);
    const denied = ec2Error(
      'UnauthorizedOperation',
      'You are not authorized to perform this operation. User: arn:aws:iam::111122223333:user/ci is not ' +
        'authorized to perform: ec2:DescribeNetworkAcls',
    );
    ec2.on(DescribeNetworkAclsCommand).rejects(denied);
    const parent = await scratchDir();
    const out = join(parent, 'new-snapshot');

    // Act
    const error = await captureSnapshot(client, { dir: out, profile: 'audit' }).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(AwsAccessError);
    const message = (error as Error).message;
    expect(message).toMatch(/^ec2:DescribeNetworkAcls was denied \(UnauthorizedOperation\): /);
    expect(message).toContain('grant the IAM permission ec2:DescribeNetworkAcls to the caller (profile "audit").');
    expect(message).toContain('It needs: ec2:DescribeSecurityGroups, ec2:DescribeSecurityGroupRules,');
    expect(message).toContain('AWS said: You are not authorized to perform this operation.');
    expect((error as Error).cause).toBe(denied);
    expect(await readdir(parent)).toEqual([]);
  });

  it('explains missing credentials instead of the SDK provider chain error', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    servePagedSmallSnapshot(ec2);
    const missing = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    });
    ec2.on(GetManagedPrefixListEntriesCommand).rejects(missing);

    // Act
    const error = await captureSnapshot(client, { dir: await scratchDir() }).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(AwsAccessError);
    expect((error as Error).message).toMatch(/^no AWS credentials found: pass --profile, set AWS_PROFILE/);
  });

  it('names ec2:DescribeInstances when the caller may not read instances, and writes nothing', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    servePagedSmallSnapshot(ec2);
    ec2.on(DescribeInstancesCommand).rejects(ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.'));
    const parent = await scratchDir();
    const out = join(parent, 'snap');

    // Act
    const error = await captureSnapshot(client, { dir: out }).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(AwsAccessError);
    expect((error as Error).message).toMatch(/^ec2:DescribeInstances was denied \(UnauthorizedOperation\): /);
    expect((error as Error).message).toContain('ec2:DescribeLaunchTemplates, ec2:DescribeLaunchTemplateVersions');
    expect(await readdir(parent)).toEqual([]);
  });
});
