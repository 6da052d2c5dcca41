import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WORLD_THRESHOLD,
  type GuardianConfig,
  type WorldThreshold,
} from '../../../lambdas/core/config/schema';
import { evaluateExposure } from '../../../lambdas/core/rules/evaluate-exposure';
import { cidrPeer, group, ingress, prefixListPeer, type RuleInput } from '../support/builders';
import { FakeModel } from '../support/fake-model';

const config = (world: WorldThreshold = DEFAULT_WORLD_THRESHOLD): Pick<GuardianConfig, 'exposure'> => ({
  exposure: { allowPublic: [], reportEgress: false, world },
});

const prefixLists = [
  { prefixListId: 'pl-halves', cidrs: ['0.0.0.0/1', '128.0.0.0/1'] },
  { prefixListId: 'pl-half', cidrs: ['0.0.0.0/1'] },
  { prefixListId: 'pl-unloaded' },
];

function findingsOf(rules: readonly RuleInput[], world?: WorldThreshold) {
  const model = new FakeModel({ groups: [group('sg-1', { name: 'web', rules })], prefixLists });
  return evaluateExposure(model, config(world));
}

describe('world exposure as public address space', () => {
  it('reports ssh opened to the two /1 halves as critical world exposure, naming both rules', () => {
    // Prepare
    const rules = [
      ingress('tcp', 22, 22, cidrPeer('0.0.0.0/1'), 'sgr-low'),
      ingress('tcp', 22, 22, cidrPeer('128.0.0.0/1'), 'sgr-high'),
    ];
    // Act
    const { findings } = findingsOf(rules);
    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'SG-EXPOSURE-ADMIN',
      severity: 'critical',
      ports: [{ from: 22, to: 22 }],
      peers: ['0.0.0.0/1', '128.0.0.0/1'],
      sources: [
        { peer: '0.0.0.0/1', ruleId: 'sgr-low' },
        { peer: '128.0.0.0/1', ruleId: 'sgr-high' },
      ],
      space: 'the whole IPv4 internet',
    });
    expect(findings[0]?.explanation).toContain(
      'accepts tcp 22 from 0.0.0.0/1 + 128.0.0.0/1 (the whole IPv4 internet; rules sgr-low, sgr-high)',
    );
  });

  it('reports rdp open to 1.0.0.0/8 as world exposure, one step below critical', () => {
    // Act
    const { findings } = findingsOf([ingress('tcp', 3389, 3389, cidrPeer('1.0.0.0/8'), 'sgr-rdp')]);
    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'SG-EXPOSURE-ADMIN',
      severity: 'high',
      peers: ['1.0.0.0/8'],
      space: '2^24 public IPv4 addresses',
    });
    expect(findings[0]?.title).toContain('a large public range');
  });

  it.each([
    ['an office /24', '198.51.100.0/24'],
    ['a public /24', '8.8.8.0/24'],
    ['10.0.0.0/8', '10.0.0.0/8'],
    ['shared CGNAT space', '100.64.0.0/10'],
    ['IPv6 unique local space', 'fc00::/7'],
  ])('does not report ssh from %s', (_name, cidr) => {
    // Act
    const { findings } = findingsOf([ingress('tcp', 22, 22, cidrPeer(cidr))]);
    // Assess
    expect(findings).toEqual([]);
  });

  it('adds up rules over the same port: many /9s make a world /8', () => {
    // Prepare
    const rules = [
      ingress('tcp', 5432, 5432, cidrPeer('11.128.0.0/9'), 'sgr-a'),
      ingress('tcp', 5432, 5432, cidrPeer('12.0.0.0/9'), 'sgr-b'),
    ];
    // Act
    const { findings } = findingsOf(rules);
    // Assess
    expect(findings.map((f) => [f.ruleId, f.severity, f.sources?.map((s) => s.ruleId)])).toEqual([
      ['SG-EXPOSURE-DATABASE', 'high', ['sgr-a', 'sgr-b']],
    ]);
  });

  it('judges each port on the rules that open it: 22 from both halves, 80 from one', () => {
    // Prepare
    const rules = [
      ingress('tcp', 22, 80, cidrPeer('0.0.0.0/1'), 'sgr-wide'),
      ingress('tcp', 22, 22, cidrPeer('128.0.0.0/1'), 'sgr-ssh'),
      ingress('tcp', 80, 80, cidrPeer('8.8.8.0/24'), 'sgr-office'),
    ];
    // Act
    const { findings } = findingsOf(rules);
    // Assess
    const admin = findings.find((f) => f.ruleId === 'SG-EXPOSURE-ADMIN');
    const other = findings.find((f) => f.ruleId === 'SG-EXPOSURE-OTHER');
    expect(admin?.sources?.map((s) => s.ruleId)).toEqual(['sgr-wide', 'sgr-ssh']);
    expect(admin?.space).toBe('the whole IPv4 internet');
    expect(other?.ports).toEqual([{ from: 23, to: 80 }]);
    expect(other?.sources?.map((s) => s.ruleId)).toEqual(['sgr-wide', 'sgr-office']);
  });

  it('splits one port class by size: ssh to the world is critical, rdp to a /8 is high', () => {
    // Prepare
    const rules = [
      ingress('tcp', 22, 22, cidrPeer('0.0.0.0/0')),
      ingress('tcp', 3389, 3389, cidrPeer('1.0.0.0/8')),
    ];
    // Act
    const { findings } = findingsOf(rules);
    // Assess
    expect(findings.map((f) => [f.severity, f.ports])).toEqual([
      ['critical', [{ from: 22, to: 22 }]],
      ['high', [{ from: 3389, to: 3389 }]],
    ]);
    expect(new Set(findings.map((f) => f.id)).size).toBe(2);
  });

  it('treats a prefix list holding 0.0.0.0/1 and 128.0.0.0/1 as the world, named by its id', () => {
    // Act
    const { findings } = findingsOf([ingress('tcp', 22, 22, prefixListPeer('pl-halves'), 'sgr-pl')]);
    // Assess
    expect(findings[0]).toMatchObject({
      severity: 'critical',
      peers: ['pl-halves'],
      sources: [{ peer: 'pl-halves', ruleId: 'sgr-pl' }],
      space: 'the whole IPv4 internet',
    });
  });

  it('adds a prefix list to a direct CIDR rule on the same port', () => {
    // Prepare
    const rules = [
      ingress('tcp', 22, 22, prefixListPeer('pl-half')),
      ingress('tcp', 22, 22, cidrPeer('128.0.0.0/1')),
    ];
    // Act
    const { findings } = findingsOf(rules, { ipv4Prefix: 0, ipv6Prefix: 0 });
    // Assess
    expect(findings.map((f) => [f.severity, f.peers])).toEqual([['critical', ['128.0.0.0/1', 'pl-half']]]);
  });

  it('keeps a prefix list with unknown entries not evaluated', () => {
    // Act
    const result = findingsOf([ingress('tcp', 22, 22, prefixListPeer('pl-unloaded'))]);
    // Assess
    expect(result.findings).toEqual([]);
    expect(result.notEvaluated[0]).toContain('pl-unloaded');
  });

  it('follows the configured threshold: the office /24 counts when the threshold is a /24', () => {
    // Prepare
    const rules = [ingress('tcp', 22, 22, cidrPeer('8.8.8.0/24'))];
    // Act
    const strict = findingsOf(rules, { ipv4Prefix: 24, ipv6Prefix: 48 }).findings;
    const literal = findingsOf([ingress('tcp', 22, 22, cidrPeer('1.0.0.0/8'))], {
      ipv4Prefix: 0,
      ipv6Prefix: 0,
    }).findings;
    // Assess
    expect(strict.map((f) => f.severity)).toEqual(['high']);
    expect(literal).toEqual([]);
  });

  it('reports all traffic from a /8 once, and keeps a port open to the whole internet apart', () => {
    // Prepare
    const rules = [
      ingress('-1', -1, -1, cidrPeer('1.0.0.0/8'), 'sgr-all'),
      ingress('tcp', 443, 443, cidrPeer('0.0.0.0/0'), 'sgr-https'),
    ];
    // Act
    const { findings } = findingsOf(rules);
    // Assess
    const other = findings.filter((f) => f.ruleId === 'SG-EXPOSURE-OTHER');
    expect(other.map((f) => [f.protocol, f.severity, f.ports])).toEqual([
      ['-1', 'low', undefined],
      ['tcp', 'medium', [{ from: 443, to: 443 }]],
    ]);
  });

  it('still reports 0.0.0.0/0 and ::/0 as the whole internet at the rule severity', () => {
    // Act
    const { findings } = findingsOf([
      ingress('tcp', 22, 22, cidrPeer('0.0.0.0/0')),
      ingress('tcp', 22, 22, cidrPeer('::/0')),
    ]);
    // Assess
    expect(findings.map((f) => [f.severity, f.peers, f.space])).toEqual([
      ['critical', ['0.0.0.0/0', '::/0'], 'the whole IPv4 internet and the whole IPv6 internet'],
    ]);
  });
});
