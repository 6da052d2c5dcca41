import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../lambdas/core/model/build-model';
import type { SnapshotDocuments } from '../../../lambdas/core/model/documents';
import { patchModel } from '../../../lambdas/core/model/patched-model';
import { serializeSnapshot } from '../../../lambdas/core/model/serialize';
import type { NetworkModel } from '../../../lambdas/core/model/types';
import { addRules } from '../../../lambdas/core/state/apply-sg';
import { tcp } from '../state/fixtures';
import { smallSnapshotDocs } from './fixture-docs';

/** Everything a model holds, as plain data. */
function plain(model: NetworkModel) {
  return {
    coverage: model.coverage,
    groups: [...model.groups()],
    enis: [...model.enis()],
    nacls: [...model.nacls()],
    prefixLists: [...(model.prefixLists?.() ?? [])],
    instances: [...model.instances()],
    launchTemplates: [...model.launchTemplates()],
    launchTemplateVersions: [...model.launchTemplates()].flatMap((t) =>
      model.launchTemplateVersions(t.launchTemplateId),
    ),
  };
}

function asDocuments(files: Record<string, unknown>): SnapshotDocuments {
  const doc = (file: string) => (files[file] === undefined ? undefined : { file, json: files[file] });
  const entries = Object.keys(files)
    .filter((f) => f.startsWith('get-managed-prefix-list-entries/'))
    .map((f) => [f.replace(/^.*\/(.*)\.json$/, '$1'), { file: f, json: files[f] }]);
  return {
    securityGroups: doc('describe-security-groups.json')!,
    networkInterfaces: doc('describe-network-interfaces.json')!,
    securityGroupRules: doc('describe-security-group-rules.json'),
    networkAcls: doc('describe-network-acls.json'),
    prefixLists: doc('describe-managed-prefix-lists.json'),
    prefixListEntries: entries.length ? Object.fromEntries(entries) : undefined,
    instances: doc('describe-instances.json'),
    launchTemplates: doc('describe-launch-templates.json'),
    launchTemplateVersions: doc('describe-launch-template-versions.json'),
  };
}

