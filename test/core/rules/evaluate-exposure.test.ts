import { describe, expect, it } from 'vitest';
import { DEFAULT_WORLD_THRESHOLD, type GuardianConfig } from '../../../lambdas/core/config/schema';
import { evaluateExposure } from '../../../lambdas/core/rules/evaluate-exposure';
import { RULE_REGISTRY } from '../../../lambdas/core/rules/registry';
import type { ExposureRule } from '../../../lambdas/core/rules/types';
import { cidrPeer, defaultEgress, group, ingress, prefixListPeer, sgPeer } from '../support/builders';
import { FakeModel } from '../support/fake-model';

const config = (exposure: Partial<GuardianConfig['exposure']> = {}): Pick<GuardianConfig, 'exposure'> => ({
  exposure: { allowPublic: [], reportEgress: false, world: DEFAULT_WORLD_THRESHOLD, ...exposure },
});

const WORLD = cidrPeer('0.0.0.0/0');

function model() {
  return new FakeModel({
    groups: [
      group('sg-web', {
        name: 'web',
        rules: [ingress('tcp', 22, 22, WORLD), ingress('tcp', 443, 443, WORLD), defaultEgress()],
      }),
      group('sg-app', {
        name: 'app',
        rules: [ingress('tcp', 8080, 8080, sgPeer('sg-web')), defaultEgress()],
      }),
    ],
  });
}

describe('evaluateExposure', () => {
  it('produces one finding per rule hit with registry metadata', () => {
    // Prepare
    const m = model();
    // Act
    const { findings } = evaluateExposure(m, config());
    // Assess
    expect(findings.map((f) => [f.ruleId, f.severity, f.groupId, f.ports])).toEqual([
      ['SG-EXPOSURE-ADMIN', 'critical', 'sg-web', [{ from: 22, to: 22 }]],
      ['SG-EXPOSURE-OTHER', 'medium', 'sg-web', [{ from: 443, to: 443 }]],
    ]);
    expect(findings[0]).toMatchObject({
      kind: 'world-exposure',
      direction: 'ingress',
      protocol: 'tcp',
      peers: ['0.0.0.0/0'],
    });
    expect(findings[0]?.explanation).toContain('Session Manager');
    expect(findings[0]?.id).toMatch(/^fnd-[0-9a-f]{32}$/);
  });

  it('gives the same finding the same id on every run and different findings different ids', () => {
    // Prepare
    const m = model();
    // Act
    const first = evaluateExposure(m, config()).findings.map((f) => f.id);
    const second = evaluateExposure(model(), config()).findings.map((f) => f.id);
    // Assess
    expect(second).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
  });

  it('reports world egress only when reportEgress is on', () => {
    // Prepare
    const m = model();
    // Act
    const off = evaluateExposure(m, config()).findings.filter((f) => f.kind === 'world-egress');
    const on = evaluateExposure(m, config({ reportEgress: true })).findings.filter(
      (f) => f.kind === 'world-egress',
    );
    // Assess
    expect(off).toEqual([]);
    expect(on.map((f) => [f.ruleId, f.groupId, f.severity, f.protocol])).toEqual([
      ['SG-EGRESS-WORLD', 'sg-app', 'low', '-1'],
      ['SG-EGRESS-WORLD', 'sg-web', 'low', '-1'],
    ]);
  });

  it('checks only the groups asked for', () => {
    // Prepare
    const m = model();
    // Act
    const { findings } = evaluateExposure(m, config(), { groupIds: ['sg-app', 'sg-unknown'] });
    // Assess
    expect(findings).toEqual([]);
  });

  it('turns a throwing rule into a rule-error finding and still runs the other rules', () => {
    // Prepare
    const broken: ExposureRule = {
      ...RULE_REGISTRY[0]!,
      id: 'SG-TEST-BROKEN',
      check: () => {
        throw new Error('boom');
      },
    };
    const admin: ExposureRule = {
      ...RULE_REGISTRY[0]!,
      check: () => [{ direction: 'ingress', protocol: 'tcp', peers: [] }],
    };
    // Act
    const { findings } = evaluateExposure(model(), config(), {
      groupIds: ['sg-web'],
      rules: [broken, admin],
    });
    // Assess
    expect(findings.map((f) => [f.kind, f.ruleId, f.severity])).toEqual([
      ['rule-error', 'SG-TEST-BROKEN', 'high'],
      ['world-exposure', 'SG-EXPOSURE-ADMIN', 'critical'],
    ]);
    expect(findings[0]?.explanation).toContain('boom');
    expect(findings[0]?.groupId).toBe('sg-web');
  });

  it('reports a prefix list with unknown entries as not evaluated, without a finding', () => {
    // Prepare
    const m = new FakeModel({
      groups: [group('sg-1', { rules: [ingress('tcp', 22, 22, prefixListPeer('pl-unloaded'))] })],
      prefixLists: [{ prefixListId: 'pl-unloaded' }],
    });
    // Act
    const result = evaluateExposure(m, config());
    // Assess
    expect(result.findings).toEqual([]);
    expect(result.notEvaluated).toHaveLength(1);
    expect(result.notEvaluated[0]).toContain('pl-unloaded');
  });

  it('reports exposure through a prefix list that contains 0.0.0.0/0', () => {
    // Prepare
    const m = new FakeModel({
      groups: [group('sg-1', { rules: [ingress('tcp', 5432, 5432, prefixListPeer('pl-any'))] })],
      prefixLists: [{ prefixListId: 'pl-any', cidrs: ['0.0.0.0/0'] }],
    });
    // Act
    const { findings } = evaluateExposure(m, config());
    // Assess
    expect(findings.map((f) => [f.ruleId, f.peers])).toEqual([['SG-EXPOSURE-DATABASE', ['pl-any']]]);
  });
});
