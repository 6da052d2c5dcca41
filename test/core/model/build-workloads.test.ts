import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../lambdas/core/model/build-model';
import { SnapshotError } from '../../../lambdas/core/model/snapshot-error';
import { at, smallSnapshotDocs } from './fixture-docs';

function errorOf(run: () => unknown): SnapshotError {
  try {
    run();
  } catch (error) {
    if (error instanceof SnapshotError) return error;
    throw error;
  }
  throw new Error('expected a SnapshotError');
}

describe('buildModel: instances from describe-instances.json', () => {
  it('reads every reservation: state, tags, launch template and ENIs by device index', () => {
    // Prepare
    const docs = smallSnapshotDocs();

    // Act
    const model = buildModel(docs);

    // Assess
    expect(model.coverage.instances).toBe(true);
    expect([...model.instances()].map((i) => i.instanceId)).toEqual(['i-0web1', 'i-0old1', 'i-0app1']);
    expect(model.instance('i-0web1')).toEqual({
      instanceId: 'i-0web1',
      state: 'running',
      tags: {
        Name: 'web-1',
        Role: 'web',
        'aws:ec2launchtemplate:id': 'lt-0web',
        'aws:ec2launchtemplate:version': '1',
      },
      vpcId: 'vpc-0main',
      subnetId: 'subnet-0pub',
      launchTemplate: { launchTemplateId: 'lt-0web', version: '1' },
      networkInterfaces: [{ eniId: 'eni-0web1', deviceIndex: 0 }],
    });
    expect(model.instance('i-0old1')).toMatchObject({ state: 'terminated', networkInterfaces: [] });
    expect(model.instancesByTags({ Role: 'web' }).map((i) => i.instanceId)).toEqual(['i-0web1', 'i-0old1']);
  });

  it('sorts an instance ENIs by device index whatever order EC2 lists them in', () => {
    // Prepare
    const docs = smallSnapshotDocs();
    const web = at(docs.instances.json, 'Reservations', 0, 'Instances', 0);
    web.NetworkInterfaces.unshift({
      NetworkInterfaceId: 'eni-0web1b',
      Attachment: { AttachmentId: 'eni-attach-9', DeviceIndex: 1, NetworkCardIndex: 0 },
      Groups: [{ GroupId: 'sg-0db', GroupName: 'db' }],
    });

    // Act
    const instance = buildModel(docs).instance('i-0web1');

    // Assess
    expect(instance?.networkInterfaces).toEqual([
      { eniId: 'eni-0web1', deviceIndex: 0 },
      { eniId: 'eni-0web1b', deviceIndex: 1 },
    ]);
  });

  it('is not covered, and has no instances, without describe-instances.json', () => {
    // Prepare
    const { instances: _, ...docs } = smallSnapshotDocs();

    // Act
    const model = buildModel(docs);

    // Assess
    expect(model.coverage.instances).toBe(false);
    expect(model.instance('i-0web1')).toBeUndefined();
    expect(model.instancesByTags({ Role: 'web' })).toEqual([]);
  });

  it('names the file and path of a state of the wrong type', () => {
    // Prepare
    const docs = smallSnapshotDocs();
    at(docs.instances.json, 'Reservations', 1, 'Instances', 0).State.Name = 16;

    // Act
    const error = errorOf(() => buildModel(docs));

    // Assess
    expect(error.message).toBe(
      'describe-instances.json: Reservations[1].Instances[0].State.Name: expected string, received number',
    );
  });

  it('names an attached ENI without its device index', () => {
    // Prepare
    const docs = smallSnapshotDocs();
    delete at(docs.instances.json, 'Reservations', 0, 'Instances', 0, 'NetworkInterfaces', 0, 'Attachment')
      .DeviceIndex;

    // Act
    const error = errorOf(() => buildModel(docs));

    // Assess
    expect(error.message).toBe(
      'describe-instances.json: Reservations[0].Instances[0].NetworkInterfaces[0].Attachment.DeviceIndex: ' +
        'missing (expected number)',
    );
  });

  it('refuses an instance listed twice', () => {
    // Prepare
    const docs = smallSnapshotDocs();
    at(docs.instances.json, 'Reservations', 1, 'Instances', 0).InstanceId = 'i-0web1';

    // Act
    const error = errorOf(() => buildModel(docs));

    // Assess
    expect(error.message).toBe('describe-instances.json: Reservations[1].Instances[0].InstanceId: duplicate i-0web1');
  });
});

