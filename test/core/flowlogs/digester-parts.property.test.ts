import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlowAggregator, type LearnedTraffic } from '../../../lambdas/core/flowlogs/aggregate';
import { FlowDigest } from '../../../lambdas/core/flowlogs/digest';
import { FlowDigester, type FlowPart } from '../../../lambdas/core/flowlogs/digester';
import type { FlowRecord } from '../../../lambdas/core/flowlogs/types';
import type { NetworkModel } from '../../../lambdas/core/model/types';
import { loadExamples } from '../../support/examples';

const T = Date.parse('2026-11-20T03:30:00Z') / 1000;
const OUTSIDE = ['203.0.113.7', '2001:db8::5', '10.0.01.7'];
const PORTS = [22, 443, 5001, 6379, 8080, 33000, 61000];

function recordsArb(model: NetworkModel): fc.Arbitrary<FlowRecord[]> {
  const enis = [...model.enis()].filter((e) => e.privateIps.length > 0);
  const ips = [...enis.map((e) => e.privateIps[0]!), ...OUTSIDE];
  const record = fc.record(
    {
      interfaceId: fc.constantFrom(...enis.map((e) => e.eniId), 'eni-0notinmodel'),
      srcAddr: fc.constantFrom(...ips),
      dstAddr: fc.constantFrom(...ips),
      srcPort: fc.constantFrom(...PORTS),
      dstPort: fc.constantFrom(...PORTS),
      protocol: fc.constantFrom(6, 17, 1, 47),
      tcpFlags: fc.constantFrom(2, 18, 3),
      packets: fc.integer({ min: 1, max: 50 }),
      bytes: fc.integer({ min: 40, max: 90_000 }),
      start: fc.integer({ min: T, max: T + 3600 }),
      action: fc.constantFrom('ACCEPT', 'ACCEPT', 'REJECT'),
      logStatus: fc.constantFrom('OK', 'OK', 'OK', 'NODATA'),
      vpcId: fc.constantFrom('vpc-0a1b2c3d4e5f60001', 'vpc-0a1b2c3d4e5f60002'),
    },
    { requiredKeys: ['interfaceId', 'srcAddr', 'dstAddr', 'srcPort', 'dstPort', 'protocol', 'start', 'action'] },
  );
  return fc
    .tuple(fc.array(record, { minLength: 1, maxLength: 20 }), fc.array(fc.nat(), { maxLength: 120 }))
    .map(([base, repeats]) => [...base, ...repeats.map((i) => base[i % base.length]!)].map((r) => ({ version: 2, ...r, end: r.start + 55 })));
}

/** What learning keeps, order included (edges in the order they were first learned). */
const kept = (t: LearnedTraffic) => ({
  accepted: t.accepted.map((e) => ({ ...e, stats: { ...e.stats } })),
  unconfirmed: t.unconfirmed.map((e) => ({ ...e, stats: { ...e.stats } })),
  rejected: t.rejected.map((e) => ({ ...e, stats: { ...e.stats } })),
  counts: t.counts,
  logged: [...t.loggedEniIds],
});

describe('digest parts', () => {
  it('merged in read order learn exactly what adding each record does, wherever the records are cut into parts', async () => {
    // Prepare
    const { model } = await loadExamples();
    const window = { since: T + 600 };
    fc.assert(
      fc.property(recordsArb(model), fc.array(fc.nat(), { maxLength: 6 }), fc.integer({ min: 1, max: 8 }), (records, cuts, digestKept) => {
        // Act: one aggregator adds the records; another merges parts cut at `cuts`, each part carried through a copy
        const whole = new FlowAggregator(model, window);
        for (const r of records) whole.add(r);
        const merged = new FlowAggregator(model, window);
        const digester = new FlowDigester(window, (p) => merged.merge(structuredClone(p)), digestKept);
        const at = new Set(cuts.map((c) => c % records.length));
        records.forEach((r, i) => {
          if (at.has(i)) merged.merge(structuredClone(digester.take()));
          digester.add(r);
        });
        merged.merge(digester.take());
        // Assess
        expect(kept(merged.finish())).toEqual(kept(whole.finish()));
      }),
      { numRuns: 60 },
    );
  });

  it('keeps the amounts of a key exactly when a part is merged into a digest that already holds it', () => {
    // Prepare
    const parts: FlowPart[] = [];
    const digester = new FlowDigester({}, (p) => parts.push(p));
    const record = (bytes: number, start: number): FlowRecord => ({
      interfaceId: 'eni-0nginx1a', srcAddr: '10.0.1.10', dstAddr: '10.0.2.10', srcPort: 40000, dstPort: 8080,
      protocol: 6, packets: 2, bytes, start, end: start + 10, action: 'ACCEPT', logStatus: 'OK',
    });
    digester.add(record(100, 1000));
    parts.push(digester.take());
    digester.add(record(50, 900));
    digester.add(record(25, 2000));
    parts.push(digester.take());
    const digest = new FlowDigest();
    // Act
    for (const p of parts) digest.merge(p.digest);
    const entries: unknown[] = [];
    digest.drain((e) => entries.push(e));
    // Assess
    expect(entries).toEqual([
      {
        interfaceId: 'eni-0nginx1a', srcIp: '10.0.1.10', dstIp: '10.0.2.10', vpcId: undefined, protocol: 6, action: 'ACCEPT',
        inWindow: true, side: 'dst', srcPort: 0, dstPort: 8080, records: 3, bytes: 175, packets: 6, first: 900, last: 2010,
      },
    ]);
  });
});
