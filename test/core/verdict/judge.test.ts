import { beforeAll, describe, expect, it } from 'vitest';
import type { GuardianConfig } from '../../../lambdas/core/config/schema';
import type { ParsedEvent } from '../../../lambdas/core/events/types';
import type { NetworkModel } from '../../../lambdas/core/model/types';
import { applyChange } from '../../../lambdas/core/state/apply-change';
import { judge } from '../../../lambdas/core/verdict/judge';
import { loadExamples, NOW } from '../../support/examples';

let model: NetworkModel;
let config: GuardianConfig;
let events: Record<string, ParsedEvent>;

beforeAll(async () => {
  ({ model, config, events } = await loadExamples());
});

function verdictOf(name: string, against: NetworkModel = model, policy: GuardianConfig = config) {
  return judge({ event: events[name]!, model: against, config: policy, now: NOW });
}

function stateAfter(name: string): NetworkModel {
  const event = events[name]!;
  if (event.status !== 'parsed') throw new Error(`${name} is not a parsed change`);
  return applyChange(model, event.change).model;
}

describe('judge: the incidents', () => {
  it('reports the revoked nginx rule as a dependency broken at sg-ingress and plans to re-authorize it', () => {
    // Act
    const v = verdictOf('01-revoke-8080-from-nginx');

    // Assess
    expect(v.verdict).toBe('violation');
    expect(v.findings).toHaveLength(1);
    expect(v.findings[0]).toMatchObject({
      kind: 'dependency-broken',
      dependency: 'nginx-to-backend',
      blockedBy: ['sg-ingress'],
    });
    expect(v.findings[0]?.pairs).toHaveLength(6);
    expect(v.findings[0]?.fixes?.[0]?.awsCli).toContain('UserIdGroupPairs=[{GroupId=sg-0nginx456');
    expect(v.revert.steps.map((s) => s.api)).toEqual(['AuthorizeSecurityGroupIngress']);
    expect(JSON.stringify(v.revert.steps[0]?.input)).toContain('"Description":"nginx proxy to app"');
    expect(v.action).toBe('revert');
  });

  it('reports 8080 opened to the world as new high exposure and revokes exactly the added rule id', () => {
    // Act
    const v = verdictOf('02-open-8080-to-world');

    // Assess
    expect(v.findings).toEqual([
      expect.objectContaining({
        kind: 'world-exposure',
        severity: 'high',
        groupId: 'sg-0backend123',
        ports: [{ from: 8080, to: 8080 }],
      }),
    ]);
    expect(v.revert.steps).toEqual([
      expect.objectContaining({
        api: 'RevokeSecurityGroupIngress',
        input: { GroupId: 'sg-0backend123', SecurityGroupRuleIds: ['sgr-0f3a9c2e7b1d4a601'] },
      }),
    ]);
  });

  it('catches the stale SG on the secondary ENI: only the pairs to that ENI break', () => {
    // Act
    const v = verdictOf('03-stale-sg-on-secondary-eni');

    // Assess
    const nginx = v.findings.find((f) => f.dependency === 'nginx-to-backend');
    expect(nginx?.pairs?.map((p) => p.destinationEniId)).toEqual(['eni-0backend2b', 'eni-0backend2b']);
    expect(v.revert.steps[0]).toMatchObject({
      api: 'ModifyNetworkInterfaceAttribute',
      input: { NetworkInterfaceId: 'eni-0backend2b', Groups: ['sg-0backend123'] },
    });
  });

  it('blames the stateless NACL return path when replies on ephemeral ports are denied', () => {
    // Act
    const v = verdictOf('04-nacl-denies-return-traffic');

    // Assess
    expect(v.findings.map((f) => f.blockedBy)).toEqual([['nacl-return']]);
    expect(v.revert.steps[0]).toMatchObject({
      api: 'ReplaceNetworkAclEntry',
      input: {
        NetworkAclId: 'acl-0app1',
        RuleNumber: 100,
        Egress: true,
        CidrBlock: '10.0.1.0/24',
        PortRange: { From: 1024, To: 65535 },
      },
    });
  });

  it('proposes one narrow NACL entry per peer, each with its own free rule number', () => {
    // Act
    const fixes = verdictOf('04-nacl-denies-return-traffic').findings[0]?.fixes ?? [];

    // Assess
    expect(fixes.map((f) => f.awsCli.match(/--rule-number (\d+) .*--cidr-block (\S+)/)?.slice(1))).toEqual([
      ['121', '10.0.1.10/32'],
      ['122', '10.0.1.11/32'],
    ]);
  });

  it('rates 22 open to 0.0.0.0/0 and ::/0 critical', () => {
    // Act
    const v = verdictOf('05-ssh-open-to-world');

    // Assess
    expect(v.findings).toEqual([
      expect.objectContaining({ kind: 'world-exposure', severity: 'critical', ruleId: 'SG-EXPOSURE-ADMIN' }),
    ]);
    expect(v.findings[0]?.peers).toEqual(expect.arrayContaining(['0.0.0.0/0', '::/0']));
  });

  it('does nothing for a call that failed', () => {
    // Act
    const v = verdictOf('06-failed-unauthorized');

    // Assess
    expect(v).toMatchObject({ verdict: 'not-applied', action: 'none', findings: [] });
    expect(v.reason).toMatch(/^Client.UnauthorizedOperation/);
  });

  it('reports a removed self-referencing rule as a broken cluster dependency', () => {
    // Act
    const v = verdictOf('07-self-reference-removed');

    // Assess
    expect(v.findings).toEqual([
      expect.objectContaining({ dependency: 'cache-cluster', blockedBy: ['sg-ingress'] }),
    ]);
    expect(v.revert.steps[0]?.input).toMatchObject({
      GroupId: 'sg-0cache321',
      IpPermissions: [
        expect.objectContaining({ UserIdGroupPairs: [expect.objectContaining({ GroupId: 'sg-0cache321' })] }),
      ],
    });
  });

  it('notifies without reverting a change by an exempt principal', () => {
    // Act
    const v = verdictOf('08-terraform-exempt');

    // Assess
    expect(v.verdict).toBe('violation');
    expect(v.action).toBe('notify');
    expect(v.actionReason).toMatch(/exempt principal/);
  });
});

