import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../../lambdas/core/events/types';
import { createModel } from '../../../lambdas/core/model/indexed-model';
import { directedRuleKey } from '../../../lambdas/core/model/rule-key';
import type { NaclEntry, NetworkModel, RuleSpec, SgRule } from '../../../lambdas/core/model/types';
import { planRevert } from '../../../lambdas/core/revert/plan';
import { applyChange } from '../../../lambdas/core/state/apply-change';
import { deriveStates } from '../../../lambdas/core/state/derive';
import { applyRevertSteps } from '../revert/apply-steps';
import { eni, entrySet, nacl, ruleSet } from './fixtures';

const GROUPS = ['sg-0', 'sg-1', 'sg-2'];
const NACLS = ['acl-0', 'acl-1'];

const specArb: fc.Arbitrary<RuleSpec> = fc
  .record({
    protocol: fc.constantFrom('tcp', 'udp'),
    port: fc.constantFrom(22, 80, 443, 8080),
    peer: fc.oneof(
      fc.constantFrom('0.0.0.0/0', '10.0.0.0/8', '::/0').map((cidr) => ({ kind: 'cidr' as const, cidr })),
      fc.constantFrom(...GROUPS).map((groupId) => ({ kind: 'sg' as const, groupId })),
    ),
    description: fc.option(fc.constantFrom('a', 'b'), { nil: undefined }),
  })
  .map(({ protocol, port, peer, description }) => ({
    protocol,
    fromPort: port,
    toPort: port,
    peer,
    ...(description ? { description } : {}),
  }));

const entryArb: fc.Arbitrary<NaclEntry> = fc
  .record({
    ruleNumber: fc.integer({ min: 1, max: 6 }).map((n) => n * 10),
    egress: fc.boolean(),
    action: fc.constantFrom('allow' as const, 'deny' as const),
    port: fc.constantFrom(22, 443),
    cidr: fc.constantFrom('0.0.0.0/0', '10.0.0.0/8'),
  })
  .map(({ port, ...e }) => ({ ...e, protocol: 'tcp', portRange: { from: port, to: port } }));

/** Keeps the first of items sharing a key. */
function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}

const modelArb = fc
  .record({
    ruleIds: fc.boolean(),
    rules: fc.array(fc.record({ group: fc.constantFrom(...GROUPS), ingress: fc.boolean(), spec: specArb }), {
      maxLength: 10,
    }),
    entries: fc.array(fc.record({ nacl: fc.constantFrom(...NACLS), entry: entryArb }), { maxLength: 6 }),
  })
  .map(({ ruleIds, rules, entries }) => {
    const all = uniqueBy(
      rules.map(
        (r, i): SgRule => ({
          ...r.spec,
          groupId: r.group,
          direction: r.ingress ? 'ingress' : 'egress',
          ...(ruleIds ? { ruleId: `sgr-${i}` } : {}),
        }),
      ),
      (r) => `${r.groupId}|${directedRuleKey(r.direction, r)}`,
    );
    const naclEntries = uniqueBy(entries, (e) => `${e.nacl}|${e.entry.ruleNumber}|${e.entry.egress}`);
    return createModel({
      coverage: { ruleIds, nacls: true, prefixLists: false },
      groups: GROUPS.map((groupId) => ({
        groupId,
        groupName: groupId,
        tags: {},
        rules: all.filter((r) => r.groupId === groupId),
      })),
      enis: [eni('eni-0', 'subnet-0', ['sg-0']), eni('eni-1', 'subnet-1', ['sg-1', 'sg-2'])],
      nacls: NACLS.map((id, i) =>
        nacl(
          id,
          [[`assoc-${i}`, `subnet-${i}`]],
          naclEntries.filter((e) => e.nacl === id).map((e) => e.entry),
        ),
      ),
    });
  });

interface Scenario {
  readonly model: NetworkModel;
  readonly change: Change;
  /** The change carries the full content of what it removed (so before is exact, descriptions and ids included). */
  readonly exact: boolean;
}

function addedArb(model: NetworkModel): fc.Arbitrary<Scenario> {
  return fc
    .record({
      groupId: fc.constantFrom(...GROUPS),
      ingress: fc.boolean(),
      specs: fc.array(specArb, { minLength: 1, maxLength: 3 }),
      withIds: fc.boolean(),
    })
    .map(({ groupId, ingress, specs, withIds }) => {
      const direction = ingress ? ('ingress' as const) : ('egress' as const);
      const present = new Set(model.group(groupId)!.rules.map((r) => directedRuleKey(r.direction, r)));
      const fresh = uniqueBy(specs, (s) => directedRuleKey(direction, s)).filter(
        (s) => !present.has(directedRuleKey(direction, s)),
      );
      const rules = fresh.map((s, i) => (withIds ? { ...s, ruleId: `sgr-new-${i}` } : s));
      return { model, change: { kind: 'sg-rules-added', groupId, direction, rules } as Change, exact: true };
    })
    .filter((s) => s.change.kind === 'sg-rules-added' && s.change.rules.length > 0);
}

