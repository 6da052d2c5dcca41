import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createModel } from '../../../lambdas/core/model/indexed-model';
import type { NetworkModel, RulePeer } from '../../../lambdas/core/model/types';
import { terraformBlock, terraformName } from '../../../lambdas/core/reachability/fix-format';
import { naclFix, pickRuleNumber } from '../../../lambdas/core/reachability/nacl-fix';
import { evaluatePair } from '../../../lambdas/core/reachability/pair';
import type { Traffic } from '../../../lambdas/core/reachability/types';
import { cidrPeer, eni, group, nacl, naclEntry, prefixListPeer, sgPeer } from '../support/builders';
import { naclEntryArb, ruleArb } from '../support/arbitraries';

// evaluatePair shares immutable results between pairs (an SG rule's allow result, kept per group object;
// a NACL direction's checks, kept per NACL object; the ports of a traffic) and keeps the last answers at
// hand. The plain definition of a pair's layers is evaluatePair on objects never seen before: these
// tests ask a long-lived model many questions, in random order and across replaced objects, and compare
// every answer with the one a fresh copy of the same state gives.

const GROUPS = ['sg-a', 'sg-b', 'sg-c'];
const CIDRS = ['10.0.0.0/24', '10.0.0.0/8', '10.0.1.7/32', '0.0.0.0/0', '192.168.0.0/16'];
const peerArb: fc.Arbitrary<RulePeer> = fc.oneof(
  fc.constantFrom(...CIDRS).map(cidrPeer),
  fc.constantFrom(...GROUPS).map(sgPeer),
  fc.constant(prefixListPeer('pl-0x')),
);
const ruleArbOfPeers = ruleArb(
  peerArb,
  fc.nat(9).map((id) => (id < 7 ? `sgr-${id}` : undefined)),
);
const entryArb = naclEntryArb(CIDRS);
const trafficArb: fc.Arbitrary<Traffic> = fc.oneof(
  fc.record({ protocol: fc.constantFrom('tcp', 'udp'), port: fc.constantFrom(22, 443, 8080) }),
  fc.constant({ protocol: 'icmp' }),
  fc.constant({ protocol: '-1' }),
);
const entriesArb = fc.uniqueArray(entryArb, { maxLength: 5, selector: (e) => `${e.egress}|${e.ruleNumber}` });
const stateArb = fc.record({
  rules: fc.array(fc.array(ruleArbOfPeers, { maxLength: 4 }), { minLength: 3, maxLength: 3 }),
  /** Two NACLs (subnet-0, subnet-1; subnet-2 has none) and whether NACLs are loaded at all. */
  nacls: fc.array(entriesArb, { minLength: 2, maxLength: 2 }),
  naclsLoaded: fc.boolean(),
  listLoaded: fc.boolean(),
});
type State = typeof stateArb extends fc.Arbitrary<infer T> ? T : never;

const ENIS = [
  { id: 'eni-0', subnetId: 'subnet-0', ip: '10.0.0.5', groupIds: ['sg-a'] },
  { id: 'eni-1', subnetId: 'subnet-1', ip: '10.0.1.7', groupIds: ['sg-b'] },
  { id: 'eni-2', subnetId: 'subnet-1', ip: '192.168.1.10', groupIds: ['sg-a', 'sg-c'] },
  { id: 'eni-3', subnetId: 'subnet-2', ip: '10.0.0.9', groupIds: ['sg-c', 'sg-missing'] },
  { id: 'eni-4', subnetId: 'subnet-0', ip: '10.0.0.77', groupIds: [] },
];

