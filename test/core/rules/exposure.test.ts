import { describe, expect, it } from 'vitest';
import { exposedPorts, newlyExposed } from '../../../lambdas/core/rules/exposure';
import { cidrPeer, group, ingress, prefixListPeer, withRules } from '../support/builders';
import { FakeModel } from '../support/fake-model';

const prefixLists = [
  { prefixListId: 'pl-world', cidrs: ['10.0.0.0/8', '0.0.0.0/0'] },
  { prefixListId: 'pl-office', cidrs: ['203.0.113.0/24'] },
  { prefixListId: 'pl-unloaded' },
];

describe('exposedPorts', () => {
  it('expands an all-traffic rule to every tcp and udp port plus an all-protocol entry', () => {
    // Prepare
    const sg = group('sg-1', { rules: [ingress('-1', -1, -1, cidrPeer('0.0.0.0/0'))] });
    // Act
    const exposure = exposedPorts(new FakeModel({ groups: [sg] }), sg, 'ingress');
    // Assess
    expect([...exposure.entries.keys()]).toEqual(['tcp', 'udp', '-1']);
    expect(exposure.entries.get('tcp')?.ranges).toEqual([{ from: 0, to: 65535 }]);
    expect(exposure.entries.get('-1')?.ranges).toEqual([]);
  });

  it('treats a prefix list containing 0.0.0.0/0 as the world, named by its id', () => {
    // Prepare
    const sg = group('sg-1', { rules: [ingress('tcp', 22, 22, prefixListPeer('pl-world'))] });
    // Act
    const exposure = exposedPorts(new FakeModel({ groups: [sg], prefixLists }), sg, 'ingress');
    // Assess
    expect(exposure.entries.get('tcp')?.sources.map((s) => s.peer)).toEqual(['pl-world']);
  });

  it('does not treat a prefix list of office CIDRs as the world', () => {
    // Prepare
    const sg = group('sg-1', { rules: [ingress('tcp', 22, 22, prefixListPeer('pl-office'))] });
    // Act
    const exposure = exposedPorts(new FakeModel({ groups: [sg], prefixLists }), sg, 'ingress');
    // Assess
    expect(exposure.entries.size).toBe(0);
    expect(exposure.unevaluated).toEqual([]);
  });

  it('marks a rule through a prefix list with unknown entries as not evaluated instead of allowing it', () => {
    // Prepare
    const sg = group('sg-1', {
      rules: [
        ingress('tcp', 22, 22, prefixListPeer('pl-unloaded'), 'sgr-1'),
        ingress('tcp', 80, 80, prefixListPeer('pl-gone')),
      ],
    });
    // Act
    const exposure = exposedPorts(new FakeModel({ groups: [sg], prefixLists }), sg, 'ingress');
    // Assess
    expect(exposure.entries.size).toBe(0);
    expect(exposure.unevaluated).toHaveLength(2);
    expect(exposure.unevaluated[0]).toContain('pl-unloaded');
    expect(exposure.unevaluated[0]).toContain('sgr-1');
    expect(exposure.unevaluated[1]).toContain('pl-gone');
  });

  it('keeps directions apart', () => {
    // Prepare
    const sg = group('sg-1', { rules: [ingress('tcp', 22, 22, cidrPeer('0.0.0.0/0'))] });
    // Act
    const exposure = exposedPorts(new FakeModel({ groups: [sg] }), sg, 'egress');
    // Assess
    expect(exposure.entries.size).toBe(0);
  });
});

describe('newlyExposed', () => {
  it('returns only the ports opened since the earlier state', () => {
    // Prepare
    const before = group('sg-1', { rules: [ingress('tcp', 8000, 8080, cidrPeer('0.0.0.0/0'))] });
    const after = withRules(before, [
      ingress('tcp', 8000, 8090, cidrPeer('0.0.0.0/0')),
      ingress('icmp', -1, -1, cidrPeer('::/0')),
    ]);
    const model = new FakeModel({ groups: [before] });
    // Act
    const diff = newlyExposed(exposedPorts(model, before, 'ingress'), exposedPorts(model, after, 'ingress'));
    // Assess
    expect(diff.entries.get('tcp')?.ranges).toEqual([{ from: 8081, to: 8090 }]);
    expect(diff.entries.has('icmp')).toBe(true);
  });
});
