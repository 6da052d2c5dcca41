import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../lambdas/core/config/parse-config';
import type { Change } from '../../../lambdas/core/events/types';
import { createModel } from '../../../lambdas/core/model/indexed-model';
import type { NetworkModel, RulePeer } from '../../../lambdas/core/model/types';
import { deriveStates } from '../../../lambdas/core/state/derive';
import { affectedDependencies } from '../../../lambdas/core/verdict/affected-dependencies';
import { diffTransition, type TransitionDiff } from '../../../lambdas/core/verdict/diff-transition';
import { prefixListScope } from '../../../lambdas/core/verdict/prefix-list-scope';
import type { Finding } from '../../../lambdas/core/verdict/types';
import {
  cidrPeer,
  eni,
  group,
  nacl,
  openEntries,
  prefixListPeer,
  type RuleInput,
  sgPeer,
} from '../support/builders';

const LIST = 'pl-0admins';
const GROUPS = ['sg-a', 'sg-b', 'sg-c', 'sg-d'];
const IPS = ['10.0.0.5', '10.1.2.3', '192.168.1.10', '172.16.0.4', '10.0.0.77'];
const CIDRS = ['10.0.0.0/24', '10.1.0.0/16', '10.0.0.5/32', '192.168.0.0/16', '0.0.0.0/0', '8.0.0.0/8', '172.16.0.4/32'];

const NAMES = GROUPS.flatMap((from) => GROUPS.map((to) => [from, to] as const));
const config = parseConfig(
  [
    'dependencies:',
    ...NAMES.flatMap(([from, to]) => [
      `  - { name: ${from}-${to}-ssh, from: { groupId: ${from} }, to: { groupId: ${to} }, port: 22 }`,
      `  - { name: ${from}-${to}-https, from: { groupId: ${from} }, to: { groupId: ${to} }, port: 443 }`,
      `  - { name: ${from}-${to}-all, from: { groupId: ${from} }, to: { groupId: ${to} }, protocol: '-1' }`,
    ]),
    '',
  ].join('\n'),
  'guardian.yaml',
);

const peerArb: fc.Arbitrary<RulePeer> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(prefixListPeer(LIST)) },
  { weight: 1, arbitrary: fc.constantFrom(...CIDRS).map(cidrPeer) },
  { weight: 1, arbitrary: fc.constantFrom(...GROUPS).map(sgPeer) },
);
const ruleArb: fc.Arbitrary<RuleInput> = fc
  .record({
    direction: fc.constantFrom('ingress' as const, 'egress' as const),
    ports: fc.constantFrom([22, 22], [20, 25], [443, 443], [-1, -1]),
    protocol: fc.constantFrom('tcp', 'tcp', 'udp', '-1'),
    peer: peerArb,
  })
  .map(({ direction, ports, protocol, peer }) => ({
    direction,
    protocol,
    fromPort: protocol === '-1' ? -1 : ports[0]!,
    toPort: protocol === '-1' ? -1 : ports[1]!,
    peer,
  }));

interface Scenario {
  readonly model: NetworkModel;
  readonly change: Extract<Change, { kind: 'prefix-list-modified' }>;
}

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    rules: fc.array(fc.array(ruleArb, { maxLength: 5 }), { minLength: GROUPS.length, maxLength: GROUPS.length }),
    enis: fc.array(
      fc.record({
        ip: fc.constantFrom(...IPS),
        subnet: fc.constantFrom('subnet-0', 'subnet-1'),
        groups: fc.subarray(GROUPS, { minLength: 1, maxLength: 2 }),
      }),
      { minLength: 2, maxLength: 6 },
    ),
    entries: fc.subarray(CIDRS),
    added: fc.subarray(CIDRS, { maxLength: 2 }),
    removed: fc.subarray(CIDRS, { maxLength: 2 }),
  })
  .map(({ rules, enis, entries, added, removed }) => ({
    model: createModel({
      coverage: { ruleIds: false, nacls: true, prefixLists: true },
      groups: GROUPS.map((id, i) => group(id, { rules: rules[i] })),
      enis: enis.map((e, i) => eni(`eni-${i}`, { subnetId: e.subnet, ip: e.ip, groupIds: e.groups })),
      nacls: [nacl('acl-0', ['subnet-0', 'subnet-1'], openEntries())],
      prefixLists: [{ prefixListId: LIST, addressFamily: 'IPv4', cidrs: entries }],
    }),
    change: {
      kind: 'prefix-list-modified' as const,
      prefixListId: LIST,
      added: added.filter((c) => !entries.includes(c)),
      removed: removed.filter((c) => entries.includes(c) && !added.includes(c)),
    },
  }));

/** Judges the change on every dependency around every referencing group (full) or per the scope. */
function judgeChange(model: NetworkModel, change: Change, narrowed: boolean): TransitionDiff {
  const states = deriveStates(model, change);
  const dependencies = affectedDependencies(states, model, config);
  const scope = narrowed ? prefixListScope(change, states) : undefined;
  return diffTransition(dependencies, states.before, states.after, states.affected, config, scope);
}

const pairKeys = (findings: readonly Finding[]) =>
  findings.flatMap((f) => (f.pairs ?? []).map((p) => `${f.dependency}|${p.sourceEniId}>${p.destinationEniId}`));

describe('prefixListScope (property)', () => {
  it('finds exactly the findings of judging every dependency around every referencing group', () => {
    fc.assert(
      fc.property(scenarioArb, ({ model, change }) => {
        // Prepare
        const full = judgeChange(model, change, false);

        // Act
        const narrowed = judgeChange(model, change, true);

        // Assess
        expect(narrowed.findings).toEqual(full.findings);
        expect(new Set(pairKeys(full.preexisting))).toEqual(
          new Set([...pairKeys(full.preexisting), ...pairKeys(narrowed.preexisting)]),
        );
        expect(full.notEvaluated).toEqual(expect.arrayContaining([...narrowed.notEvaluated]));
      }),
      { numRuns: 500 },
    );
  });

  it('is given by judge() only for a prefix-list change whose entries both states know', () => {
    // Prepare
    const model = createModel({
      coverage: { ruleIds: false, nacls: true, prefixLists: true },
      groups: [group('sg-a', { rules: [] })],
      enis: [],
      prefixLists: [{ prefixListId: LIST, cidrs: ['10.0.0.0/24'] }, { prefixListId: 'pl-0unread' }],
    });
    const known: Change = { kind: 'prefix-list-modified', prefixListId: LIST, added: ['10.9.0.0/16'], removed: [] };
    const unread: Change = { kind: 'prefix-list-modified', prefixListId: 'pl-0unread', added: ['10.9.0.0/16'], removed: [] };
    const other: Change = { kind: 'sg-deleted', groupId: 'sg-a' };

    // Act
    const scopes = [known, unread, other].map((c) => prefixListScope(c, deriveStates(model, c)));

    // Assess
    expect(scopes.map((s) => s !== undefined)).toEqual([true, false, false]);
  });
});
