import { describe, expect, it } from 'vitest';
import { exposureInternalApp } from '../../../lambdas/core/rules/exposure-internal-app';
import { cidrPeer, group, ingress } from '../support/builders';
import { contextFor } from '../support/exposure-context';

const WORLD = cidrPeer('0.0.0.0/0');

describe('SG-EXPOSURE-INTERNAL-APP', () => {
  it('reports 8080 open to the world', () => {
    // Prepare
    const ctx = contextFor(group('sg-app', { rules: [ingress('tcp', 8080, 8080, WORLD)] }));
    // Act
    const hits = exposureInternalApp(ctx);
    // Assess
    expect(hits).toMatchObject([
      { direction: 'ingress', protocol: 'tcp', ports: [{ from: 8080, to: 8080 }], peers: ['0.0.0.0/0'] },
    ]);
  });

  it('leaves 9042 (Cassandra) of a 9000-9100 range to the database rule', () => {
    // Prepare
    const ctx = contextFor(group('sg-app', { rules: [ingress('tcp', 9000, 9100, WORLD)] }));
    // Act
    const hits = exposureInternalApp(ctx);
    // Assess
    expect(hits[0]?.ports).toEqual([
      { from: 9000, to: 9041 },
      { from: 9043, to: 9100 },
    ]);
  });

  it('reports the Docker API and kubelet', () => {
    // Prepare
    const ctx = contextFor(
      group('sg-node', { rules: [ingress('tcp', 2375, 2376, WORLD), ingress('tcp', 10250, 10250, WORLD)] }),
    );
    // Act
    const hits = exposureInternalApp(ctx);
    // Assess
    expect(hits[0]?.ports).toEqual([
      { from: 2375, to: 2376 },
      { from: 10250, to: 10250 },
    ]);
  });

  it('ignores 8080 open only to the VPC CIDR', () => {
    // Prepare
    const ctx = contextFor(group('sg-app', { rules: [ingress('tcp', 8080, 8080, cidrPeer('10.0.0.0/16'))] }));
    // Act
    const hits = exposureInternalApp(ctx);
    // Assess
    expect(hits).toEqual([]);
  });
});