describe('buildModel: launch templates and their versions', () => {
  it('reads templates with default and latest version numbers', () => {
    // Prepare
    const docs = smallSnapshotDocs();

    // Act
    const model = buildModel(docs);

    // Assess
    expect(model.coverage.launchTemplates).toBe(true);
    expect([...model.launchTemplates()]).toEqual([
      {
        launchTemplateId: 'lt-0web',
        launchTemplateName: 'web',
        defaultVersionNumber: 1,
        latestVersionNumber: 2,
        tags: { tier: 'web' },
      },
      { launchTemplateId: 'lt-0app', launchTemplateName: 'app', defaultVersionNumber: 1, latestVersionNumber: 1, tags: {} },
    ]);
  });

  it('reads a version: interfaces with their group ids, instance tags only, the default flag', () => {
    // Prepare
    const docs = smallSnapshotDocs();

    // Act
    const model = buildModel(docs);

    // Assess
    expect(model.launchTemplateVersion('lt-0web', 2)).toEqual({
      launchTemplateId: 'lt-0web',
      launchTemplateName: 'web',
      versionNumber: 2,
      isDefault: false,
      groupIds: [],
      networkInterfaces: [
        { deviceIndex: 0, groupIds: ['sg-0web'] },
        { deviceIndex: 1, groupIds: ['sg-0db'], subnetId: 'subnet-0priv', networkCardIndex: 0 },
      ],
      instanceTags: { Role: 'web', Name: 'web' },
    });
    expect(model.launchTemplateVersion('lt-0web', 1)?.isDefault).toBe(true);
    expect(model.launchTemplateVersions('lt-0web').map((v) => v.versionNumber)).toEqual([1, 2]);
  });

  it('takes top-level SecurityGroupIds, and SecurityGroups names, as the version groups', () => {
    // Prepare
    const docs = smallSnapshotDocs();
    at(docs.launchTemplateVersions.json, 'LaunchTemplateVersions', 2, 'LaunchTemplateData').SecurityGroups = [
      'default',
    ];

    // Act
    const version = buildModel(docs).launchTemplateVersion('lt-0app', 1);

    // Assess
    expect(version).toMatchObject({
      groupIds: ['sg-0app'],
      groupNames: ['default'],
      networkInterfaces: [],
      instanceTags: {},
      isDefault: true,
    });
  });

  it('rejects a Groups entry that is an object, as describe-instances writes it, naming the path', () => {
    // Prepare
    const docs = smallSnapshotDocs();
    at(docs.launchTemplateVersions.json, 'LaunchTemplateVersions', 0, 'LaunchTemplateData', 'NetworkInterfaces', 1)
      .Groups = [{ GroupId: 'sg-0db' }];

    // Act
    const error = errorOf(() => buildModel(docs));

    // Assess
    expect(error.message).toBe(
      'describe-launch-template-versions.json: ' +
        'LaunchTemplateVersions[0].LaunchTemplateData.NetworkInterfaces[1].Groups[0]: expected string, received object',
    );
  });

  it('rejects a version of a template the templates file does not list', () => {
    // Prepare
    const docs = smallSnapshotDocs();
    at(docs.launchTemplateVersions.json, 'LaunchTemplateVersions', 2).LaunchTemplateId = 'lt-0gone';

    // Act
    const error = errorOf(() => buildModel(docs));

    // Assess
    expect(error.message).toBe(
      'describe-launch-template-versions.json: LaunchTemplateVersions[2].LaunchTemplateId: ' +
        'template lt-0gone is not in describe-launch-templates.json',
    );
  });

  it('rejects a version listed twice', () => {
    // Prepare
    const docs = smallSnapshotDocs();
    at(docs.launchTemplateVersions.json, 'LaunchTemplateVersions', 1).VersionNumber = 2;

    // Act
    const error = errorOf(() => buildModel(docs));

    // Assess
    expect(error.message).toBe(
      'describe-launch-template-versions.json: LaunchTemplateVersions[1].VersionNumber: duplicate version 2 of lt-0web',
    );
  });

  it.each([
    ['launchTemplates', 'describe-launch-template-versions.json', 'describe-launch-templates.json'],
    ['launchTemplateVersions', 'describe-launch-templates.json', 'describe-launch-template-versions.json'],
  ] as const)('refuses one launch template file without the other (%s absent)', (absent, present, missing) => {
    // Prepare
    const { [absent]: _, ...docs } = smallSnapshotDocs();

    // Act
    const error = errorOf(() => buildModel(docs));

    // Assess
    expect(error.message).toBe(`${present}: needs ${missing} too (the launch templates layer reads both)`);
  });

  it('is not covered without both files', () => {
    // Prepare
    const { launchTemplates: _t, launchTemplateVersions: _v, ...docs } = smallSnapshotDocs();

    // Act
    const model = buildModel(docs);

    // Assess
    expect(model.coverage.launchTemplates).toBe(false);
    expect(model.launchTemplate('lt-0web')).toBeUndefined();
    expect(model.launchTemplateVersions('lt-0web')).toEqual([]);
  });
});

describe('buildModel: ENIs from describe-network-interfaces.json', () => {
  it('keeps who manages an ENI and its attachment id', () => {
    // Prepare
    const docs = smallSnapshotDocs();
    Object.assign(at(docs.networkInterfaces.json, 'NetworkInterfaces', 2), {
      RequesterManaged: true,
      RequesterId: 'amazon-elb',
      InterfaceType: 'interface',
      Description: 'ELB app/alb/50dc6c495c0c9188',
    });

    // Act
    const model = buildModel(docs);

    // Assess
    expect(model.eni('eni-0app2')).toMatchObject({ requesterManaged: true, requesterId: 'amazon-elb' });
    expect(model.eni('eni-0web1')?.attachmentId).toBe('eni-attach-1');
    expect(model.eni('eni-0app1')?.attachmentId).toBeUndefined();
  });

  it('names a RequesterManaged that is not a boolean', () => {
    // Prepare
    const docs = smallSnapshotDocs();
    at(docs.networkInterfaces.json, 'NetworkInterfaces', 1).RequesterManaged = 'yes';

    // Act
    const error = errorOf(() => buildModel(docs));

    // Assess
    expect(error.message).toBe(
      'describe-network-interfaces.json: NetworkInterfaces[1].RequesterManaged: expected boolean, received string',
    );
  });
});
