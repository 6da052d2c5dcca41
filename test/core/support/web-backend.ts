import type { Dependency } from '../../../lambdas/core/config/schema';
import type { NaclEntry } from '../../../lambdas/core/model/types';
import { defaultEgress, eni, group, ingress, nacl, openEntries, type RuleInput, sgPeer } from './builders';
import { FakeModel } from './fake-model';

/**
 * The incident scenario: nginx (subnet-web, 10.0.0.0/24) must reach the backend (subnet-app, 10.0.1.0/24)
 * on tcp/8080. The backend instance has two ENIs (primary 10.0.1.15, secondary 10.0.1.16), both in sg-backend.
 */
export const NGINX = 'sg-0nginx';
export const BACKEND = 'sg-0backend';
export const STALE = 'sg-0stale';
export const WEB_ACL = 'acl-0web';
export const APP_ACL = 'acl-0app';

export const nginxToBackend: Dependency = {
  name: 'nginx-to-backend',
  from: { groupName: 'nginx' },
  to: { groupName: 'backend' },
  protocol: 'tcp',
  port: 8080,
};

export interface ScenarioOptions {
  readonly nginxRules?: readonly RuleInput[];
  readonly backendRules?: readonly RuleInput[];
  readonly secondaryGroups?: readonly string[];
  readonly webEntries?: readonly NaclEntry[];
  readonly appEntries?: readonly NaclEntry[];
  readonly nacls?: boolean;
}

export const backendAllowsNginx = (): RuleInput =>
  ingress('tcp', 8080, 8080, sgPeer(NGINX), 'sgr-0backend8080');

export function webBackendModel(o: ScenarioOptions = {}): FakeModel {
  return new FakeModel({
    groups: [
      group(NGINX, { name: 'nginx', rules: o.nginxRules ?? [defaultEgress()] }),
      group(BACKEND, { name: 'backend', rules: o.backendRules ?? [backendAllowsNginx(), defaultEgress()] }),
      group(STALE, { name: 'stale', rules: [defaultEgress()] }),
    ],
    enis: [
      eni('eni-0nginx', {
        subnetId: 'subnet-web',
        ip: '10.0.0.10',
        groupIds: [NGINX],
        instanceId: 'i-nginx',
      }),
      eni('eni-0backend1', {
        subnetId: 'subnet-app',
        ip: '10.0.1.15',
        groupIds: [BACKEND],
        instanceId: 'i-app',
      }),
      eni('eni-0backend2', {
        subnetId: 'subnet-app',
        ip: '10.0.1.16',
        groupIds: o.secondaryGroups ?? [BACKEND],
        instanceId: 'i-app',
        deviceIndex: 1,
      }),
    ],
    nacls: [
      nacl(WEB_ACL, ['subnet-web'], o.webEntries ?? openEntries()),
      nacl(APP_ACL, ['subnet-app'], o.appEntries ?? openEntries()),
    ],
    coverage: { nacls: o.nacls ?? true },
  });
}
