import { describe, expect, it } from 'vitest';
import { evaluateDependency } from '../../../lambdas/core/reachability/evaluate-dependency';
import { cidrPeer, defaultEgress, ingress, prefixListPeer, type RuleInput } from '../support/builders';
import { nginxToBackend, webBackendModel } from '../support/web-backend';

/** The sg-ingress result of the first nginx -> backend pair when the backend has `rules`. */
function ingressStatus(rules: readonly RuleInput[]) {
  const base = webBackendModel({ backendRules: [...rules, defaultEgress()] });
  const model = base.with({
    prefixLists: [
      { prefixListId: 'pl-web', cidrs: ['10.0.0.0/24'] },
      { prefixListId: 'pl-other', cidrs: ['192.168.0.0/16'] },
      { prefixListId: 'pl-unloaded' },
    ],
  });
  const layerResult = evaluateDependency(model, nginxToBackend).pairs[0]?.layers.find(
    (l) => l.layer === 'sg-ingress',
  );
  return layerResult;
}

describe('security group layers', () => {
  it('(h) allows through a CIDR rule that contains the source IP', () => {
    // Prepare
    const rules = [ingress('tcp', 8080, 8080, cidrPeer('10.0.0.0/24'), 'sgr-cidr')];
    // Act
    const result = ingressStatus(rules);
    // Assess
    expect(result?.status).toBe('allow');
    expect(result?.decidedBy).toBe('sgr-cidr');
  });

  it('blocks when the CIDR does not contain the source IP', () => {
    // Prepare
    const rules = [ingress('tcp', 8080, 8080, cidrPeer('10.0.2.0/24'))];
    // Act
    const result = ingressStatus(rules);
    // Assess
    expect(result?.status).toBe('block');
  });

  it('never matches an IPv4 source with an IPv6 CIDR, even ::/0', () => {
    // Prepare
    const rules = [ingress('tcp', 8080, 8080, cidrPeer('::/0'))];
    // Act
    const result = ingressStatus(rules);
    // Assess
    expect(result?.status).toBe('block');
  });

  it('allows through a prefix list containing the source IP', () => {
    // Prepare
    const rules = [ingress('tcp', 8080, 8080, prefixListPeer('pl-web'))];
    // Act
    const result = ingressStatus(rules);
    // Assess
    expect(result?.status).toBe('allow');
    expect(result?.detail).toContain('pl-web');
  });

  it('blocks through a prefix list that does not contain the source IP', () => {
    // Prepare
    const rules = [ingress('tcp', 8080, 8080, prefixListPeer('pl-other'))];
    // Act
    const result = ingressStatus(rules);
    // Assess
    expect(result?.status).toBe('block');
  });

  it('reports a prefix list without entries as not evaluated rather than blocked or allowed', () => {
    // Prepare
    const rules = [ingress('tcp', 8080, 8080, prefixListPeer('pl-unloaded'))];
    // Act
    const result = ingressStatus(rules);
    // Assess
    expect(result?.status).toBe('not-evaluated');
    expect(result?.detail).toContain('pl-unloaded');
  });

  it('allows when another rule allows despite a prefix list without entries', () => {
    // Prepare
    const rules = [
      ingress('tcp', 8080, 8080, prefixListPeer('pl-unloaded')),
      ingress('tcp', 8000, 8999, cidrPeer('10.0.0.10/32')),
    ];
    // Act
    const result = ingressStatus(rules);
    // Assess
    expect(result?.status).toBe('allow');
  });

  it('lets an all-traffic rule cover the port, but not a rule on another port or protocol', () => {
    // Prepare
    const all = [ingress('-1', -1, -1, cidrPeer('10.0.0.0/16'))];
    const wrong = [
      ingress('tcp', 8081, 9000, cidrPeer('10.0.0.0/16')),
      ingress('udp', 8080, 8080, cidrPeer('10.0.0.0/16')),
    ];
    // Act
    const allowed = ingressStatus(all);
    const blocked = ingressStatus(wrong);
    // Assess
    expect(allowed?.status).toBe('allow');
    expect(blocked?.status).toBe('block');
  });
});
