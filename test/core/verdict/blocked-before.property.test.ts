import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Dependency } from '../../../lambdas/core/config/schema';
import { createModel } from '../../../lambdas/core/model/indexed-model';
import { patchModel } from '../../../lambdas/core/model/patched-model';
import type { NaclEntry, NetworkModel, RulePeer } from '../../../lambdas/core/model/types';
import { evaluateDependency, selectSides } from '../../../lambdas/core/reachability/evaluate-dependency';
import type { EniPair } from '../../../lambdas/core/reachability/types';
import { blockedBeforeFlags } from '../../../lambdas/core/verdict/blocked-before';
import { cidrPeer, eni, group, naclEntry, nacl, prefixListPeer, sgPeer } from '../support/builders';
import { naclEntryArb, ruleArb } from '../support/arbitraries';

const GROUPS = ['sg-a', 'sg-b', 'sg-c'];
const SUBNETS = ['subnet-0', 'subnet-1', 'subnet-2'];
const IPS = ['10.0.0.5', '10.0.1.7', '10.1.2.3', '192.168.1.10'];
const CIDRS = ['10.0.0.0/24', '10.0.0.0/8', '10.0.1.7/32', '0.0.0.0/0', '192.168.0.0/16'];
const LIST = 'pl-0x';

const peerArb: fc.Arbitrary<RulePeer> = fc.oneof(
  fc.constantFrom(...CIDRS).map(cidrPeer),
  fc.constantFrom(...GROUPS).map(sgPeer),
  fc.constant(prefixListPeer(LIST)),
);
const ruleArbOfPeers = ruleArb(peerArb);
const entryArb = naclEntryArb(CIDRS);
/** Null (nothing patched) two times in three: most entries of a patch are left as they were. */
const sometimes = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });
/** A few random entries, mostly above an allow-all #300 (else almost every pair is denied in both states). */
const entriesArb = fc
  .tuple(fc.uniqueArray(entryArb, { maxLength: 4, selector: (e) => `${e.egress}|${e.ruleNumber}` }), fc.nat(3))
  .map(([entries, open]) =>
    open === 0 ? entries : [...entries, ...[true, false].map((egress) => naclEntry({ ruleNumber: 300, egress }))],
  );
const eniArb = fc.record({
  ip: fc.constantFrom(...IPS),
  subnet: fc.constantFrom(...SUBNETS),
  groups: fc.subarray(GROUPS, { minLength: 1, maxLength: 2 }),
});

/** A state and the state after a random patch: groups' rules, ENIs' groups/subnets, NACL entries, the list. */
const scenarioArb = fc
  .record({
    rules: fc.array(fc.array(ruleArbOfPeers, { maxLength: 4 }), { minLength: 3, maxLength: 3 }),
    enis: fc.array(eniArb, { minLength: 2, maxLength: 5 }),
    acls: fc.array(entriesArb, { minLength: 2, maxLength: 2 }),
    list: fc.subarray(CIDRS),
    newRules: fc.array(sometimes(fc.array(ruleArbOfPeers, { maxLength: 4 })), { minLength: 3, maxLength: 3 }),
    newEnis: fc.array(sometimes(fc.option(eniArb, { nil: undefined })), { minLength: 5, maxLength: 5 }),
    newAcls: fc.array(sometimes(entriesArb), { minLength: 2, maxLength: 2 }),
    newList: sometimes(fc.subarray(CIDRS)),
    nacls: fc.nat(3).map((n) => n > 0),
    deps: fc.array(
      fc.record({
        from: fc.constantFrom(...GROUPS),
        to: fc.constantFrom(...GROUPS),
        protocol: fc.constantFrom('tcp', 'udp', '-1', 'icmp'),
        port: fc.constantFrom(22, 443, 8080),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map((s) => {
    const acls = (entries: readonly (readonly NaclEntry[])[]) => [
      nacl('acl-0', ['subnet-0', 'subnet-1'], entries[0]!),
      nacl('acl-1', ['subnet-2'], entries[1]!),
    ];
    const before = createModel({
      coverage: { ruleIds: false, nacls: s.nacls, prefixLists: true },
      groups: GROUPS.map((id, i) => group(id, { rules: s.rules[i] })),
      enis: s.enis.map((e, i) => eni(`eni-${i}`, { subnetId: e.subnet, ip: e.ip, groupIds: e.groups })),
      nacls: s.nacls ? acls(s.acls) : [],
      prefixLists: [{ prefixListId: LIST, addressFamily: 'IPv4', cidrs: s.list }],
    });
    const after = patchModel(before, {
      groups: new Map(GROUPS.flatMap((id, i) => (s.newRules[i] ? [[id, group(id, { rules: s.newRules[i] })]] : []))),
      enis: new Map(
        s.newEnis.flatMap((e, i) =>
          e === null
            ? []
            : [[`eni-${i}`, e ? eni(`eni-${i}`, { subnetId: e.subnet, ip: e.ip, groupIds: e.groups }) : undefined]],
        ),
      ),
      nacls: new Map(
        s.nacls ? acls(s.acls.map((old, i) => s.newAcls[i] ?? old)).flatMap((n, i) => (s.newAcls[i] ? [[n.naclId, n]] : [])) : [],
      ),
      prefixLists: new Map(s.newList ? [[LIST, { prefixListId: LIST, addressFamily: 'IPv4' as const, cidrs: s.newList }]] : []),
    });
    const deps: Dependency[] = s.deps.map((d, i) => ({
      name: `dep-${i}`,
      from: { groupId: d.from },
      to: { groupId: d.to },
      protocol: d.protocol,
      ...(d.protocol === 'tcp' || d.protocol === 'udp' ? { port: d.port } : {}),
    }));
    return { before, after, deps };
  });

/** Every pair of ENIs of either state (self-pairs included), and whether the state before selects it. */
function allPairs(before: NetworkModel, after: NetworkModel, dep: Dependency) {
  const ids = [...new Set([...before.enis(), ...after.enis()].map((e) => e.eniId))];
  const pairs: EniPair[] = ids.flatMap((s) => ids.map((d) => ({ sourceEniId: s, destinationEniId: d })));
  const sides = selectSides(before, dep);
  const sources = new Set(sides.source.enis.map((e) => e.eniId));
  const destinations = new Set(sides.destination.enis.map((e) => e.eniId));
  return { pairs, sides, selectedBefore: (p: EniPair) => sources.has(p.sourceEniId) && destinations.has(p.destinationEniId) };
}

describe('blockedBeforeFlags (property)', () => {
  it('finds exactly the pairs evaluateDependency finds blocked in the state before', () => {
    fc.assert(
      fc.property(scenarioArb, ({ before, after, deps }) => {
        for (const dep of deps) {
          // Prepare
          const { pairs, sides, selectedBefore } = allPairs(before, after, dep);
          const resultsAfter = evaluateDependency(after, dep, { pairs, fixes: false }).pairs;
          const reference = evaluateDependency(before, dep, { pairs: pairs.filter(selectedBefore), fixes: false });
          const expected = reference.pairs
            .filter((p) => !p.reachable)
            .map((p) => `${p.sourceEniId}>${p.destinationEniId}`);

          // Act
          const flags = blockedBeforeFlags({ before, selection: sides, after, dep, pairs, resultsAfter, selectedBefore });
          const found = pairs.filter((_, i) => flags[i]).map((p) => `${p.sourceEniId}>${p.destinationEniId}`);

          // Assess
          expect([...found].sort()).toEqual(expected.sort());
        }
      }),
      { numRuns: 1000 },
    );
  });
});
