import { describe, expect, it } from 'vitest';
import { loadSnapshotModel } from '../../../lambdas/adapters/files/snapshot-files';
import { indexEndpoints, partyKey, resolveEnds } from '../../../lambdas/core/flowlogs/endpoints';

describe('flow endpoints', () => {
  it('maps both addresses to ENIs of the snapshot, and an outside address to a /32 peer', async () => {
    // Prepare
    const index = indexEndpoints(await loadSnapshotModel('examples/account'));
    // Act
    const inside = resolveEnds(index, { interfaceId: 'eni-0backend1a', srcAddr: '10.0.1.10', dstAddr: '10.0.2.10' });
    const outside = resolveEnds(index, { interfaceId: 'eni-0nginx1a', srcAddr: '203.0.113.7', dstAddr: '10.0.1.10' });
    // Assess
    expect(inside && [partyKey(inside.src), partyKey(inside.dst), inside.logged?.eniId]).toEqual([
      'eni-0nginx1a',
      'eni-0backend1a',
      'eni-0backend1a',
    ]);
    expect(outside && [partyKey(outside.src), partyKey(outside.dst)]).toEqual(['203.0.113.7/32', 'eni-0nginx1a']);
  });

  it('prefers pkt-srcaddr and pkt-dstaddr (traffic through a NAT gateway or load balancer)', async () => {
    // Prepare
    const index = indexEndpoints(await loadSnapshotModel('examples/account'));
    // Act
    const ends = resolveEnds(index, {
      interfaceId: 'eni-0backend1a',
      srcAddr: '10.0.9.9',
      dstAddr: '10.0.2.10',
      pktSrcAddr: '10.0.1.11',
      pktDstAddr: '10.0.2.10',
    });
    // Assess
    expect(ends && partyKey(ends.src)).toBe('eni-0nginx2a');
  });

  it('cannot map a record without addresses (NODATA)', async () => {
    // Prepare
    const index = indexEndpoints(await loadSnapshotModel('examples/account'));
    // Act
    const ends = resolveEnds(index, { interfaceId: 'eni-0backend1a', logStatus: 'NODATA' });
    // Assess
    expect(ends).toBeUndefined();
  });
});
