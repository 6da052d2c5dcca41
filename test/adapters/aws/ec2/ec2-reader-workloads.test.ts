import {
  DescribeInstancesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { Ec2AccountReader, Ec2ReadError } from '../../../../lambdas/adapters/aws/ec2/ec2-reader';
import { buildModel } from '../../../../lambdas/core/model/build-model';
import { mockedEc2, serveSmallSnapshot } from './ec2-fake-account';
import { ec2Error } from './snapshot-paged-account';

describe('Ec2AccountReader: instances and launch templates in a scope', () => {
  it('reads the instances a scope names through the instance-id filter', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    serveSmallSnapshot(ec2);
    const reader = new Ec2AccountReader(client);

    // Act
    const model = buildModel(await reader.read({ instanceIds: ['i-0app1', 'i-0gone'] }));

    // Assess
    const sent = ec2.commandCalls(DescribeInstancesCommand).map((c) => c.args[0].input);
    expect(sent).toEqual([{ Filters: [{ Name: 'instance-id', Values: ['i-0app1', 'i-0gone'] }], MaxResults: 1000 }]);
    expect(model.coverage).toMatchObject({ instances: true, launchTemplates: false });
    expect([...model.instances()].map((i) => i.instanceId)).toEqual(['i-0app1']);
    expect(model.instance('i-0app1')?.networkInterfaces).toEqual([{ eniId: 'eni-0app1', deviceIndex: 0 }]);
  });

  it('reads a template with only the versions asked, and the template alone for launchTemplateIds', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    serveSmallSnapshot(ec2);
    const reader = new Ec2AccountReader(client);

    // Act
    const model = buildModel(
      await reader.read({
        launchTemplateIds: ['lt-0app'],
        launchTemplateVersions: [{ launchTemplateId: 'lt-0web', versions: ['2', '$Default'] }],
      }),
    );

    // Assess
    const asked = ec2.commandCalls(DescribeLaunchTemplateVersionsCommand).map((c) => c.args[0].input);
    expect(asked.map((i) => [i.LaunchTemplateId, i.Versions])).toEqual([['lt-0web', ['2', '$Default']]]);
    expect(model.coverage.launchTemplates).toBe(true);
    expect([...model.launchTemplates()].map((t) => t.launchTemplateId).sort()).toEqual(['lt-0app', 'lt-0web']);
    expect(model.launchTemplateVersions('lt-0web').map((v) => v.versionNumber)).toEqual([1, 2]);
    expect(model.launchTemplateVersions('lt-0app')).toEqual([]);
    expect(reader.calls).toBe(3);
  });

  it('leaves out a template that no longer exists instead of failing the read', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    serveSmallSnapshot(ec2);
    const reader = new Ec2AccountReader(client);

    // Act
    const docs = await reader.readLaunchTemplateVersions([
      { launchTemplateId: 'lt-0gone' },
      { launchTemplateId: 'lt-0web', versions: ['1'] },
    ]);

    // Assess
    expect(docs.launchTemplates?.json).toMatchObject({ LaunchTemplates: [{ LaunchTemplateId: 'lt-0web' }] });
    expect(docs.launchTemplateVersions?.json).toMatchObject({
      LaunchTemplateVersions: [{ LaunchTemplateId: 'lt-0web', VersionNumber: 1, DefaultVersion: true }],
    });
    expect(ec2.commandCalls(DescribeLaunchTemplatesCommand)).toHaveLength(2);
  });

  it('still fails on any other EC2 error, naming the API', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    serveSmallSnapshot(ec2);
    ec2.on(DescribeLaunchTemplateVersionsCommand).rejects(ec2Error('UnauthorizedOperation', 'not authorized'));
    const reader = new Ec2AccountReader(client);

    // Act
    const error = await reader
      .readLaunchTemplateVersions([{ launchTemplateId: 'lt-0web' }])
      .catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(Ec2ReadError);
    expect((error as Error).message).toBe(
      'ec2:DescribeLaunchTemplateVersions failed: UnauthorizedOperation: not authorized',
    );
  });

  it('readInstances returns just the describe-instances document', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    serveSmallSnapshot(ec2);
    const reader = new Ec2AccountReader(client);

    // Act
    const file = await reader.readInstances(['i-0web1']);

    // Assess
    expect(file?.file).toBe('ec2:DescribeInstances');
    expect(file?.json).toMatchObject({ Reservations: [{ Instances: [{ InstanceId: 'i-0web1' }] }] });
    expect(reader.calls).toBe(1);
  });

  it('reads nothing of instances or templates when the scope names none', async () => {
    // Prepare
    const { client, ec2 } = mockedEc2();
    serveSmallSnapshot(ec2);
    const reader = new Ec2AccountReader(client);

    // Act
    const docs = await reader.read({ groupIds: ['sg-0web'] });

    // Assess
    expect(docs.instances).toBeUndefined();
    expect(docs.launchTemplates).toBeUndefined();
    expect(ec2.commandCalls(DescribeInstancesCommand)).toHaveLength(0);
    expect(ec2.commandCalls(DescribeLaunchTemplatesCommand)).toHaveLength(0);
  });
});
