import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlowAggregator, type FlowEdge, type LearnedTraffic } from '../../../lambdas/core/flowlogs/aggregate';
import { partyKey } from '../../../lambdas/core/flowlogs/endpoints';
import { leastPrivilege } from '../../../lambdas/core/flowlogs/least-privilege';
import { proposeDependencies } from '../../../lambdas/core/flowlogs/propose';
import type { FlowRecord } from '../../../lambdas/core/flowlogs/types';
import type { NetworkModel } from '../../../lambdas/core/model/types';
import { loadExamples } from '../../support/examples';

const T = Date.parse('2026-11-20T03:30:00Z') / 1000;
const OUTSIDE = ['203.0.113.7', '198.51.100.20', '2001:db8::5'];
/** The example rules' ports, and ports that orient by themselves (well-known, ephemeral) or not (5001 vs 8080). */
const PORTS = [22, 80, 443, 5001, 6379, 8000, 8080, 33000, 45000, 61000];

/** Records over the example account's addresses and a few outside ones, in any mix the fields allow. */
function recordsArb(model: NetworkModel): fc.Arbitrary<FlowRecord[]> {
  const enis = [...model.enis()].filter((e) => e.privateIps.length > 0);
  const ips = [...enis.map((e) => e.privateIps[0]!), ...OUTSIDE];
  const addressOf = new Map(enis.map((e) => [e.eniId, e.privateIps[0]!]));
  const record = fc.record(
    {
      interfaceId: fc.constantFrom(...enis.map((e) => e.eniId), 'eni-0notinmodel'),
      srcAddr: fc.constantFrom(...ips),
      dstAddr: fc.constantFrom(...ips),
      pktSrcAddr: fc.constantFrom(...ips),
      srcPort: fc.constantFrom(...PORTS),
      dstPort: fc.constantFrom(...PORTS),
      protocol: fc.constantFrom(6, 6, 17, 1, 47),
      tcpFlags: fc.constantFrom(2, 18, 19, 3),
      packets: fc.integer({ min: 1, max: 50 }),
      bytes: fc.integer({ min: 40, max: 90_000 }),
      start: fc.integer({ min: T, max: T + 3600 }),
      action: fc.constantFrom('ACCEPT', 'ACCEPT', 'ACCEPT', 'REJECT'),
      logStatus: fc.constantFrom('OK', 'OK', 'OK', 'OK', 'NODATA'),
      vpcId: fc.constantFrom('vpc-0a1b2c3d4e5f60001', 'vpc-0a1b2c3d4e5f60002'),
      atLogged: fc.boolean(),
    },
    { requiredKeys: ['atLogged', 'interfaceId', 'srcAddr', 'dstAddr', 'srcPort', 'dstPort', 'protocol', 'start', 'action'] },
  );
  // A few conversations, each seen many times (other times, sizes and client ports): keys repeat.
  const again = fc.tuple(fc.nat(), fc.integer({ min: T, max: T + 3600 }), fc.integer({ min: 40, max: 90_000 }), fc.constantFrom(...PORTS));
  return fc
    .tuple(fc.array(record, { minLength: 1, maxLength: 25 }), fc.array(again, { maxLength: 150 }))
    .map(([base, repeats]) => [
      ...base,
      ...repeats.map(([i, start, bytes, port]) => ({ ...base[i % base.length]!, start, bytes, srcPort: port })),
    ])
    .map((list) =>
      list.map(({ atLogged, ...r }): FlowRecord => ({
        version: 2,
        ...r,
        // Half the records go to the ENI that logs them (a service's view), as real ingress records do.
        ...(atLogged ? { dstAddr: addressOf.get(r.interfaceId) ?? r.dstAddr } : {}),
        end: r.start + 55,
      })),
    );
}

const edges = (list: readonly FlowEdge[]) =>
  list.map((e) => ({ edge: `${partyKey(e.client)} → ${partyKey(e.service)} ${e.protocol}:${e.port}`, stats: { ...e.stats } }))
    .sort((a, b) => (a.edge < b.edge ? -1 : a.edge > b.edge ? 1 : 0));

/** Everything learn reports from a pass, in an order-free form. */
function learned(model: NetworkModel, traffic: LearnedTraffic) {
  const proposal = proposeDependencies(model, traffic);
  return {
    accepted: edges(traffic.accepted),
    unconfirmed: edges(traffic.unconfirmed),
    rejected: edges(traffic.rejected),
    counts: traffic.counts,
    logged: [...traffic.loggedEniIds].sort(),
    proposed: proposal.proposed.map((p) => ({ ...p, eniPairs: [...p.eniPairs].sort() })),
    leastPrivilege: leastPrivilege(model, traffic),
    ruleHits: [...model.groups()].flatMap((g) =>
      g.rules.map((rule) => {
        const hit = traffic.ruleHits.get(rule);
        return hit && { ...hit, rule: hit.key, sources: [...hit.sources].sort() };
      }),
    ),
  };
}

function pass(model: NetworkModel, records: readonly FlowRecord[], window: { since?: number; until?: number }, kept?: number) {
  const aggregator = new FlowAggregator(model, window, kept);
  for (const r of records) aggregator.add(r);
  return learned(model, aggregator.finish());
}

describe('flow aggregation through the digest', () => {
  it('learns the same as resolving every record on its own, whatever the records, window and digest size', async () => {
    // Prepare
    const { model } = await loadExamples();
    const window = fc.record({ since: fc.integer({ min: T, max: T + 1800 }), until: fc.integer({ min: T + 1800, max: T + 4000 }) }, { requiredKeys: [] });
    fc.assert(
      fc.property(recordsArb(model), window, fc.integer({ min: 2, max: 20 }), (records, w, kept) => {
        // Act: a digest of one key resolves each record as it comes (the straightforward path)
        const straightforward = pass(model, records, w, 1);
        const digested = pass(model, records, w);
        const flushedOften = pass(model, records, w, kept);
        // Assess
        expect(digested).toEqual(straightforward);
        expect(flushedOften).toEqual(straightforward);
      }),
      { numRuns: 60 },
    );
  });
});
