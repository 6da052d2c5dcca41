import { describe, expect, it } from 'vitest';
import { type GuardianConfig, ConfigSchema } from '../../../lambdas/core/config/schema';
import type { ParsedEvent } from '../../../lambdas/core/events/types';
import { diffExposure } from '../../../lambdas/core/verdict/exposure-diff';
import { judge } from '../../../lambdas/core/verdict/judge';
import { cidrPeer, group, ingress, prefixListPeer, type RuleInput } from '../support/builders';
import { FakeModel } from '../support/fake-model';

const config: GuardianConfig = ConfigSchema.parse({ actions: { 'world-exposure': 'revert' } });
const NOW = new Date('2026-12-02T09:00:00Z');

const modelWith = (rules: readonly RuleInput[]) =>
  new FakeModel({ groups: [group('sg-1', { name: 'bastion', rules })] });

const OLD_SLASH8 = ingress('tcp', 22, 22, cidrPeer('1.0.0.0/8'), 'sgr-old');
const LOW_HALF = ingress('tcp', 22, 22, cidrPeer('0.0.0.0/1'), 'sgr-low');
const HIGH_HALF = ingress('tcp', 22, 22, cidrPeer('128.0.0.0/1'), 'sgr-high');

function authorize(rules: readonly RuleInput[]): ParsedEvent {
  return {
    status: 'parsed',
    meta: {
      eventId: 'evt-halves',
      eventName: 'AuthorizeSecurityGroupIngress',
      actor: { arn: 'arn:aws:iam::123456789012:user/alice', type: 'IAMUser', via: 'cli' },
    },
    change: {
      kind: 'sg-rules-added',
      groupId: 'sg-1',
      direction: 'ingress',
      rules: rules.map(({ protocol, fromPort, toPort, peer, ruleId }) => ({
        protocol,
        fromPort,
        toPort,
        peer,
        ...(ruleId ? { ruleId } : {}),
      })),
    },
  };
}

describe('diffExposure on public address space', () => {
  it('reports ssh grown from a /8 to the whole internet as new, at the larger severity', () => {
    // Prepare
    const before = modelWith([OLD_SLASH8]);
    const after = modelWith([OLD_SLASH8, LOW_HALF, HIGH_HALF]);
    // Act
    const diff = diffExposure(['sg-1'], before, after, config);
    // Assess
    expect(diff.findings.map((f) => [f.ruleId, f.severity, f.ports])).toEqual([
      ['SG-EXPOSURE-ADMIN', 'critical', [{ from: 22, to: 22 }]],
    ]);
    expect(diff.findings[0]?.sources?.map((s) => s.ruleId)).toEqual(['sgr-low', 'sgr-old', 'sgr-high']);
  });

  it('does not report exposure that was already as wide before the change', () => {
    // Prepare
    const before = modelWith([LOW_HALF, HIGH_HALF]);
    const after = modelWith([LOW_HALF, HIGH_HALF, ingress('tcp', 22, 22, cidrPeer('::/0'), 'sgr-v6')]);
    // Act
    const diff = diffExposure(['sg-1'], before, after, config);
    // Assess
    expect(diff.findings).toEqual([]);
  });

  it('does not report narrowing the world to a /8 as new exposure', () => {
    // Prepare
    const before = modelWith([ingress('tcp', 22, 22, cidrPeer('0.0.0.0/0'), 'sgr-1')]);
    const after = modelWith([ingress('tcp', 22, 22, cidrPeer('1.0.0.0/8'), 'sgr-1')]);
    // Act
    const diff = diffExposure(['sg-1'], before, after, config);
    // Assess
    expect(diff.findings).toEqual([]);
  });
});

describe('diffExposure through a prefix list', () => {
  it('reports ssh through a prefix list that grew from one /1 half to both as new world exposure', () => {
    // Prepare
    const sg = group('sg-1', { rules: [ingress('tcp', 22, 22, prefixListPeer('pl-ops'), 'sgr-pl')] });
    const before = new FakeModel({ groups: [sg], prefixLists: [{ prefixListId: 'pl-ops', cidrs: ['8.8.8.0/24'] }] });
    const after = new FakeModel({
      groups: [sg],
      prefixLists: [{ prefixListId: 'pl-ops', cidrs: ['8.8.8.0/24', '0.0.0.0/1', '128.0.0.0/1'] }],
    });
    // Act
    const diff = diffExposure(['sg-1'], before, after, config);
    // Assess
    expect(diff.findings.map((f) => [f.severity, f.peers, f.sources])).toEqual([
      ['critical', ['pl-ops'], [{ peer: 'pl-ops', ruleId: 'sgr-pl' }]],
    ]);
  });
});

describe('judge: ssh opened as two /1 halves', () => {
  it('is a critical violation whose revert revokes exactly the two added rules', () => {
    // Prepare
    const snapshotBefore = modelWith([OLD_SLASH8, ingress('tcp', 443, 443, cidrPeer('0.0.0.0/0'), 'sgr-https')]);
    // Act
    const v = judge({ event: authorize([LOW_HALF, HIGH_HALF]), model: snapshotBefore, config, now: NOW });
    // Assess
    expect(v.verdict).toBe('violation');
    expect(v.findings.map((f) => [f.ruleId, f.severity])).toEqual([['SG-EXPOSURE-ADMIN', 'critical']]);
    expect(v.findings[0]?.explanation).toContain('0.0.0.0/1 + 1.0.0.0/8 + 128.0.0.0/1');
    expect(v.revert.steps).toEqual([
      expect.objectContaining({
        api: 'RevokeSecurityGroupIngress',
        input: { GroupId: 'sg-1', SecurityGroupRuleIds: ['sgr-low', 'sgr-high'] },
      }),
    ]);
    expect(v.action).toBe('revert');
  });
});
