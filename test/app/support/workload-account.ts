import { EC2Client } from '@aws-sdk/client-ec2';
import { Ec2AccountReader } from '../../../lambdas/adapters/aws/ec2/ec2-reader';
import { LiveStateSource } from '../../../lambdas/app/live-state-source';
import { parseConfig } from '../../../lambdas/core/config/parse-config';
import type { Change } from '../../../lambdas/core/events/types';
import { createModel } from '../../../lambdas/core/model/indexed-model';
import { applyChange } from '../../../lambdas/core/state/apply-change';
import { cidrPeer, egress, eni, group, ingress, prefixListPeer, sgPeer } from '../../core/support/builders';
import { FakeEc2 } from '../../support/fake-ec2';
import { MemoryStateCache } from '../../support/memory-state-cache';
import { instance, launchTemplate, prefixList, templateVersion } from '../../support/workloads';

/** The Phantom Block's account: an ALB reaching `Role=web` instances on 443 through device 1. */
export const POLICY = `
dependencies:
  - name: alb-to-web
    from: { groupId: sg-0alb }
    to: { instanceTags: { Role: web }, deviceIndex: 1 }
    protocol: tcp
    port: 443
`;

const albEni = { ...eni('eni-alb', { subnetId: 'subnet-a', ip: '10.0.1.5', groupIds: ['sg-0alb'] }), requesterManaged: true, requesterId: 'amazon-elb' };
const old0 = { ...eni('eni-old0', { subnetId: 'subnet-a', ip: '10.0.1.10', groupIds: ['sg-0web'], instanceId: 'i-old', deviceIndex: 0 }), attachmentId: 'eni-attach-0old0' };
const old1 = { ...eni('eni-old1', { subnetId: 'subnet-a', ip: '10.0.1.11', groupIds: ['sg-0web'], instanceId: 'i-old', deviceIndex: 1 }), attachmentId: 'eni-attach-0old1' };

export function phantomAccount() {
  return createModel({
    coverage: { ruleIds: true, nacls: true, prefixLists: true, instances: true, launchTemplates: true },
    groups: [
      group('sg-0alb', { name: 'alb', rules: [egress('tcp', 443, 443, sgPeer('sg-0web'), 'sgr-0alb1')] }),
      group('sg-0web', {
        name: 'web',
        rules: [
          ingress('tcp', 443, 443, sgPeer('sg-0alb'), 'sgr-0web1'),
          ingress('tcp', 22, 22, prefixListPeer('pl-0office'), 'sgr-0web2'),
          egress('-1', -1, -1, cidrPeer('0.0.0.0/0'), 'sgr-0web3'),
        ],
      }),
      group('sg-0stale', { name: 'web-old', rules: [egress('-1', -1, -1, cidrPeer('0.0.0.0/0'), 'sgr-0stale1')] }),
    ],
    enis: [albEni, old0, old1],
    instances: [instance('i-old', [old0, old1], { tags: { Role: 'web' } })],
    prefixLists: [prefixList('pl-0office', ['198.51.100.0/24'])],
    launchTemplates: [launchTemplate('lt-0web', 6)],
    launchTemplateVersions: [
      templateVersion('lt-0web', 6, [['sg-0web'], ['sg-0web']], { isDefault: true, instanceTags: { Role: 'web' } }),
      templateVersion('lt-0web', 7, [['sg-0web'], ['sg-0stale']], { instanceTags: { Role: 'web' } }),
    ],
  });
}

/** The Phantom Block's launch: a Role=web instance from lt-0web v7, its secondary ENI carrying sg-0stale. */
export const LAUNCH: Change = {
  kind: 'instances-launched',
  launchTemplate: { launchTemplateId: 'lt-0web', version: '7' },
  instances: [
    {
      instanceId: 'i-new',
      tags: { Role: 'web' },
      subnetId: 'subnet-a',
      vpcId: 'vpc-1',
      networkInterfaces: [
        eni('eni-new0', { subnetId: 'subnet-a', ip: '10.0.1.20', groupIds: ['sg-0web'], instanceId: 'i-new', deviceIndex: 0 }),
        eni('eni-new1', { subnetId: 'subnet-a', ip: '10.0.1.21', groupIds: ['sg-0stale'], instanceId: 'i-new', deviceIndex: 1 }),
      ],
    },
  ],
};

/** A live state source over the fake EC2 of that account, with an in-memory cache. */
export function phantomWorld() {
  const ec2 = new FakeEc2(phantomAccount());
  const client = new EC2Client({ region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const reader = new Ec2AccountReader(client);
  const cache = new MemoryStateCache();
  const config = parseConfig(POLICY, 'guardian.yaml');
  const source = new LiveStateSource({ reader, cache, config });
  const scopes: unknown[] = [];
  const read = reader.read.bind(reader);
  reader.read = (scope) => {
    scopes.push(scope);
    return read(scope);
  };
  return {
    ec2,
    reader,
    cache,
    config,
    source,
    /** Every ReadScope the source asked for, in order (each is one concurrent batch of EC2 calls). */
    scopes,
    /** The change happens in EC2, as before its CloudTrail event arrives. */
    land(change: Change) {
      ec2.model = applyChange(ec2.model, change).model;
    },
    stop() {
      ec2.restore();
    },
  };
}
