import { describe, expect, it } from 'vitest';
import { exposureAdmin } from '../../../lambdas/core/rules/exposure-admin';
import { cidrPeer, group, ingress, sgPeer } from '../support/builders';
import { contextFor } from '../support/exposure-context';

const WORLD = cidrPeer('0.0.0.0/0');

describe('SG-EXPOSURE-ADMIN', () => {
  it('reports ssh open to 0.0.0.0/0', () => {
    // Prepare
    const ctx = contextFor(group('sg-1', { rules: [ingress('tcp', 22, 22, WORLD)] }));
    // Act
    const hits = exposureAdmin(ctx);
    // Assess
    expect(hits).toMatchObject([
      { direction: 'ingress', protocol: 'tcp', ports: [{ from: 22, to: 22 }], peers: ['0.0.0.0/0'] },
    ]);
  });

  it('reports only port 22 of a 20-25 range', () => {
    // Prepare
    const ctx = contextFor(group('sg-1', { rules: [ingress('tcp', 20, 25, WORLD)] }));
    // Act
    const hits = exposureAdmin(ctx);
    // Assess
    expect(hits.map((h) => h.ports)).toEqual([[{ from: 22, to: 22 }]]);
  });

  it('reports rdp open to ::/0 with the IPv6 peer', () => {
    // Prepare
    const ctx = contextFor(group('sg-1', { rules: [ingress('tcp', 3389, 3389, cidrPeer('::/0'))] }));
    // Act
    const hits = exposureAdmin(ctx);
    // Assess
    expect(hits).toMatchObject([
      { direction: 'ingress', protocol: 'tcp', ports: [{ from: 3389, to: 3389 }], peers: ['::/0'] },
    ]);
  });

  it('counts protocol -1 as ssh and rdp over tcp and rdp over udp', () => {
    // Prepare
    const ctx = contextFor(group('sg-1', { rules: [ingress('-1', -1, -1, WORLD)] }));
    // Act
    const hits = exposureAdmin(ctx);
    // Assess
    expect(hits).toMatchObject([
      {
        direction: 'ingress',
        protocol: 'tcp',
        ports: [
          { from: 22, to: 22 },
          { from: 3389, to: 3389 },
        ],
        peers: ['0.0.0.0/0'],
      },
      { direction: 'ingress', protocol: 'udp', ports: [{ from: 3389, to: 3389 }], peers: ['0.0.0.0/0'] },
    ]);
  });

  it('ignores ssh from a private CIDR or a security group', () => {
    // Prepare
    const ctx = contextFor(
      group('sg-1', {
        rules: [ingress('tcp', 22, 22, cidrPeer('10.0.0.0/8')), ingress('tcp', 22, 22, sgPeer('sg-bastion'))],
      }),
    );
    // Act
    const hits = exposureAdmin(ctx);
    // Assess
    expect(hits).toEqual([]);
  });

  it('ignores world-open ports that are not admin ports', () => {
    // Prepare
    const ctx = contextFor(
      group('sg-1', { rules: [ingress('tcp', 443, 443, WORLD), ingress('udp', 22, 22, WORLD)] }),
    );
    // Act
    const hits = exposureAdmin(ctx);
    // Assess
    expect(hits).toEqual([]);
  });
});
