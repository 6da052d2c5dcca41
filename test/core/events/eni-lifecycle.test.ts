import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../lambdas/core/events/parse';
import { changeOf, dig, editedFixture, loadFixture } from './fixtures';

describe('CreateNetworkInterface', () => {
  it('reads the new ENI from the response with its groups, subnet and private IP', () => {
    // Act
    const change = changeOf(loadFixture('create-eni.json'));

    // Assess
    expect(change).toEqual({
      kind: 'eni-created',
      eni: {
        eniId: 'eni-0backend4b',
        subnetId: 'subnet-0app1',
        vpcId: 'vpc-0demo1a2b3c4d5e6',
        privateIps: ['10.0.2.60'],
        ipv6Addresses: [],
        groupIds: ['sg-0backend123'],
        description: 'backend secondary',
        interfaceType: 'interface',
        requesterManaged: false,
      },
    });
  });

  it('reads a load balancer ENI as requester-managed, naming who manages it', () => {
    // Act
    const [event] = parseDocument(loadFixture('create-eni-requester-managed.eventbridge.json'));

    // Assess
    expect(event).toMatchObject({
      status: 'parsed',
      meta: { actor: { via: 'service' } },
      change: {
        kind: 'eni-created',
        eni: {
          eniId: 'eni-0alb00001',
          groupIds: ['sg-0nginx456'],
          requesterManaged: true,
          requesterId: 'amazon-elb',
          description: 'ELB app/web-alb/50dc6c495c0c9188',
        },
      },
    });
  });

  it.each<[string, (r: Record<string, unknown>) => void, string, string]>([
    [
      'no response',
      (r) => {
        r.responseElements = null;
      },
      '$.responseElements.networkInterface',
      'missing: the new ENI is only in the response',
    ],
    [
      'a requesterManaged that is not a boolean',
      (r) => {
        dig(r, 'responseElements', 'networkInterface').requesterManaged = 'yes';
      },
      '$.responseElements.networkInterface.requesterManaged',
      'expected true or false, got "yes"',
    ],
    [
      'no subnet',
      (r) => {
        delete dig(r, 'responseElements', 'networkInterface').subnetId;
      },
      '$.responseElements.networkInterface.subnetId',
      'missing',
    ],
    [
      'a private IP set that is not a list',
      (r) => {
        dig(r, 'responseElements', 'networkInterface').privateIpAddressesSet = { item: 'x' };
      },
      '$.responseElements.networkInterface.privateIpAddressesSet.item',
      'expected a list ({ items: [...] }), got "x"',
    ],
  ])('is invalid with the path for %s', (_, edit, path, reason) => {
    // Prepare
    const doc = editedFixture('create-eni.json', edit);

    // Act
    const [event] = parseDocument(doc);

    // Assess
    expect(event).toMatchObject({ status: 'invalid', path, reason });
  });
});

describe('AttachNetworkInterface and DetachNetworkInterface', () => {
  it('reads an attach: ENI, instance, device index and the new attachment id', () => {
    // Act
    const change = changeOf(loadFixture('attach-eni.json'));

    // Assess
    expect(change).toEqual({
      kind: 'eni-attached',
      eniId: 'eni-0backend4b',
      instanceId: 'i-0backend1',
      deviceIndex: 1,
      attachmentId: 'eni-attach-0backend4b',
    });
  });

  it('reads a detach by attachment id, with force', () => {
    // Act
    const change = changeOf(loadFixture('detach-eni.json'));

    // Assess
    expect(change).toEqual({ kind: 'eni-detached', attachmentId: 'eni-attach-0backend2b', force: false });
  });

  it.each<[string, string, (q: Record<string, unknown>) => void, string, string]>([
    [
      'an attach without device index',
      'attach-eni.json',
      (q) => {
        delete q.deviceIndex;
      },
      '$.requestParameters.deviceIndex',
      'missing',
    ],
    [
      'an attach at a negative device index',
      'attach-eni.json',
      (q) => {
        q.deviceIndex = -1;
      },
      '$.requestParameters.deviceIndex',
      '-1 is out of range 0..255',
    ],
    [
      'an attach without instance',
      'attach-eni.json',
      (q) => {
        q.instanceId = '';
      },
      '$.requestParameters.instanceId',
      'expected a non-empty string, got ""',
    ],
    [
      'a detach without attachment id',
      'detach-eni.json',
      (q) => {
        delete q.attachmentId;
      },
      '$.requestParameters.attachmentId',
      'missing',
    ],
    [
      'a detach whose force is not a boolean',
      'detach-eni.json',
      (q) => {
        q.force = 'true';
      },
      '$.requestParameters.force',
      'expected true or false, got "true"',
    ],
  ])('is invalid with the path for %s', (_, fixture, edit, path, reason) => {
    // Prepare
    const doc = editedFixture(fixture, (r) => edit(dig(r, 'requestParameters')));

    // Act
    const [event] = parseDocument(doc);

    // Assess
    expect(event).toMatchObject({ status: 'invalid', path, reason });
  });
});
