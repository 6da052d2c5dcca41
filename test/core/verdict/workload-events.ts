import type { GuardianConfig } from '../../../lambdas/core/config/schema';
import { parseConfig } from '../../../lambdas/core/config/parse-config';
import type { Change, EventMeta, LaunchedInstance, ParsedEvent } from '../../../lambdas/core/events/types';
import type { NetworkInterface } from '../../../lambdas/core/model/types';
import { eni } from '../support/builders';
import { STALE, WEB } from '../support/phantom-block';

export const NOW = new Date('2026-12-02T09:00:00Z');

const META: EventMeta = {
  eventId: 'evt-1',
  eventName: 'RunInstances',
  eventTime: '2026-12-02T08:59:00Z',
  accountId: '111122223333',
  actor: { arn: 'arn:aws:iam::111122223333:user/alice', type: 'IAMUser', via: 'cli' },
};

/** A parsed event for a change, as the parser table would give it. */
export function parsed(change: Change, eventName = 'RunInstances'): ParsedEvent {
  return { status: 'parsed', meta: { ...META, eventName }, change };
}

/** The Phantom Block policy; `revert` sets every finding kind's action to revert. */
export function phantomConfig(options: { revert?: boolean; extra?: string[] } = {}): GuardianConfig {
  return parseConfig(
    [
      'dependencies:',
      '  - { name: alb-to-web, from: { groupName: alb }, to: { instanceTags: { Role: web } }, port: 443 }',
      ...(options.extra ?? []),
      ...(options.revert
        ? ['actions:', '  dependency-broken: revert', '  world-exposure: revert']
        : []),
    ].join('\n'),
    'guardian.yaml',
  );
}

function attachedEni(eniId: string, ip: string, groupIds: string[], instanceId: string, deviceIndex: number): NetworkInterface {
  return eni(eniId, { subnetId: 'subnet-app', ip, groupIds, instanceId, deviceIndex });
}

/** A green web instance: primary ENI in sg-0web, secondary (device 1) in the stale group. */
export function greenWeb(n: number): LaunchedInstance {
  const id = `i-0green${n}`;
  return {
    instanceId: id,
    tags: { Role: 'web', Color: 'green' },
    subnetId: 'subnet-app',
    vpcId: 'vpc-1',
    networkInterfaces: [
      attachedEni(`eni-0green${n}a`, `10.0.1.${60 + 2 * n}`, [WEB], id, 0),
      attachedEni(`eni-0green${n}b`, `10.0.1.${61 + 2 * n}`, [STALE], id, 1),
    ],
  };
}

/** RunInstances of the green fleet. */
export function greenLaunch(count = 2): Extract<Change, { kind: 'instances-launched' }> {
  return {
    kind: 'instances-launched',
    instances: Array.from({ length: count }, (_, i) => greenWeb(i + 1)),
    launchTemplate: { launchTemplateId: 'lt-0abc', version: '7' },
  };
}