function removedArb(model: NetworkModel): fc.Arbitrary<Scenario> {
  const rules = GROUPS.flatMap((g) => model.group(g)!.rules);
  return fc
    .record({
      pick: fc.constantFrom(...rules),
      more: fc.subarray(rules),
      byId: fc.boolean(),
      withRevoked: fc.boolean(),
    })
    .map(({ pick, more, byId, withRevoked }) => {
      const chosen = uniqueBy(
        [pick, ...more.filter((r) => r.groupId === pick.groupId && r.direction === pick.direction)],
        (r) => directedRuleKey(r.direction, r),
      );
      const { groupId, direction } = pick;
      const ids = chosen.map((r, i) => r.ruleId ?? `sgr-event-${i}`);
      const revoked = chosen.map(({ groupId: _g, direction: _d, ...spec }, i) => ({
        ...spec,
        ruleId: ids[i],
      }));
      const spec = ({
        groupId: _g,
        direction: _d,
        ruleId: _r,
        description: _desc,
        ...rest
      }: SgRule): RuleSpec => rest;
      const change: Change = byId
        ? { kind: 'sg-rules-removed', groupId, direction, rules: [], ruleIds: ids, revoked }
        : {
            kind: 'sg-rules-removed',
            groupId,
            direction,
            rules: chosen.map(spec),
            ruleIds: [],
            ...(withRevoked ? { revoked } : {}),
          };
      return { model, change, exact: byId || withRevoked };
    });
}

function naclCreatedArb(model: NetworkModel): fc.Arbitrary<Scenario> {
  return fc
    .record({ naclId: fc.constantFrom(...NACLS), entry: entryArb })
    .filter(
      ({ naclId, entry }) =>
        !model
          .nacl(naclId)!
          .entries.some((e) => e.ruleNumber === entry.ruleNumber && e.egress === entry.egress),
    )
    .map(({ naclId, entry }) => ({
      model,
      change: { kind: 'nacl-entry-created', naclId, entry } as Change,
      exact: true,
    }));
}

const hasRules = (model: NetworkModel) => GROUPS.some((g) => model.group(g)!.rules.length > 0);
const scenarioArb = modelArb.chain((model) =>
  fc.oneof(addedArb(model), naclCreatedArb(model), ...(hasRules(model) ? [removedArb(model)] : [])),
);

/** The affected groups' and NACLs' content, order-free; ids and descriptions only where the change can know them. */
function view(model: NetworkModel | undefined, scenario: Scenario, precise: boolean) {
  const options = { ids: precise && scenario.model.coverage.ruleIds, descriptions: precise };
  return {
    groups: GROUPS.map((g) => ruleSet(model, g, options)),
    nacls: NACLS.map((n) => entrySet(model, n)),
  };
}

describe('deriveStates and planRevert (property)', () => {
  it('derive the same before/after pair from a snapshot taken before or after the change', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        // Prepare
        const { model, change, exact } = scenario;
        const afterSnapshot = applyChange(model, change).model;

        // Act
        const fromBefore = deriveStates(model, change);
        const fromAfter = deriveStates(afterSnapshot, change);

        // Assess
        expect(fromBefore.position).toBe('before');
        expect(fromAfter.position).toBe('after');
        expect(view(fromAfter.before, scenario, exact)).toEqual(view(fromBefore.before, scenario, exact));
        expect(view(fromAfter.after, scenario, true)).toEqual(view(fromBefore.after, scenario, true));
      }),
      { numRuns: 300 },
    );
  });

  it('plan a revert that turns the after state back into the before state', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        // Prepare
        const { model, change } = scenario;
        const snapshots = [model, applyChange(model, change).model];

        for (const snapshot of snapshots) {
          const states = deriveStates(snapshot, change);

          // Act
          const plan = planRevert(change, states);
          const reverted = applyRevertSteps(states.after, plan.steps);

          // Assess
          expect(plan.status).toBe('ready');
          const compare = { ids: false, descriptions: true };
          expect(GROUPS.map((g) => ruleSet(reverted, g, compare))).toEqual(
            GROUPS.map((g) => ruleSet(states.before, g, compare)),
          );
          expect(NACLS.map((n) => entrySet(reverted, n))).toEqual(
            NACLS.map((n) => entrySet(states.before, n)),
          );
        }
      }),
      { numRuns: 300 },
    );
  });
});
