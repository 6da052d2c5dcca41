import type { Dependency } from '../../../lambdas/core/config/schema';
import type { Instance, NetworkInterface } from '../../../lambdas/core/model/types';
import { defaultEgress, eni, group, ingress, nacl, openEntries, sgPeer } from './builders';
import { FakeModel } from './fake-model';

/**
 * The Phantom Block (seed incident 001): an ALB (sg-0alb, requester-managed ENI in subnet-pub) must
 * reach the web instances (tagged Role=web) on tcp/443. Each web instance has a primary ENI (device 0)
 * in sg-0web, which admits 443 from the ALB, and a secondary ENI (device 1) in sg-0stale, a stale group
 * without that rule. A stopped web instance and a running db instance must never be selected.
 */
export const ALB = 'sg-0alb';
export const WEB = 'sg-0web';
export const STALE = 'sg-0stale';

export const albToWeb: Dependency = {
  name: 'alb-to-web',
  from: { groupName: 'alb' },
  to: { instanceTags: { Role: 'web' } },
  protocol: 'tcp',
  port: 443,
};

function instance(instanceId: string, tags: Record<string, string>, enis: string[], state = 'running'): Instance {
  return {
    instanceId,
    state,
    tags,
    vpcId: 'vpc-1',
    subnetId: 'subnet-app',
    networkInterfaces: enis.map((eniId, deviceIndex) => ({ eniId, deviceIndex })),
  };
}

function attached(eniId: string, ip: string, groupIds: string[], instanceId: string, deviceIndex: number) {
  return eni(eniId, { subnetId: 'subnet-app', ip, groupIds, instanceId, deviceIndex });
}

export const PHANTOM_INSTANCES: readonly Instance[] = [
  instance('i-0web1', { Role: 'web', Env: 'prod' }, ['eni-0web1a', 'eni-0web1b']),
  instance('i-0web2', { Role: 'web', Env: 'prod' }, ['eni-0web2a', 'eni-0web2b']),
  instance('i-0webold', { Role: 'web', Env: 'prod', Color: 'blue' }, ['eni-0webold'], 'stopped'),
  instance('i-0db', { Role: 'db' }, ['eni-0db']),
];

export const PHANTOM_ENIS: readonly NetworkInterface[] = [
  {
    ...eni('eni-0alb', { subnetId: 'subnet-pub', ip: '10.0.0.10', groupIds: [ALB] }),
    requesterManaged: true,
    requesterId: 'amazon-elb',
    interfaceType: 'interface',
  },
  attached('eni-0web1a', '10.0.1.11', [WEB], 'i-0web1', 0),
  attached('eni-0web1b', '10.0.1.12', [STALE], 'i-0web1', 1),
  attached('eni-0web2a', '10.0.1.21', [WEB], 'i-0web2', 0),
  attached('eni-0web2b', '10.0.1.22', [STALE], 'i-0web2', 1),
  attached('eni-0webold', '10.0.1.31', [WEB], 'i-0webold', 0),
  attached('eni-0db', '10.0.1.41', [WEB], 'i-0db', 0),
];

/** The Phantom Block model; `instances: false` drops describe-instances.json (instances unknown). */
export function phantomBlockModel(options: { readonly instances?: boolean } = {}): FakeModel {
  return new FakeModel({
    groups: [
      group(ALB, { name: 'alb', rules: [defaultEgress()] }),
      group(WEB, { name: 'web', rules: [ingress('tcp', 443, 443, sgPeer(ALB), 'sgr-0web443'), defaultEgress()] }),
      group(STALE, { name: 'web-2023', rules: [ingress('tcp', 8443, 8443, sgPeer(ALB)), defaultEgress()] }),
    ],
    enis: PHANTOM_ENIS,
    nacls: [nacl('acl-0pub', ['subnet-pub'], openEntries()), nacl('acl-0app', ['subnet-app'], openEntries())],
    ...(options.instances === false ? { coverage: { instances: false } } : { instances: PHANTOM_INSTANCES }),
  });
}