describe('judge: snapshot position and prior state', () => {
  it('gives the same verdict for a snapshot taken after the change', () => {
    for (const name of ['01-revoke-8080-from-nginx', '02-open-8080-to-world', '05-ssh-open-to-world']) {
      // Act
      const early = verdictOf(name);
      const late = verdictOf(name, stateAfter(name));

      // Assess
      expect(late.snapshotPosition).toBe('after');
      expect(late.findings.map((f) => [f.kind, f.dependency, f.blockedBy, f.ports])).toEqual(
        early.findings.map((f) => [f.kind, f.dependency, f.blockedBy, f.ports]),
      );
      expect(late.revert.steps.map((s) => s.api)).toEqual(early.revert.steps.map((s) => s.api));
    }
  });

  it('notifies instead of guessing when a rule removed by id is judged on a snapshot taken after it', () => {
    // Act
    const v = verdictOf('07-self-reference-removed', stateAfter('07-self-reference-removed'));

    // Assess
    expect(v.snapshotPosition).toBe('after');
    expect(v.findings[0]?.explanation).toMatch(/state before the change is unknown/);
    expect(v.revert.status).toBe('unknown-prior');
    expect(v.action).toBe('notify');
  });

  it('says the prior group list is unknown for an ENI change judged on a snapshot taken after it', () => {
    // Act
    const v = verdictOf('03-stale-sg-on-secondary-eni', stateAfter('03-stale-sg-on-secondary-eni'));

    // Assess
    expect(v.notEvaluated).toContain(
      'eni-0backend2b already has the new groups; its prior groups are unknown',
    );
    expect(v.revert.steps).toEqual([]);
    expect(v.action).not.toBe('revert');
  });

  it('reports a dependency that was already broken apart from what the change caused', () => {
    // Prepare: the nginx rule is already gone when 22 is opened on the same group
    const broken = stateAfter('01-revoke-8080-from-nginx');
    const event = events['05-ssh-open-to-world']!;

    // Act
    const v = judge({ event, model: broken, config, now: NOW });

    // Assess
    expect(v.findings.map((f) => f.kind)).toEqual(['world-exposure']);
    expect(v.preexisting).toEqual([
      expect.objectContaining({ dependency: 'nginx-to-backend', blockedBy: ['sg-ingress'] }),
    ]);
  });

  it('only notifies (never reverts) when policy is notify', () => {
    // Prepare
    const policy = {
      ...config,
      actions: { 'dependency-broken': 'notify', 'world-exposure': 'notify' },
    } as const;

    // Act
    const v = verdictOf('01-revoke-8080-from-nginx', model, policy);

    // Assess
    expect(v.action).toBe('notify');
    expect(v.revert.status).toBe('ready');
  });
});

describe('judge: unreadable input', () => {
  it('notifies and never reverts an invalid event', () => {
    // Prepare
    const event: ParsedEvent = {
      status: 'invalid',
      path: '$.detail.requestParameters.groupId',
      reason: 'missing',
    };

    // Act
    const v = judge({ event, model, config, now: NOW });

    // Assess
    expect(v).toMatchObject({ verdict: 'invalid', action: 'notify', revert: { status: 'none', steps: [] } });
    expect(v.reason).toBe('$.detail.requestParameters.groupId: missing');
  });

  it('ignores events of other kinds with the reason', () => {
    // Prepare
    const event: ParsedEvent = {
      status: 'ignored',
      reason: 'DescribeInstances is not a change sg-guardian judges',
    };

    // Act
    const v = judge({ event, model, config, now: NOW });

    // Assess
    expect(v).toMatchObject({ verdict: 'ignored', action: 'none', findings: [] });
  });
});