describe('serializeSnapshot', () => {
  it('round-trips a full snapshot: build, serialize, build gives the same model', () => {
    // Prepare
    const model = buildModel(smallSnapshotDocs());

    // Act
    const files = serializeSnapshot(model);
    const again = buildModel(asDocuments(JSON.parse(JSON.stringify(files))));

    // Assess
    expect(Object.keys(files).sort()).toEqual([
      'describe-instances.json',
      'describe-launch-template-versions.json',
      'describe-launch-templates.json',
      'describe-managed-prefix-lists.json',
      'describe-network-acls.json',
      'describe-network-interfaces.json',
      'describe-security-group-rules.json',
      'describe-security-groups.json',
      'get-managed-prefix-list-entries/pl-0vpn.json',
    ]);
    expect(plain(again)).toEqual(plain(model));
  });

  it('round-trips a snapshot without the optional files', () => {
    // Prepare
    const { securityGroups, networkInterfaces } = smallSnapshotDocs();
    const model = buildModel({ securityGroups, networkInterfaces });

    // Act
    const files = serializeSnapshot(model);
    const again = buildModel(asDocuments(files));
    expect(again.coverage).toMatchObject({ instances: false, launchTemplates: false });

    // Assess
    expect(Object.keys(files).sort()).toEqual([
      'describe-network-interfaces.json',
      'describe-security-groups.json',
    ]);
    expect(plain(again)).toEqual(plain(model));
  });

  it('writes IpPermissions grouped by protocol and ports, as describe-security-groups prints them', () => {
    // Prepare
    const model = buildModel(smallSnapshotDocs());

    // Act
    const files = serializeSnapshot(model) as {
      'describe-security-groups.json': { SecurityGroups: Record<string, unknown>[] };
    };

    // Assess
    const app = files['describe-security-groups.json'].SecurityGroups[1]!;
    expect(app.IpPermissionsEgress).toEqual([
      {
        IpProtocol: '-1',
        IpRanges: [{ CidrIp: '0.0.0.0/0' }],
        Ipv6Ranges: [],
        PrefixListIds: [],
        UserIdGroupPairs: [],
      },
    ]);
    const web = files['describe-security-groups.json'].SecurityGroups[0]!;
    expect((web.IpPermissions as unknown[])[0]).toEqual({
      IpProtocol: 'tcp',
      FromPort: 443,
      ToPort: 443,
      IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'https' }],
      Ipv6Ranges: [{ CidrIpv6: '::/0' }],
      PrefixListIds: [],
      UserIdGroupPairs: [],
    });
  });

  it('leaves the rules file out rather than invent ids for rules that have none', () => {
    // Prepare
    const model = addRules(buildModel(smallSnapshotDocs()), 'sg-0db', 'ingress', [
      tcp(5432, '10.0.0.0/16'),
    ]).model;

    // Act
    const files = serializeSnapshot(model);
    const again = buildModel(asDocuments(files));

    // Assess
    expect(files['describe-security-group-rules.json']).toBeUndefined();
    expect(again.group('sg-0db')?.rules).toEqual([
      { ...tcp(5432, '10.0.0.0/16'), groupId: 'sg-0db', direction: 'ingress' },
    ]);
  });

  it('writes instances, templates and versions in the AWS CLI shapes, the launch template tags included', () => {
    // Prepare
    const base = buildModel(smallSnapshotDocs());
    const model = patchModel(base, {
      instances: new Map([
        [
          'i-0new',
          {
            instanceId: 'i-0new',
            state: 'pending',
            tags: { Role: 'web' },
            launchTemplate: { launchTemplateId: 'lt-0web', version: '2' },
            networkInterfaces: [{ eniId: 'eni-0web1', deviceIndex: 0 }],
          },
        ],
      ]),
    });

    // Act
    const files = serializeSnapshot(model) as Record<string, { [key: string]: Record<string, unknown>[] }>;

    // Assess
    const reservations = files['describe-instances.json']!.Reservations!;
    expect(reservations.at(-1)).toEqual({
      Instances: [
        {
          InstanceId: 'i-0new',
          State: { Name: 'pending' },
          NetworkInterfaces: [
            {
              Attachment: { AttachmentId: 'eni-attach-1', DeviceIndex: 0 },
              Groups: [{ GroupName: 'web', GroupId: 'sg-0web' }],
              NetworkInterfaceId: 'eni-0web1',
              SubnetId: 'subnet-0pub',
              VpcId: 'vpc-0main',
            },
          ],
          Tags: [
            { Key: 'aws:ec2launchtemplate:id', Value: 'lt-0web' },
            { Key: 'aws:ec2launchtemplate:version', Value: '2' },
            { Key: 'Role', Value: 'web' },
          ],
        },
      ],
    });
    expect(files['describe-launch-template-versions.json']!.LaunchTemplateVersions![1]).toEqual({
      LaunchTemplateId: 'lt-0web',
      LaunchTemplateName: 'web',
      VersionNumber: 2,
      DefaultVersion: false,
      LaunchTemplateData: {
        NetworkInterfaces: [
          { DeviceIndex: 0, Groups: ['sg-0web'] },
          { DeviceIndex: 1, Groups: ['sg-0db'], NetworkCardIndex: 0, SubnetId: 'subnet-0priv' },
        ],
        TagSpecifications: [
          {
            ResourceType: 'instance',
            Tags: [
              { Key: 'Role', Value: 'web' },
              { Key: 'Name', Value: 'web' },
            ],
          },
        ],
      },
    });
    expect(buildModel(asDocuments(files)).instance('i-0new')?.launchTemplate).toEqual({
      launchTemplateId: 'lt-0web',
      version: '2',
    });
  });

  it('writes ENI attachment ids and requester-managed flags back', () => {
    // Prepare
    const docs = smallSnapshotDocs();
    Object.assign((docs.networkInterfaces.json as { NetworkInterfaces: object[] }).NetworkInterfaces[2]!, {
      RequesterManaged: true,
      RequesterId: 'amazon-elb',
    });
    const model = buildModel(docs);

    // Act
    const again = buildModel(asDocuments(serializeSnapshot(model)));

    // Assess
    expect(again.eni('eni-0app2')).toMatchObject({ requesterManaged: true, requesterId: 'amazon-elb' });
    expect(again.eni('eni-0web1')?.attachmentId).toBe('eni-attach-1');
  });
});
