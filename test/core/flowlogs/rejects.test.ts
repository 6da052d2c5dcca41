import { describe, expect, it } from 'vitest';
import { FlowAggregator } from '../../../lambdas/core/flowlogs/aggregate';
import { explainRejects } from '../../../lambdas/core/flowlogs/rejects';
import { timedChanges } from '../../../lambdas/core/flowlogs/timed-changes';
import type { FlowRecord } from '../../../lambdas/core/flowlogs/types';
import { loadExamples } from '../../support/examples';

const REVOKED_AT = Date.parse('2026-11-20T03:42:05Z') / 1000;

/** nginx's SYN to backend:8080, rejected on the backend ENI (what a flow log on it records). */
const rejectedSyn = (start: number): FlowRecord => ({
  version: 5,
  interfaceId: 'eni-0backend1a',
  srcAddr: '10.0.1.10',
  dstAddr: '10.0.2.10',
  srcPort: 41234,
  dstPort: 8080,
  protocol: 6,
  packets: 3,
  bytes: 180,
  start,
  end: start + 59,
  action: 'REJECT',
  logStatus: 'OK',
  tcpFlags: 2,
  flowDirection: 'ingress',
});

async function rejectsOf(records: readonly FlowRecord[]) {
  const { model, events } = await loadExamples();
  const aggregator = new FlowAggregator(model);
  for (const r of records) aggregator.add(r);
  const changes = timedChanges([events['01-revoke-8080-from-nginx']!]);
  return explainRejects(model, aggregator.finish().rejected, changes);
}

describe('REJECTs explained', () => {
  it('names the change that started them, the layer and the symptom', async () => {
    // Act
    const [x] = await rejectsOf([rejectedSyn(REVOKED_AT + 4), rejectedSyn(REVOKED_AT + 64)]);
    // Assess
    expect(x?.summary).toBe(
      "REJECTs from nginx to backend:8080 began 03:42:09, 4 s after user/alice's RevokeSecurityGroupIngress",
    );
    expect(x?.layer).toBe('sg-ingress');
    expect(x?.stats.records).toBe(2);
    expect(x?.symptom.kind).toBe('timeout');
    expect(x?.cause?.eventName).toBe('RevokeSecurityGroupIngress');
  });

  it('blames no change for REJECTs that began before it', async () => {
    // Act
    const [x] = await rejectsOf([rejectedSyn(REVOKED_AT - 3600)]);
    // Assess
    expect(x?.cause).toBeUndefined();
    expect(x?.summary).toBe('REJECTs from nginx to backend:8080 began 02:42:05');
  });

  it('explains on the snapshot alone without history: the path is open now', async () => {
    // Prepare
    const { model } = await loadExamples();
    const aggregator = new FlowAggregator(model);
    aggregator.add(rejectedSyn(REVOKED_AT + 4));
    // Act
    const [x] = explainRejects(model, aggregator.finish().rejected);
    // Assess
    expect(x?.layer).toBeUndefined();
    expect(x?.symptom.kind).toBe('refused-if-not-listening');
  });
});
