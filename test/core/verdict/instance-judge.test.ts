import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../lambdas/core/config/parse-config';
import type { Change, ParsedEvent } from '../../../lambdas/core/events/types';
import { applyChange } from '../../../lambdas/core/state/apply-change';
import { judge } from '../../../lambdas/core/verdict/judge';
import { eni } from '../support/builders';
import { phantomBlockModel, STALE, WEB } from '../support/phantom-block';

const NOW = new Date('2026-12-01T12:00:00Z');

const config = parseConfig(
  'dependencies:\n  - { name: alb-to-web, from: { groupName: alb }, to: { instanceTags: { Role: web } }, port: 443 }\n',
  'guardian.yaml',
);

/** RunInstances of one green web instance whose secondary ENI carries the stale group. */
const launch: Change = {
  kind: 'instances-launched',
  instances: [
    {
      instanceId: 'i-0green1',
      tags: { Role: 'web' },
      subnetId: 'subnet-app',
      vpcId: 'vpc-1',
      networkInterfaces: [
        eni('eni-0green1a', { subnetId: 'subnet-app', ip: '10.0.1.61', groupIds: [WEB], instanceId: 'i-0green1', deviceIndex: 0 }),
        eni('eni-0green1b', { subnetId: 'subnet-app', ip: '10.0.1.62', groupIds: [STALE], instanceId: 'i-0green1', deviceIndex: 1 }),
      ],
    },
  ],
};

const event: ParsedEvent = {
  status: 'parsed',
  meta: {
    eventId: 'evt-1',
    eventName: 'RunInstances',
    actor: { type: 'IAMUser', arn: 'arn:aws:iam::123456789012:user/dev', via: 'cli' },
  },
  change: launch,
};

describe('judge: a launch against an instance-tag dependency (the Phantom Block)', () => {
  it.each([
    ['before', () => phantomBlockModel()],
    ['after', () => applyChange(phantomBlockModel(), launch).model],
  ])('is a violation on device 1 of the new instance, judged against the snapshot taken %s', (_when, snapshot) => {
    // Act
    const verdict = judge({ event, model: snapshot(), config, now: NOW });

    // Assess
    expect(verdict.verdict).toBe('violation');
    expect(verdict.findings).toHaveLength(1);
    expect(verdict.findings[0]).toMatchObject({ dependency: 'alb-to-web', blockedBy: ['sg-ingress'] });
    expect(verdict.findings[0]?.pairs?.map((p) => p.destinationEniId)).toEqual(['eni-0green1b']);
  });

  it('says the dependency is not evaluated when the snapshot has no instances', () => {
    // Act
    const verdict = judge({ event, model: phantomBlockModel({ instances: false }), config, now: NOW });

    // Assess
    expect(verdict.findings).toEqual([]);
    expect(verdict.notEvaluated).toContain(
      'alb-to-web: instanceTags {Role=web} is not evaluated: instances are not loaded (no describe-instances.json)',
    );
  });
});
