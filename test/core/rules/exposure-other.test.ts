import { describe, expect, it } from 'vitest';
import type { AllowPublic } from '../../../lambdas/core/config/schema';
import { exposureOther } from '../../../lambdas/core/rules/exposure-other';
import { cidrPeer, group, ingress } from '../support/builders';
import { contextFor, contextOf } from '../support/exposure-context';
import { FakeModel } from '../support/fake-model';

const WORLD = cidrPeer('0.0.0.0/0');
const WORLD6 = cidrPeer('::/0');
const webPorts = () => [
  ingress('tcp', 80, 80, WORLD),
  ingress('tcp', 443, 443, WORLD),
  ingress('tcp', 443, 443, WORLD6),
];
const publicWeb: AllowPublic = {
  groups: { tags: { Exposure: 'public' } },
  ports: [80, 443],
  protocol: 'tcp',
  direction: 'ingress',
};

function twoGroups() {
  return new FakeModel({
    groups: [
      group('sg-alb', { tags: { Exposure: 'public' }, rules: webPorts() }),
      group('sg-internal', { tags: { Exposure: 'private' }, rules: webPorts() }),
    ],
  });
}

describe('SG-EXPOSURE-OTHER', () => {
  it('allows 80/443 for a group tagged Exposure=public', () => {
    // Prepare
    const ctx = contextOf(twoGroups(), 'sg-alb', [publicWeb]);
    // Act
    const hits = exposureOther(ctx);
    // Assess
    expect(hits).toEqual([]);
  });

  it('reports 80/443 on a group the allowPublic entry does not select, with both peers', () => {
    // Prepare
    const ctx = contextOf(twoGroups(), 'sg-internal', [publicWeb]);
    // Act
    const hits = exposureOther(ctx);
    // Assess
    expect(hits).toMatchObject([
      {
        direction: 'ingress',
        protocol: 'tcp',
        ports: [
          { from: 80, to: 80 },
          { from: 443, to: 443 },
        ],
        peers: ['0.0.0.0/0', '::/0'],
      },
    ]);
  });

  it('names only the peers that open the reported ports', () => {
    // Prepare
    const ctx = contextOf(twoGroups(), 'sg-internal', [
      { ...publicWeb, groups: { groupId: 'sg-internal' }, ports: [80] },
    ]);
    // Act
    const hits = exposureOther(ctx);
    // Assess
    expect(hits).toMatchObject([
      {
        direction: 'ingress',
        protocol: 'tcp',
        ports: [{ from: 443, to: 443 }],
        peers: ['0.0.0.0/0', '::/0'],
      },
    ]);
  });

  it('allows udp too when the allowPublic protocol is any', () => {
    // Prepare
    const sg = group('sg-dns', { rules: [ingress('udp', 53, 53, WORLD), ingress('tcp', 53, 53, WORLD)] });
    const any: AllowPublic = {
      groups: { groupId: 'sg-dns' },
      ports: [53],
      protocol: 'any',
      direction: 'ingress',
    };
    // Act
    const hits = exposureOther(contextFor(sg, [any]));
    // Assess
    expect(hits).toEqual([]);
  });

  it('does not let an egress allowPublic entry allow ingress', () => {
    // Prepare
    const sg = group('sg-1', { rules: [ingress('tcp', 443, 443, WORLD)] });
    const egressOnly: AllowPublic = {
      groups: { groupId: 'sg-1' },
      ports: [443],
      protocol: 'tcp',
      direction: 'egress',
    };
    // Act
    const hits = exposureOther(contextFor(sg, [egressOnly]));
    // Assess
    expect(hits.map((h) => h.ports)).toEqual([[{ from: 443, to: 443 }]]);
  });

  it('reports icmp without ports', () => {
    // Prepare
    const ctx = contextFor(group('sg-1', { rules: [ingress('icmp', 8, 0, WORLD)] }));
    // Act
    const hits = exposureOther(ctx);
    // Assess
    expect(hits).toMatchObject([{ direction: 'ingress', protocol: 'icmp', peers: ['0.0.0.0/0'] }]);
  });

  it('reports an all-traffic rule once, as protocol -1', () => {
    // Prepare
    const ctx = contextFor(
      group('sg-1', { rules: [ingress('-1', -1, -1, WORLD6), ingress('icmp', -1, -1, WORLD)] }),
    );
    // Act
    const hits = exposureOther(ctx);
    // Assess
    expect(hits).toMatchObject([{ direction: 'ingress', protocol: '-1', peers: ['::/0'] }]);
  });

  it('leaves ports of the specific rules to them', () => {
    // Prepare
    const ctx = contextFor(group('sg-1', { rules: [ingress('tcp', 20, 25, WORLD)] }));
    // Act
    const hits = exposureOther(ctx);
    // Assess
    expect(hits[0]?.ports).toEqual([
      { from: 20, to: 21 },
      { from: 23, to: 25 },
    ]);
  });

  it('ignores exposure through a security group reference', () => {
    // Prepare
    const ctx = contextFor(
      group('sg-1', { rules: [ingress('-1', -1, -1, { kind: 'sg', groupId: 'sg-1' })] }),
    );
    // Act
    const hits = exposureOther(ctx);
    // Assess
    expect(hits).toEqual([]);
  });
});
