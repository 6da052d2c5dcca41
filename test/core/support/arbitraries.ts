import fc from 'fast-check';
import type { NaclEntry, RulePeer } from '../../../lambdas/core/model/types';
import { naclEntry, type RuleInput } from './builders';

// fast-check arbitraries shared by the property tests of the reachability caches: a few values per
// field, so that random rules and NACL entries often cover, overlap and shadow each other.

/**
 * An SG rule in either direction (tcp/udp on a few port ranges, or all traffic) to one of `peers`;
 * `ruleId` gives its id (undefined: none).
 */
export function ruleArb(
  peers: fc.Arbitrary<RulePeer>,
  ruleId: fc.Arbitrary<string | undefined> = fc.constant(undefined),
): fc.Arbitrary<RuleInput> {
  return fc
    .record({
      direction: fc.constantFrom('ingress' as const, 'egress' as const),
      protocol: fc.constantFrom('tcp', 'udp', '-1'),
      ports: fc.constantFrom([22, 22], [20, 25], [443, 443], [0, 65535]),
      peer: peers,
      id: ruleId,
    })
    .map(({ direction, protocol, ports, peer, id }) => ({
      direction,
      protocol,
      fromPort: protocol === '-1' ? -1 : ports[0]!,
      toPort: protocol === '-1' ? -1 : ports[1]!,
      peer,
      ...(id === undefined ? {} : { ruleId: id }),
    }));
}

/** A NACL entry (allow or deny, either direction, a few rule numbers, protocols and ports) on one of `cidrs`. */
export function naclEntryArb(cidrs: readonly string[]): fc.Arbitrary<NaclEntry> {
  return fc
    .record({
      ruleNumber: fc.constantFrom(50, 100, 200, 32767),
      egress: fc.boolean(),
      action: fc.constantFrom('allow' as const, 'deny' as const),
      protocol: fc.constantFrom('6', '17', '-1'),
      cidr: fc.constantFrom(...cidrs),
      ports: fc.constantFrom([22, 22], [1, 1023], [1024, 65535], [1, 65535]) as fc.Arbitrary<[number, number]>,
    })
    .map((e) => naclEntry(e.protocol === '-1' ? { ...e, ports: undefined } : e));
}
