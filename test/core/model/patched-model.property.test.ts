import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createModel } from '../../../lambdas/core/model/indexed-model';
import { patchModel } from '../../../lambdas/core/model/patched-model';
import type { ModelPatch, NetworkModel } from '../../../lambdas/core/model/types';
import { cidrPeer, eni, group, ingress, nacl, openEntries } from '../support/builders';

const GROUPS = ['sg-a', 'sg-b', 'sg-c', 'sg-d'];
const ENIS = ['eni-0', 'eni-1', 'eni-2', 'eni-3', 'eni-4'];
const SUBNETS = ['subnet-0', 'subnet-1', 'subnet-2'];
const NAMES = ['web', 'app', 'db'];

const groupArb = (groupId: string) =>
  fc
    .record({ name: fc.constantFrom(...NAMES), rules: fc.subarray(['r1', 'r2', 'r3']) })
    .map(({ name, rules }) =>
      group(groupId, { name, rules: rules.map((r) => ingress('tcp', 22, 22, cidrPeer('10.0.0.0/8'), `sgr-${groupId}-${r}`)) }),
    );
const eniArb = (eniId: string) =>
  fc
    .record({ subnetId: fc.constantFrom(...SUBNETS), groupIds: fc.subarray(GROUPS, { maxLength: 3 }) })
    .map(({ subnetId, groupIds }) => eni(eniId, { subnetId, ip: '10.0.0.1', groupIds }));
/** acl-N may hold subnet-N only: a subnet has one NACL at a time. */
const naclArb = (naclId: string) =>
  fc.boolean().map((held) => nacl(naclId, held ? [naclId.replace('acl', 'subnet')] : [], openEntries()));

/** Per id: absent from the patch, deleted, or replaced. */
const patchOf = <T>(ids: readonly string[], arb: (id: string) => fc.Arbitrary<T>) =>
  fc
    .tuple(...ids.map((id) => fc.oneof(fc.constant('keep' as const), fc.constant(undefined), arb(id))))
    .map((entries) => new Map(entries.flatMap((e, i) => (e === 'keep' ? [] : [[ids[i]!, e]]))));

const baseArb = fc
  .record({
    groups: fc.tuple(...GROUPS.map((id) => fc.option(groupArb(id), { nil: undefined }))),
    enis: fc.tuple(...ENIS.map((id) => fc.option(eniArb(id), { nil: undefined }))),
    nacls: fc.tuple(naclArb('acl-0'), naclArb('acl-1')),
  })
  .map(({ groups, enis, nacls }) =>
    createModel({
      coverage: { ruleIds: true, nacls: true, prefixLists: false },
      groups: groups.flatMap((g) => (g ? [g] : [])),
      enis: enis.flatMap((e) => (e ? [e] : [])),
      nacls,
    }),
  );
const patchArb: fc.Arbitrary<ModelPatch> = fc.record({
  groups: patchOf(GROUPS, groupArb),
  enis: patchOf(ENIS, eniArb),
  nacls: patchOf(['acl-0', 'acl-1', 'acl-2'], naclArb),
});

/** The patched content as a plain indexed model: what a patched model must answer like. */
function materialised(model: NetworkModel): NetworkModel {
  return createModel({ coverage: model.coverage, groups: model.groups(), enis: model.enis(), nacls: model.nacls() });
}

const ids = (list: readonly { eniId?: string; groupId?: string }[]) => list.map((x) => x.eniId ?? x.groupId).sort();

/** One edit of a long-lived ENI patch map between two views (the Lambda's known state between events). */
type MapEdit =
  | { op: 'set'; eniId: string; eni: ReturnType<typeof eni> | undefined }
  | { op: 'delete'; eniId: string }
  | { op: 'reinsert'; eniId: string }
  | { op: 'none' };
const eniOrDeletedArb = (eniId: string) => fc.option(eniArb(eniId), { nil: undefined });
const mapEditArb: fc.Arbitrary<MapEdit> = fc.constantFrom(...ENIS).chain((eniId) =>
  fc.oneof(
    eniOrDeletedArb(eniId).map((e) => ({ op: 'set' as const, eniId, eni: e })),
    fc.constant({ op: 'delete' as const, eniId }),
    fc.constant({ op: 'reinsert' as const, eniId }),
    fc.constant({ op: 'none' as const }),
  ),
);
function applyEdit(map: Map<string, ReturnType<typeof eni> | undefined>, edit: MapEdit): void {
  if (edit.op === 'set') map.set(edit.eniId, edit.eni);
  else if (edit.op === 'delete') map.delete(edit.eniId);
  else if (edit.op === 'reinsert' && map.has(edit.eniId)) {
    const value = map.get(edit.eniId);
    map.delete(edit.eniId);
    map.set(edit.eniId, value);
  }
}

describe('patchModel (property)', () => {
  it('answers its lazy indexes as a model built from its content, for patches of patches', () => {
    fc.assert(
      fc.property(baseArb, fc.array(patchArb, { minLength: 1, maxLength: 3 }), (base, patches) => {
        // Prepare
        const patched = patches.reduce((model, patch) => patchModel(model, patch), base);

        // Act
        const plain = materialised(patched);

        // Assess
        for (const groupId of GROUPS) {
          expect(ids(patched.enisWithGroup(groupId))).toEqual(ids(plain.enisWithGroup(groupId)));
          for (const r of ['r1', 'r2', 'r3'])
            expect(patched.ruleById(`sgr-${groupId}-${r}`)).toEqual(plain.ruleById(`sgr-${groupId}-${r}`));
        }
        for (const name of NAMES) expect(ids(patched.groupsByName(name))).toEqual(ids(plain.groupsByName(name)));
        for (const subnetId of SUBNETS)
          expect(patched.naclForSubnet(subnetId)?.naclId).toEqual(plain.naclForSubnet(subnetId)?.naclId);
      }),
      { numRuns: 500 },
    );
  });

  it('answers enisWithGroup, in order, for views made over one ENI patch map edited between them', () => {
    fc.assert(
      fc.property(baseArb, patchArb, fc.array(mapEditArb, { minLength: 1, maxLength: 8 }), (base, patch, edits) => {
        // Prepare: the patch's ENI map lives on, as the Lambda's known state does between events
        const enis = new Map(patch.enis);
        const groupsAsked = [...GROUPS].reverse();

        for (const edit of [{ op: 'none' as const }, ...edits]) {
          // Act
          applyEdit(enis, edit);
          const view = patchModel(base, { enis });
          const answers = groupsAsked.map((groupId) => view.enisWithGroup(groupId).map((e) => e.eniId));

          // Assess: the same ENIs, in the same order, as a view over a copy of the map never seen before,
          // and the same set as a model built from the view's content
          const fresh = patchModel(base, { enis: new Map(enis) });
          expect(answers).toEqual(groupsAsked.map((groupId) => fresh.enisWithGroup(groupId).map((e) => e.eniId)));
          const plain = materialised(view);
          expect(answers.map((list) => [...list].sort())).toEqual(groupsAsked.map((groupId) => ids(plain.enisWithGroup(groupId))));
        }
      }),
      { numRuns: 300 },
    );
  });
});
