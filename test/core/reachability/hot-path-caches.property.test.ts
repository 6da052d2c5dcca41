import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createModel } from '../../../lambdas/core/model/indexed-model';
import type { NaclEntry, NetworkModel, RulePeer, SecurityGroup } from '../../../lambdas/core/model/types';
import { compiledCidrs, compiledContains, ipv4Value } from '../../../lambdas/core/reachability/ip-match';
import { checkNacl } from '../../../lambdas/core/reachability/nacl-check';
import { evaluateNaclEntries, type NaclQuery } from '../../../lambdas/core/reachability/nacl-eval';
import { endpointOf } from '../../../lambdas/core/reachability/pair';
import { judgeSecurityGroups, peerMatches } from '../../../lambdas/core/reachability/sg-match';
import { ruleCoversTraffic } from '../../../lambdas/core/reachability/traffic';
import type { Traffic } from '../../../lambdas/core/reachability/types';
import { cidrContains } from '../../../lambdas/core/util/cidr';
import { cidrPeer, eni, group, nacl, type RuleInput, sgPeer } from '../support/builders';
import { naclEntryArb, ruleArb } from '../support/arbitraries';

// The engine's hot paths keep what they compiled per immutable object (a NACL's entry list, a group's
// rules for one traffic) and the last answer at hand. These tests judge sequences of models whose
// objects are replaced at random against the plain definitions, so a cache that outlived the object it
// was made for (or answered for another traffic or direction) would show.

const IPS = ['10.0.0.5', '10.0.1.7', '10.1.2.3', '192.168.1.10', '0.0.0.0', '2001:db8::1', '::1', '10.0.0', 'x'];
const CIDRS = ['10.0.0.0/24', '10.0.0.0/8', '10.0.1.7/32', '0.0.0.0/0', '192.168.0.0/16', '2001:db8::/32', '::/0', '10.0.0.0/33', 'bad'];

describe('compiledContains (property)', () => {
  it('answers exactly as cidrContains for any CIDR and address text, in any order of asking', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...CIDRS), { minLength: 1, maxLength: 6 }),
        fc.array(fc.oneof(fc.constantFrom(...IPS), fc.ipV4(), fc.ipV6()), { minLength: 1, maxLength: 8 }),
        (cidrs, ips) => {
          // Prepare
          const list = cidrs.map((cidr) => ({ cidr }));
          const compiled = compiledCidrs(list, (item) => item.cidr);

          // Act
          const found = ips.flatMap((ip) => list.map((item, i) => compiledContains(compiled[i]!, item.cidr, ip, ipv4Value(ip))));

          // Assess
          expect(found).toEqual(ips.flatMap((ip) => cidrs.map((cidr) => cidrContains(cidr, ip))));
        },
      ),
      { numRuns: 500 },
    );
  });
});

const GROUPS = ['sg-a', 'sg-b'];
const peerArb: fc.Arbitrary<RulePeer> = fc.oneof(
  fc.constantFrom(...CIDRS.slice(0, 7)).map(cidrPeer),
  fc.constantFrom(...GROUPS).map(sgPeer),
);
const ruleArbOfPeers = ruleArb(
  peerArb,
  fc.nat(99).map((id) => `sgr-${id}`),
);
const trafficArb: fc.Arbitrary<Traffic> = fc.oneof(
  fc.record({ protocol: fc.constantFrom('tcp', 'udp'), port: fc.constantFrom(22, 443, 8080) }),
  fc.constant({ protocol: '-1' }),
);
const entryArb = naclEntryArb(CIDRS.slice(0, 5));

/** One state: the two groups' rules and the NACL's entries (each a new object, same ids). */
const stateArb = fc.record({
  rules: fc.array(fc.array(ruleArbOfPeers, { maxLength: 5 }), { minLength: 2, maxLength: 2 }),
  entries: fc.uniqueArray(entryArb, { maxLength: 6, selector: (e) => `${e.egress}|${e.ruleNumber}` }),
});
/** Questions asked of a state, several per traffic object (as one dependency's pairs ask them). */
const askArb = fc.array(
  fc.record({
    traffic: trafficArb,
    asks: fc.array(
      fc.record({ owner: fc.nat(2), peer: fc.nat(2), egress: fc.boolean() }),
      { minLength: 1, maxLength: 4 },
    ),
  }),
  { minLength: 1, maxLength: 3 },
);

function modelOf(state: { rules: RuleInput[][]; entries: NaclEntry[] }): NetworkModel {
  return createModel({
    coverage: { ruleIds: true, nacls: true, prefixLists: true },
    groups: GROUPS.map((id, i) => group(id, { rules: state.rules[i] })),
    enis: [
      eni('eni-0', { subnetId: 'subnet-0', ip: '10.0.0.5', groupIds: ['sg-a'] }),
      eni('eni-1', { subnetId: 'subnet-1', ip: '10.0.1.7', groupIds: ['sg-b'] }),
      eni('eni-2', { subnetId: 'subnet-1', ip: '192.168.1.10', groupIds: ['sg-a', 'sg-b'] }),
    ],
    nacls: [nacl('acl-0', ['subnet-0', 'subnet-1'], state.entries)],
  });
}

/** The SG layer's status and deciding rule by definition: the first covering rule whose peer matches. */
function sgReference(model: NetworkModel, ownerEniId: string, peerEniId: string, egress: boolean, traffic: Traffic) {
  const owner = endpointOf(model.eni(ownerEniId)!);
  const peer = endpointOf(model.eni(peerEniId)!);
  for (const groupId of owner.eni.groupIds) {
    const sg: SecurityGroup = model.group(groupId)!;
    for (const rule of sg.rules)
      if (rule.direction === (egress ? 'egress' : 'ingress') && ruleCoversTraffic(rule, traffic))
        if (peerMatches(model, rule.peer, peer).match === 'yes') return { status: 'allow', decidedBy: rule.ruleId };
  }
  return { status: 'block', decidedBy: undefined };
}

describe('hot-path caches across replaced objects (property)', () => {
  it('judge the SG layers and the NACL of each new state as the definitions do', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(stateArb, askArb), { minLength: 2, maxLength: 4 }), (states) => {
        for (const [state, questions] of states) {
          // Prepare
          const model = modelOf(state);
          for (const { traffic, asks } of questions)
            for (const { owner, peer, egress } of asks) {
              const ownerEni = model.eni(`eni-${owner}`)!;
              const peerEni = model.eni(`eni-${peer}`)!;
              const query: NaclQuery = {
                egress,
                protocol: traffic.protocol,
                ip: endpointOf(peerEni).ip,
                ...(traffic.port === undefined ? {} : { ports: { from: traffic.port, to: traffic.port } }),
              };

              // Act
              const sg = judgeSecurityGroups(model, egress ? 'sg-egress' : 'sg-ingress', {
                owner: endpointOf(ownerEni),
                peer: endpointOf(peerEni),
                direction: egress ? 'egress' : 'ingress',
                traffic,
              });
              const check = checkNacl(model, ownerEni.subnetId, query);

              // Assess
              const expected = sgReference(model, ownerEni.eniId, peerEni.eniId, egress, traffic);
              expect({ status: sg.status, decidedBy: sg.status === 'allow' ? sg.decidedBy : undefined }).toEqual(expected);
              const decision = evaluateNaclEntries(model.naclForSubnet(ownerEni.subnetId)!.entries, query);
              expect(check.status).toBe(decision.allowed ? 'allow' : 'block');
              expect(check.detail).toContain(query.ip);
            }
        }
      }),
      { numRuns: 400 },
    );
  });
});
