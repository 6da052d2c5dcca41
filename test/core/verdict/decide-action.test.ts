import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../lambdas/core/config/parse-config';
import type { Actor } from '../../../lambdas/core/events/types';
import type { NetworkModel, SecurityGroup } from '../../../lambdas/core/model/types';
import { decideAction } from '../../../lambdas/core/verdict/decide-action';
import type { Finding, RevertPlan } from '../../../lambdas/core/verdict/types';

const config = parseConfig(
  [
    'actions: { dependency-broken: revert, world-exposure: notify }',
    'exemptions:',
    '  principals: ["arn:aws:iam::123456789012:role/terraform-ci", "arn:aws:iam::123456789012:role/breakglass-*"]',
  ].join('\n'),
  'guardian.yaml',
);
const ready: RevertPlan = {
  status: 'ready',
  steps: [{ api: 'X', input: {}, iamAction: 'ec2:X', summary: 'x' }],
};
const broken = {
  id: 'f1',
  kind: 'dependency-broken',
  ruleId: 'SG-DEPENDENCY-BROKEN',
  severity: 'critical',
} as Finding;
const exposed = {
  id: 'f2',
  kind: 'world-exposure',
  ruleId: 'SG-EXPOSURE-ADMIN',
  severity: 'critical',
} as Finding;
const alice: Actor = { arn: 'arn:aws:iam::123456789012:user/alice', type: 'IAMUser', via: 'console' };

function modelWithTags(tags: Record<string, string>): NetworkModel {
  const group = { groupId: 'sg-0a', groupName: 'a', tags, rules: [] } as SecurityGroup;
  return { group: (id: string) => (id === 'sg-0a' ? group : undefined) } as NetworkModel;
}

function decide(overrides: Partial<Parameters<typeof decideAction>[0]> = {}) {
  return decideAction({
    findings: [broken],
    revert: ready,
    actor: alice,
    groupIds: ['sg-0a'],
    model: modelWithTags({}),
    config,
    now: new Date('2026-11-20T12:00:00Z'),
    ...overrides,
  });
}

describe('decideAction', () => {
  it('reverts a broken dependency when policy says revert and nothing casts doubt', () => {
    expect(decide()).toEqual({ action: 'revert' });
  });

  it('only notifies when the finding kind is set to notify', () => {
    expect(decide({ findings: [exposed] })).toMatchObject({ action: 'notify' });
  });

  it('does nothing without findings', () => {
    expect(decide({ findings: [] })).toEqual({ action: 'none' });
  });

  it('never reverts when a rule errored, even next to a revertable finding', () => {
    // Prepare
    const ruleError = { ...exposed, id: 'f3', kind: 'rule-error' } as Finding;

    // Act
    const decision = decide({ findings: [broken, ruleError] });

    // Assess
    expect(decision.action).toBe('notify');
    expect(decision.reason).toMatch(/never revert on doubt/);
  });

  it('notifies instead of guessing when the prior state is unknown', () => {
    // Act
    const decision = decide({
      revert: { status: 'unknown-prior', steps: [], reason: 'prior group list unknown' },
    });

    // Assess
    expect(decision).toEqual({ action: 'notify', reason: 'prior group list unknown' });
  });

  it('downgrades to notify for an exempt role, matched through the assumed-role session issuer', () => {
    // Prepare
    const terraform: Actor = {
      arn: 'arn:aws:sts::123456789012:assumed-role/terraform-ci/run-1',
      sessionIssuerArn: 'arn:aws:iam::123456789012:role/terraform-ci',
      via: 'terraform',
    };

    // Act
    const decision = decide({ actor: terraform });

    // Assess
    expect(decision).toEqual({
      action: 'notify',
      reason: 'exempt principal arn:aws:iam::123456789012:role/terraform-ci',
    });
  });

  it('matches exempt principals ending in * as a prefix, and nothing else', () => {
    // Prepare
    const glass: Actor = { sessionIssuerArn: 'arn:aws:iam::123456789012:role/breakglass-ops', via: 'cli' };
    const other: Actor = { sessionIssuerArn: 'arn:aws:iam::123456789012:role/breakglas', via: 'cli' };

    // Act / Assess
    expect(decide({ actor: glass }).action).toBe('notify');
    expect(decide({ actor: other }).action).toBe('revert');
  });

  it('honours a break-glass tag until its time, and not after', () => {
    // Prepare
    const model = modelWithTags({ 'guardian:exempt-until': '2026-11-20T13:00:00Z' });

    // Act
    const during = decide({ model, now: new Date('2026-11-20T12:59:00Z') });
    const afterwards = decide({ model, now: new Date('2026-11-20T13:00:01Z') });

    // Assess
    expect(during).toEqual({
      action: 'notify',
      reason: 'break-glass tag on sg-0a until 2026-11-20T13:00:00Z',
    });
    expect(afterwards).toEqual({ action: 'revert' });
  });

  it('never reverts a change whose author is unknown (a drift found by the sweep)', () => {
    // Act
    const decision = decide({ actor: { via: 'unknown' } });

    // Assess
    expect(decision.action).toBe('notify');
    expect(decision.reason).toMatch(/unknown/);
  });

  it('ignores a break-glass tag that is not a time, and says so', () => {
    // Act
    const decision = decide({ model: modelWithTags({ 'guardian:exempt-until': 'tomorrow' }) });

    // Assess
    expect(decision.action).toBe('revert');
    expect(decision.reason).toBe('break-glass tag on sg-0a is not an ISO-8601 time ("tomorrow"): not honoured');
  });
});
