import { describe, expect, it } from 'vitest';
import { FlowAggregator, type FlowEdge } from '../../../lambdas/core/flowlogs/aggregate';
import { partyKey } from '../../../lambdas/core/flowlogs/endpoints';
import type { FlowRecord } from '../../../lambdas/core/flowlogs/types';
import { loadExamples } from '../../support/examples';

const T = Date.parse('2026-11-20T03:30:00Z') / 1000;

const rec = (eni: string, src: string, dst: string, srcPort: number, dstPort: number, extra: Partial<FlowRecord> = {}): FlowRecord => ({
  version: 2,
  interfaceId: eni,
  srcAddr: src,
  dstAddr: dst,
  srcPort,
  dstPort,
  protocol: 6,
  packets: 10,
  bytes: 1000,
  start: T,
  end: T + 60,
  action: 'ACCEPT',
  logStatus: 'OK',
  ...extra,
});

const edgesOf = (edges: readonly FlowEdge[]) =>
  edges.map((e) => `${partyKey(e.client)} → ${partyKey(e.service)}:${e.port}`).sort();

describe('flow aggregation', () => {
  it('settles connections whose ports tell nothing by the port that meets many peers, folding replies in', async () => {
    // Prepare: two nginx ENIs reach backend:8080 from source ports below 32768 (as through a NAT), no tcp-flags
    const { model } = await loadExamples();
    const aggregator = new FlowAggregator(model);
    for (const [eni, ip, port] of [['eni-0nginx1a', '10.0.1.10', 5001], ['eni-0nginx2a', '10.0.1.11', 5002]] as const) {
      aggregator.add(rec('eni-0backend1a', ip, '10.0.2.10', port, 8080));
      aggregator.add(rec('eni-0backend1a', '10.0.2.10', ip, 8080, port));
      aggregator.add(rec(eni, ip, '10.0.2.10', port, 8080));
    }
    // Act
    const learned = aggregator.finish();
    // Assess
    expect(edgesOf(learned.accepted)).toEqual(['eni-0nginx1a → eni-0backend1a:8080', 'eni-0nginx2a → eni-0backend1a:8080']);
    expect(learned.counts.ambiguous).toBe(6);
    expect(learned.counts.returnTraffic).toBe(2);
  });

  it('keeps an ACCEPT seen only leaving the client out of the dependencies when the server rejected it', async () => {
    // Prepare
    const { model } = await loadExamples();
    const aggregator = new FlowAggregator(model);
    aggregator.add(rec('eni-0nginx1a', '10.0.1.10', '10.0.2.30', 45000, 6379, { tcpFlags: 2 }));
    aggregator.add(rec('eni-0cache1a', '10.0.1.10', '10.0.2.30', 45000, 6379, { tcpFlags: 2, action: 'REJECT' }));
    // Act
    const learned = aggregator.finish();
    // Assess
    expect(learned.accepted).toEqual([]);
    expect(edgesOf(learned.unconfirmed)).toEqual(['eni-0nginx1a → eni-0cache1a:6379']);
    expect(edgesOf(learned.rejected)).toEqual(['eni-0nginx1a → eni-0cache1a:6379']);
  });

  it('counts records outside the window without learning from them', async () => {
    // Prepare
    const { model } = await loadExamples();
    const aggregator = new FlowAggregator(model, { since: T + 3600 });
    aggregator.add(rec('eni-0backend1a', '10.0.1.10', '10.0.2.10', 45000, 8080, { tcpFlags: 2 }));
    aggregator.add({ interfaceId: 'eni-0backend1a', start: T, end: T + 60, logStatus: 'NODATA' });
    // Act
    const learned = aggregator.finish();
    // Assess
    expect(learned.accepted).toEqual([]);
    expect(learned.counts).toMatchObject({ records: 2, outsideWindow: 1, skipped: 1 });
  });
});
