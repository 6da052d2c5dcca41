import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeSecurityGroupRulesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadSnapshotModel } from '../../lambdas/adapters/files/snapshot-files';
import { ec2Error, servePagedSmallSnapshot } from '../adapters/aws/ec2/snapshot-paged-account';
import { run } from './run';

// Every EC2Client the command builds is mocked: nothing reaches AWS, but region and profile
// resolution are the SDK's own.
let ec2: AwsClientStub<EC2Client>;
const made: string[] = [];

async function scratchDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sg-guardian-snapshot-cli-'));
  made.push(dir);
  return dir;
}

beforeEach(() => {
  ec2 = mockClient(EC2Client);
  servePagedSmallSnapshot(ec2, 2);
  // No ambient AWS configuration leaks in from the machine running the tests.
  vi.stubEnv('AWS_REGION', undefined);
  vi.stubEnv('AWS_PROFILE', undefined);
  vi.stubEnv('AWS_CONFIG_FILE', join(tmpdir(), 'sg-guardian-no-aws-config'));
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(tmpdir(), 'sg-guardian-no-aws-credentials'));
});

afterEach(async () => {
  ec2.restore();
  vi.unstubAllEnvs();
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('sg-guardian snapshot', () => {
  it('writes a snapshot folder of the account that the other commands can load', async () => {
    // Prepare
    const out = join(await scratchDir(), 'prod');

    // Act
    const result = await run('snapshot', '--out', out, '--region', 'eu-west-1');

    // Assess
    expect(result.code).toBe(0);
    expect(result.out).toContain(`Snapshot of account 111122223333 in eu-west-1 written to ${out}`);
    expect(result.out).toContain('3 security groups, 7 rules, 3 ENIs, 2 network ACLs, 2 prefix lists');
    expect(result.out).toContain('3 instances, 2 launch templates (3 versions)');
    expect(result.err).toBe('');
    const model = await loadSnapshotModel(out);
    expect([...model.groups()].map((g) => g.groupId)).toEqual(['sg-0web', 'sg-0app', 'sg-0db']);
  });

  it('prints files, counts and calls with --json', async () => {
    // Prepare
    const out = await scratchDir();

    // Act
    const result = await run('snapshot', '--out', out, '--region', 'eu-west-1', '--json');

    // Assess
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.out);
    expect(summary).toMatchObject({
      dir: out,
      region: 'eu-west-1',
      account: '111122223333',
      counts: {
        securityGroups: 3,
        securityGroupRules: 7,
        networkInterfaces: 3,
        networkAcls: 2,
        instances: 3,
        launchTemplates: 2,
        launchTemplateVersions: 3,
      },
      calls: 15,
      apis: { DescribeSecurityGroupRules: { pages: 4, items: 7 } },
    });
    expect(summary.files).toContain('get-managed-prefix-list-entries/pl-0vpn.json');
    expect(summary.files).toContain('snapshot.json');
  });

  it('builds the EC2 client for --region and --profile', async () => {
    // Prepare
    const out = await scratchDir();

    // Act
    const result = await run('snapshot', '--out', out, '--region', 'ap-southeast-2', '--profile', 'audit');

    // Assess
    expect(result.code).toBe(0);
    const client = ec2.call(0).thisValue as EC2Client;
    expect(await client.config.region()).toBe('ap-southeast-2');
    expect(client.config.profile).toBe('audit');
  });

  it('takes the region from AWS_REGION when --region is not given', async () => {
    // Prepare
    vi.stubEnv('AWS_REGION', 'eu-central-1');

    // Act
    const result = await run('snapshot', '--out', await scratchDir(), '--json');

    // Assess
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out).region).toBe('eu-central-1');
  });

  it('exits 2 asking for a region when none is configured, without reading', async () => {
    // Prepare
    const out = await scratchDir();

    // Act
    const result = await run('snapshot', '--out', out);

    // Assess
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      'sg-guardian: no AWS region: pass --region, set AWS_REGION, or set region in the AWS profile',
    );
    expect(ec2.calls()).toHaveLength(0);
  });

  it('exits 2 naming the permission when EC2 denies a read, without a stack trace', async () => {
    // Prepare
    ec2.on(DescribeSecurityGroupRulesCommand).rejects(ec2Error('UnauthorizedOperation', 'not authorized'));
    const out = await scratchDir();

    // Act
    const result = await run('snapshot', '--out', out, '--region', 'eu-west-1');

    // Assess
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^sg-guardian: ec2:DescribeSecurityGroupRules was denied \(UnauthorizedOperation\)/);
    expect(result.err).toContain('grant the IAM permission ec2:DescribeSecurityGroupRules');
    expect(result.err).not.toContain('    at ');
    expect(await readdir(out)).toEqual([]);
  });

  it('exits 2 with a JSON error when --out holds files that are not a snapshot', async () => {
    // Prepare
    const out = await scratchDir();
    await writeFile(join(out, 'main.tf'), '');

    // Act
    const result = await run('snapshot', '--out', out, '--region', 'eu-west-1', '--json');

    // Assess
    expect(result.code).toBe(2);
    expect(JSON.parse(result.out).error.name).toBe('SnapshotFolderError');
    expect(ec2.calls()).toHaveLength(0);
  });

  it('exits 2 when --out is missing', async () => {
    // Act
    const result = await run('snapshot', '--region', 'eu-west-1');

    // Assess
    expect(result.code).toBe(2);
    expect(result.err).toContain("required option '--out <dir>' not specified");
  });
});
