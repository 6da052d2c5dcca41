import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../lambdas/core/events/parse';
import { changeOf, dig, editedFixture, loadFixture } from './fixtures';

const TWO_ENIS = 'run-instances-two-enis.json';
const FROM_TEMPLATE = 'run-instances-launch-template.eventbridge.json';
const ITEM = '$.responseElements.instancesSet.items[0]';

describe('RunInstances', () => {
  it('reads every ENI of the instance with its groups, device index, subnet and private IP', () => {
    // Act
    const change = changeOf(loadFixture(TWO_ENIS));

    // Assess
    expect(change).toEqual({
      kind: 'instances-launched',
      instances: [
        {
          instanceId: 'i-0backend3',
          tags: { Name: 'backend-3', Role: 'backend' },
          subnetId: 'subnet-0app1',
          vpcId: 'vpc-0demo1a2b3c4d5e6',
          networkInterfaces: [
            {
              eniId: 'eni-0backend3a',
              subnetId: 'subnet-0app1',
              vpcId: 'vpc-0demo1a2b3c4d5e6',
              privateIps: ['10.0.2.40'],
              ipv6Addresses: [],
              groupIds: ['sg-0backend123'],
              instanceId: 'i-0backend3',
              deviceIndex: 0,
              attachmentId: 'eni-attach-0backend3a',
              interfaceType: 'interface',
              requesterManaged: false,
            },
            {
              eniId: 'eni-0backend3b',
              subnetId: 'subnet-0app1',
              vpcId: 'vpc-0demo1a2b3c4d5e6',
              privateIps: ['10.0.2.41'],
              ipv6Addresses: [],
              groupIds: ['sg-0legacy789'],
              instanceId: 'i-0backend3',
              deviceIndex: 1,
              attachmentId: 'eni-attach-0backend3b',
              interfaceType: 'interface',
              requesterManaged: false,
            },
          ],
        },
      ],
    });
  });

  it('names the instance id, not the internal number CloudTrail writes in attachment.instanceId', () => {
    // Act
    const change = changeOf(loadFixture(TWO_ENIS));

    // Assess
    if (change.kind !== 'instances-launched') throw new Error(change.kind);
    const ids = change.instances.flatMap((i) => i.networkInterfaces.map((e) => e.instanceId));
    expect(ids).toEqual(['i-0backend3', 'i-0backend3']);
  });

  it('reads a launch from a template: the template, every instance and the tags from request and response', () => {
    // Act
    const change = changeOf(loadFixture(FROM_TEMPLATE));

    // Assess
    if (change.kind !== 'instances-launched') throw new Error(change.kind);
    expect(change.launchTemplate).toEqual({ launchTemplateId: 'lt-0web00000001', version: '7' });
    expect(change.instances.map((i) => i.instanceId)).toEqual(['i-0web1', 'i-0web2']);
    expect(change.instances[1]?.tags).toMatchObject({
      Role: 'nginx',
      'aws:autoscaling:groupName': 'web-green',
      'aws:ec2launchtemplate:version': '7',
    });
    expect(
      change.instances.map((i) => i.networkInterfaces.map((e) => [e.eniId, e.deviceIndex, e.subnetId, e.groupIds])),
    ).toEqual([
      [
        ['eni-0web1a', 0, 'subnet-0web1', ['sg-0nginx456']],
        ['eni-0web1b', 1, 'subnet-0app1', ['sg-0legacy789']],
      ],
      [
        ['eni-0web2a', 0, 'subnet-0web1', ['sg-0nginx456']],
        ['eni-0web2b', 1, 'subnet-0app1', ['sg-0legacy789']],
      ],
    ]);
  });

  it('orders ENIs by device index whatever order the response lists them in', () => {
    // Prepare
    const doc = editedFixture(TWO_ENIS, (r) => {
      const set = dig(r, 'responseElements', 'instancesSet', 'items', 0, 'networkInterfaceSet');
      set.items = [...(set.items as unknown[])].reverse();
    });

    // Act
    const change = changeOf(doc);

    // Assess
    if (change.kind !== 'instances-launched') throw new Error(change.kind);
    expect(change.instances[0]?.networkInterfaces.map((e) => e.deviceIndex)).toEqual([0, 1]);
  });

  it('takes secondary private and IPv6 addresses from the sets, primary first', () => {
    // Prepare
    const doc = editedFixture(TWO_ENIS, (r) => {
      const eni = dig(r, 'responseElements', 'instancesSet', 'items', 0, 'networkInterfaceSet', 'items', 0);
      eni.privateIpAddressesSet = {
        item: [{ privateIpAddress: '10.0.2.42', primary: false }, { privateIpAddress: '10.0.2.40', primary: true }],
      };
      eni.ipv6AddressesSet = { items: [{ ipv6Address: '2001:db8::40' }] };
    });

    // Act
    const change = changeOf(doc);

    // Assess
    if (change.kind !== 'instances-launched') throw new Error(change.kind);
    expect(change.instances[0]?.networkInterfaces[0]).toMatchObject({
      privateIps: ['10.0.2.40', '10.0.2.42'],
      ipv6Addresses: ['2001:db8::40'],
    });
  });

  it.each<[string, (r: Record<string, unknown>) => void, string, string]>([
    [
      'no response',
      (r) => {
        r.responseElements = null;
      },
      '$.responseElements.instancesSet',
      'missing: the launched instances are only in the response',
    ],
    [
      'an empty instancesSet',
      (r) => {
        dig(r, 'responseElements').instancesSet = {};
      },
      '$.responseElements.instancesSet',
      'lists no instance',
    ],
    [
      'an instance without id',
      (r) => {
        delete dig(r, 'responseElements', 'instancesSet', 'items', 0).instanceId;
      },
      `${ITEM}.instanceId`,
      'missing',
    ],
    [
      'an instance without ENIs',
      (r) => {
        dig(r, 'responseElements', 'instancesSet', 'items', 0).networkInterfaceSet = {};
      },
      `${ITEM}.networkInterfaceSet`,
      'lists no network interface',
    ],
    [
      'an ENI without device index',
      (r) => {
        delete dig(r, 'responseElements', 'instancesSet', 'items', 0, 'networkInterfaceSet', 'items', 1, 'attachment')
          .deviceIndex;
      },
      `${ITEM}.networkInterfaceSet.items[1].attachment.deviceIndex`,
      'missing',
    ],
    [
      'an ENI group without id',
      (r) => {
        dig(r, 'responseElements', 'instancesSet', 'items', 0, 'networkInterfaceSet', 'items', 1).groupSet = {
          items: [{ groupName: 'backend-legacy' }],
        };
      },
      `${ITEM}.networkInterfaceSet.items[1].groupSet.items[0].groupId`,
      'missing',
    ],
    [
      'an ENI with no group',
      (r) => {
        dig(r, 'responseElements', 'instancesSet', 'items', 0, 'networkInterfaceSet', 'items', 0).groupSet = {};
      },
      `${ITEM}.networkInterfaceSet.items[0].groupSet`,
      'groupSet names no security group',
    ],
    [
      'a tag specification without resourceType',
      (r) => {
        delete dig(r, 'requestParameters', 'tagSpecificationSet', 'items', 0).resourceType;
      },
      '$.requestParameters.tagSpecificationSet.items[0].resourceType',
      'missing',
    ],
    [
      'a launch template naming neither id nor name',
      (r) => {
        dig(r, 'requestParameters').launchTemplate = { version: '7' };
      },
      '$.requestParameters.launchTemplate.launchTemplateId',
      'missing (and no launchTemplateName either)',
    ],
  ])('is invalid with the path for %s', (_, edit, path, reason) => {
    // Prepare
    const doc = editedFixture(TWO_ENIS, edit);

    // Act
    const [event] = parseDocument(doc);

    // Assess
    expect(event).toMatchObject({ status: 'invalid', path, reason, meta: { eventName: 'RunInstances' } });
  });
});