/** A model of the state, every object new. */
function modelOf(state: State): NetworkModel {
  return createModel({
    coverage: { ruleIds: true, nacls: state.naclsLoaded, prefixLists: true },
    groups: GROUPS.map((id, i) => group(id, { rules: state.rules[i] })),
    enis: ENIS.map((e) => eni(e.id, { subnetId: e.subnetId, ip: e.ip, groupIds: [...e.groupIds] })),
    nacls: state.naclsLoaded
      ? [nacl('acl-0', ['subnet-0'], [...state.nacls[0]!]), nacl('acl-1', ['subnet-1'], [...state.nacls[1]!])]
      : [],
    prefixLists: [{ prefixListId: 'pl-0x', ...(state.listLoaded ? { cidrs: ['10.0.1.0/24'] } : {}) }],
  });
}

const askArb = fc.array(
  fc.record({ traffic: trafficArb, pairs: fc.array(fc.tuple(fc.nat(4), fc.nat(4)), { minLength: 1, maxLength: 6 }) }),
  { minLength: 1, maxLength: 3 },
);

describe('evaluatePair with shared results (property)', () => {
  it('gives every pair the layers and blocks a fresh copy of the state gives, across replaced objects', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(stateArb, askArb), { minLength: 1, maxLength: 3 }), (states) => {
        for (const [state, questions] of states) {
          // Prepare: one long-lived model asked everything in turn (its answers shared and kept)
          const model = modelOf(state);
          const asks = questions.flatMap(({ traffic, pairs }) => pairs.map(([s, d]) => ({ traffic, s, d })));

          // Act
          const kept = asks.map(({ traffic, s, d }) => evaluatePair(model, traffic, model.eni(ENIS[s]!.id)!, model.eni(ENIS[d]!.id)!));
          const plain = asks.map(({ traffic, s, d }) => {
            const fresh = modelOf(state);
            return evaluatePair(fresh, { ...traffic }, fresh.eni(ENIS[s]!.id)!, fresh.eni(ENIS[d]!.id)!);
          });

          // Assess
          const blocks = (outcome: ReturnType<typeof evaluatePair>) =>
            outcome.blocks.map(({ layer, ...rest }) => [layer, 'naclId' in rest ? rest : '']);
          expect(kept.map((k) => k.result)).toEqual(plain.map((p) => p.result));
          expect(JSON.stringify(kept.map((k) => k.result))).toBe(JSON.stringify(plain.map((p) => p.result)));
          expect(kept.map(blocks)).toEqual(plain.map(blocks));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('shares one frozen allow result between pairs an SG rule allows, never across layers', () => {
    // Prepare: sg-b admits sg-a on tcp 443; sg-a lets everything out
    const model = createModel({
      coverage: { ruleIds: true, nacls: false, prefixLists: true },
      groups: [
        group('sg-a', { rules: [{ direction: 'egress', protocol: '-1', fromPort: -1, toPort: -1, peer: cidrPeer('0.0.0.0/0'), ruleId: 'sgr-out' }] }),
        group('sg-b', { rules: [{ direction: 'ingress', protocol: 'tcp', fromPort: 443, toPort: 443, peer: sgPeer('sg-a'), ruleId: 'sgr-in' }] }),
      ],
      enis: [
        eni('eni-a1', { subnetId: 'subnet-0', ip: '10.0.0.5', groupIds: ['sg-a'] }),
        eni('eni-a2', { subnetId: 'subnet-0', ip: '10.0.0.6', groupIds: ['sg-a'] }),
        eni('eni-b1', { subnetId: 'subnet-1', ip: '10.0.1.5', groupIds: ['sg-b'] }),
      ],
      nacls: [],
    });
    const traffic: Traffic = { protocol: 'tcp', port: 443 };

    // Act
    const first = evaluatePair(model, traffic, model.eni('eni-a1')!, model.eni('eni-b1')!).result.layers;
    const second = evaluatePair(model, traffic, model.eni('eni-a2')!, model.eni('eni-b1')!).result.layers;

    // Assess
    const egress = first.find((l) => l.layer === 'sg-egress')!;
    const ingress = first.find((l) => l.layer === 'sg-ingress')!;
    expect(second.find((l) => l.layer === 'sg-egress')).toBe(egress);
    expect(second.find((l) => l.layer === 'sg-ingress')).toBe(ingress);
    expect(Object.isFrozen(egress)).toBe(true);
    expect(egress).toEqual({
      layer: 'sg-egress',
      status: 'allow',
      detail: 'sg-a (sg-a) egress: rule sgr-out allows tcp 443 to 0.0.0.0/0',
      decidedBy: 'sgr-out',
    });
    expect(ingress.detail).toBe('sg-b (sg-b) ingress: rule sgr-in allows tcp 443 from sg-a');
  });
});

/** pickRuleNumber's definition on numbers already used plus those proposed before (as the fix had it). */
const pickOnUnion = (used: ReadonlySet<number>, taken: ReadonlySet<number>, deny?: number) =>
  pickRuleNumber(new Set([...used, ...taken]), deny);

describe('naclFix rule numbers (property)', () => {
  it('picks, for each fix of a sequence, the number pickRuleNumber picks on the used and taken numbers together', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(1, 2, 3, 97, 98, 99, 100, 32765, 32766, 32767), { maxLength: 6 }),
        fc.array(fc.option(fc.constantFrom(1, 2, 4, 100, 32767), { nil: undefined }), { minLength: 1, maxLength: 8 }),
        (numbers, denies) => {
          // Prepare: a NACL using `numbers` on egress, fixes proposed one after another
          const model = createModel({
            coverage: { ruleIds: true, nacls: true, prefixLists: true },
            groups: [],
            enis: [],
            nacls: [nacl('acl-0', ['subnet-0'], numbers.map((ruleNumber) => naclEntry({ ruleNumber, egress: true })))],
          });
          const ctx = { model, name: 'dep', traffic: { protocol: 'tcp' as const, port: 443 }, sourceGroupIds: [], destinationGroupIds: [], byInstances: { source: false, destination: false } };
          const taken = new Set<number>();
          const expectedTaken = new Set<number>();
          for (const [i, deny] of denies.entries()) {
            const expected = pickOnUnion(new Set(numbers), expectedTaken, deny);
            if (expected !== undefined) expectedTaken.add(expected);

            // Act
            const fix = naclFix(
              ctx,
              { layer: 'nacl-outbound', naclId: 'acl-0', egress: true, peerIp: `10.0.0.${i}`, ports: { from: 443, to: 443 }, ...(deny === undefined ? {} : { denyRuleNumber: deny }) },
              taken,
            );

            // Assess
            expect(fix.apply?.input.RuleNumber).toBe(expected);
            expect([...taken]).toEqual([...expectedTaken]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** The Terraform helpers as first written (join/map/padEnd), the definition the faster ones must match. */
function terraformNameByDefinition(...parts: readonly string[]): string {
  const name = parts.join('_').replace(/[^A-Za-z0-9_-]/g, '_');
  return /^[A-Za-z_]/.test(name) ? name : `_${name}`;
}
function terraformBlockByDefinition(type: string, name: string, attributes: readonly (readonly [string, string])[]): string {
  const width = Math.max(...attributes.map(([key]) => key.length));
  const lines = attributes.map(([key, value]) => `  ${key.padEnd(width)} = ${value}`);
  return [`resource "${type}" "${name}" {`, ...lines, '}'].join('\n');
}

describe('Terraform text helpers (property)', () => {
  it('write the same names and blocks as their definitions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 8 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ maxLength: 12 })), { maxLength: 6 }),
        (parts, attributes) => {
          // Act
          const name = terraformName(...parts);
          const block = terraformBlock('aws_network_acl_rule', name, attributes);

          // Assess
          expect(name).toBe(terraformNameByDefinition(...parts));
          expect(block).toBe(terraformBlockByDefinition('aws_network_acl_rule', name, attributes));
        },
      ),
      { numRuns: 500 },
    );
  });
});
