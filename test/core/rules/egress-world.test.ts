import { describe, expect, it } from 'vitest';
import { egressWorld } from '../../../lambdas/core/rules/egress-world';
import { cidrPeer, defaultEgress, egress, group, sgPeer } from '../support/builders';
import { contextFor } from '../support/exposure-context';

describe('SG-EGRESS-WORLD', () => {
  it('reports the default all-traffic egress rule once', () => {
    // Prepare
    const ctx = contextFor(group('sg-1', { rules: [defaultEgress()] }));
    // Act
    const hits = egressWorld(ctx);
    // Assess
    expect(hits).toMatchObject([{ direction: 'egress', protocol: '-1', peers: ['0.0.0.0/0'] }]);
  });

  it('subtracts ports an egress allowPublic entry allows', () => {
    // Prepare
    const sg = group('sg-1', { rules: [egress('tcp', 0, 65535, cidrPeer('0.0.0.0/0'))] });
    // Act
    const hits = egressWorld(
      contextFor(sg, [
        { groups: { groupId: 'sg-1' }, ports: ['0-442', '444-65535'], protocol: 'tcp', direction: 'egress' },
      ]),
    );
    // Assess
    expect(hits).toMatchObject([
      { direction: 'egress', protocol: 'tcp', ports: [{ from: 443, to: 443 }], peers: ['0.0.0.0/0'] },
    ]);
  });

  it('ignores egress limited to a group or a private CIDR', () => {
    // Prepare
    const sg = group('sg-1', {
      rules: [egress('tcp', 443, 443, sgPeer('sg-2')), egress('-1', -1, -1, cidrPeer('10.0.0.0/8'))],
    });
    // Act
    const hits = egressWorld(contextFor(sg));
    // Assess
    expect(hits).toEqual([]);
  });
});
