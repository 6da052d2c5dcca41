import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GuardianConfig } from '../../../lambdas/core/config/schema';
import { patchModel } from '../../../lambdas/core/model/patched-model';
import type { NetworkInterface, NetworkModel, SecurityGroup } from '../../../lambdas/core/model/types';
import { DependencyIndex, dependencyIndexFor } from '../../../lambdas/core/verdict/dependency-index';
import { loadExamples } from '../../support/examples';

let model: NetworkModel;
let config: GuardianConfig;

beforeAll(async () => {
  ({ model, config } = await loadExamples());
});

const GROUPS = ['sg-0nginx456', 'sg-0backend123', 'sg-0cache321', 'sg-0legacy789', 'sg-0default00', 'sg-0new1'];
const ENIS = ['eni-0nginx1a', 'eni-0backend1a', 'eni-0backend2b', 'eni-0cache1a', 'eni-0new1'];
const SUBNETS = ['subnet-0web1', 'subnet-0app1', 'subnet-0new'];
const ROLES = ['nginx', 'backend', 'cache', 'legacy'];
const NAMES = ['nginx', 'backend', 'cache', 'backend-legacy', 'default'];

/** A group as a patch may hold it: an existing one renamed or retagged, a new one, or deleted. */
const groupEdit = fc.record({
  groupId: fc.constantFrom(...GROUPS),
  edit: fc.oneof(
    fc.constant({ kind: 'delete' as const }),
    fc.record({ kind: fc.constant('same' as const) }),
    fc.record({ kind: fc.constant('rename' as const), name: fc.constantFrom(...NAMES) }),
    fc.record({ kind: fc.constant('retag' as const), role: fc.option(fc.constantFrom(...ROLES)) }),
  ),
});

const eniEdit = fc.record({
  eniId: fc.constantFrom(...ENIS),
  edit: fc.oneof(
    fc.constant({ kind: 'delete' as const }),
    fc.record({ kind: fc.constant('same' as const) }),
    fc.record({
      kind: fc.constant('regroup' as const),
      groupIds: fc.uniqueArray(fc.constantFrom(...GROUPS), { maxLength: 3 }),
      subnetId: fc.constantFrom(...SUBNETS),
    }),
  ),
});

type GroupEdit = typeof groupEdit extends fc.Arbitrary<infer T> ? T : never;
type EniEdit = typeof eniEdit extends fc.Arbitrary<infer T> ? T : never;

function editedGroup(under: NetworkModel, { groupId, edit }: GroupEdit): SecurityGroup | undefined {
  if (edit.kind === 'delete') return undefined;
  const existing = under.group(groupId) ?? {
    groupId,
    groupName: groupId,
    vpcId: 'vpc-0demo1a2b3c4d5e6',
    description: '',
    ownerId: '123456789012',
    tags: {},
    rules: [],
  };
  if (edit.kind === 'same') return { ...existing }; // a fresh copy, as a live read gives
  if (edit.kind === 'rename') return { ...existing, groupName: edit.name };
  const { Role: _role, ...tags } = existing.tags;
  return { ...existing, tags: edit.role ? { ...tags, Role: edit.role } : tags };
}

function editedEni(under: NetworkModel, { eniId, edit }: EniEdit): NetworkInterface | undefined {
  if (edit.kind === 'delete') return undefined;
  const existing = under.eni(eniId) ?? { ...[...under.enis()][0]!, eniId };
  if (edit.kind === 'same') return { ...existing, groupIds: [...existing.groupIds] };
  return { ...existing, groupIds: edit.groupIds, subnetId: edit.subnetId };
}

const layer = fc.record({
  groups: fc.array(groupEdit, { maxLength: 3 }),
  enis: fc.array(eniEdit, { maxLength: 3 }),
});

describe('the dependency index of a patched model', () => {
  it('answers as an index built from scratch on that model, for every id and patches of patches', () => {
    fc.assert(
      fc.property(fc.array(layer, { minLength: 1, maxLength: 3 }), (layers) => {
        // Prepare
        let patched = model;
        for (const { groups, enis } of layers)
          patched = patchModel(patched, {
            groups: new Map(groups.map((g) => [g.groupId, editedGroup(patched, g)])),
            enis: new Map(enis.map((e) => [e.eniId, editedEni(patched, e)])),
          });

        // Act
        const derived = dependencyIndexFor(patched, config);
        const rebuilt = new DependencyIndex(patched, config);

        // Assess
        const names = (deps: readonly { name: string }[]) => deps.map((d) => d.name);
        for (const groupId of GROUPS)
          expect(names(derived.affectedBy({ groupIds: [groupId], eniIds: [], subnetIds: [] })), groupId).toEqual(
            names(rebuilt.affectedBy({ groupIds: [groupId], eniIds: [], subnetIds: [] })),
          );
        for (const eniId of ENIS)
          expect(names(derived.affectedBy({ groupIds: [], eniIds: [eniId], subnetIds: [] })), eniId).toEqual(
            names(rebuilt.affectedBy({ groupIds: [], eniIds: [eniId], subnetIds: [] })),
          );
        for (const subnetId of SUBNETS)
          expect(names(derived.affectedBy({ groupIds: [], eniIds: [], subnetIds: [subnetId] })), subnetId).toEqual(
            names(rebuilt.affectedBy({ groupIds: [], eniIds: [], subnetIds: [subnetId] })),
          );
      }),
      { numRuns: 400 },
    );
  });

  it('reuses the base index when the patch changes no footprint (rule edits, fresh copies)', () => {
    // Prepare
    const base = dependencyIndexFor(model, config);
    const copies = new Map([...model.groups()].map((g) => [g.groupId, { ...g, rules: [] }]));

    // Act
    const derived = dependencyIndexFor(patchModel(model, { groups: copies }), config);

    // Assess
    expect(derived).toBe(base);
  });
});
