import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dependency, GuardianConfig } from '../../../lambdas/core/config/schema';
import { createModel } from '../../../lambdas/core/model/indexed-model';
import { patchModel } from '../../../lambdas/core/model/patched-model';
import type { Instance, NetworkInterface, NetworkModel, SecurityGroup } from '../../../lambdas/core/model/types';
import { DependencyIndex, dependencyIndexFor } from '../../../lambdas/core/verdict/dependency-index';
import { loadExamples } from '../../support/examples';

let model: NetworkModel;
let config: GuardianConfig;

/** Instance-tag dependencies next to the example's group ones: every side kind, with and without devices. */
const INSTANCE_DEPENDENCIES: Dependency[] = [
  {
    name: 'nginx-instances-to-backend-device-1',
    from: { instanceTags: { Role: 'nginx' } },
    to: { instanceTags: { Role: 'backend' }, deviceIndex: 1 },
    protocol: 'tcp',
    port: 8080,
  },
  {
    name: 'backend-group-to-cache-instances',
    from: { tags: { Role: 'backend' } },
    to: { instanceTags: { Role: 'cache' }, vpcId: 'vpc-0demo1a2b3c4d5e6' },
    protocol: 'tcp',
    port: 6379,
  },
];

/** The example account plus its instances (from the ENIs' attachments), tagged by role. */
function withInstances(examples: NetworkModel): NetworkModel {
  const instances = new Map<string, Instance>();
  for (const eni of examples.enis()) {
    if (!eni.instanceId) continue;
    const existing = instances.get(eni.instanceId);
    const attached = { eniId: eni.eniId, deviceIndex: eni.deviceIndex ?? 0 };
    instances.set(eni.instanceId, {
      instanceId: eni.instanceId,
      state: 'running',
      tags: { Role: eni.instanceId.replace(/^i-0|\d+$/g, '') },
      vpcId: eni.vpcId,
      subnetId: eni.subnetId,
      networkInterfaces: [...(existing?.networkInterfaces ?? []), attached],
    });
  }
  return createModel({
    coverage: { ...examples.coverage, instances: true },
    groups: examples.groups(),
    enis: examples.enis(),
    nacls: examples.nacls(),
    prefixLists: examples.prefixLists?.() ?? [],
    instances: instances.values(),
  });
}

beforeAll(async () => {
  const examples = await loadExamples();
  model = withInstances(examples.model);
  config = { ...examples.config, dependencies: [...examples.config.dependencies, ...INSTANCE_DEPENDENCIES] };
});

const GROUPS = ['sg-0nginx456', 'sg-0backend123', 'sg-0cache321', 'sg-0legacy789', 'sg-0default00', 'sg-0new1'];
const ENIS = ['eni-0nginx1a', 'eni-0backend1a', 'eni-0backend2b', 'eni-0cache1a', 'eni-0new1'];
const SUBNETS = ['subnet-0web1', 'subnet-0app1', 'subnet-0new'];
const ROLES = ['nginx', 'backend', 'cache', 'legacy'];
const INSTANCES = ['i-0nginx1', 'i-0backend1', 'i-0backend2', 'i-0cache1', 'i-0new1'];
const VPCS = ['vpc-0demo1a2b3c4d5e6', 'vpc-0other'];
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
    fc.record({
      kind: fc.constant('reattach' as const),
      instanceId: fc.option(fc.constantFrom(...INSTANCES), { nil: undefined }),
      vpcId: fc.constantFrom(...VPCS),
    }),
  ),
});

/** An instance as a patch may hold it: launched, retagged, stopped/started, (de)attached, or terminated. */
const instanceEdit = fc.record({
  instanceId: fc.constantFrom(...INSTANCES),
  edit: fc.oneof(
    fc.constant({ kind: 'delete' as const }),
    fc.record({ kind: fc.constant('same' as const) }),
    fc.record({ kind: fc.constant('retag' as const), role: fc.option(fc.constantFrom(...ROLES)) }),
    fc.record({ kind: fc.constant('state' as const), state: fc.constantFrom('pending', 'running', 'stopped') }),
    fc.record({
      kind: fc.constant('attach' as const),
      eniIds: fc.uniqueArray(fc.constantFrom(...ENIS), { maxLength: 3 }),
    }),
  ),
});

type GroupEdit = typeof groupEdit extends fc.Arbitrary<infer T> ? T : never;
type EniEdit = typeof eniEdit extends fc.Arbitrary<infer T> ? T : never;
type InstanceEdit = typeof instanceEdit extends fc.Arbitrary<infer T> ? T : never;

function editedInstance(under: NetworkModel, { instanceId, edit }: InstanceEdit): Instance | undefined {
  if (edit.kind === 'delete') return undefined;
  const existing = under.instance(instanceId) ?? {
    instanceId,
    state: 'pending',
    tags: { Role: 'backend' },
    vpcId: VPCS[0],
    networkInterfaces: [],
  };
  if (edit.kind === 'same') return { ...existing, tags: { ...existing.tags } };
  if (edit.kind === 'state') return { ...existing, state: edit.state };
  if (edit.kind === 'attach')
    return { ...existing, networkInterfaces: edit.eniIds.map((eniId, deviceIndex) => ({ eniId, deviceIndex })) };
  const { Role: _role, ...tags } = existing.tags;
  return { ...existing, tags: edit.role ? { ...tags, Role: edit.role } : tags };
}

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
  if (edit.kind === 'reattach') {
    const { instanceId: _instance, ...unattached } = existing;
    return { ...unattached, vpcId: edit.vpcId, ...(edit.instanceId && { instanceId: edit.instanceId }) };
  }
  return { ...existing, groupIds: edit.groupIds, subnetId: edit.subnetId };
}

const layer = fc.record({
  groups: fc.array(groupEdit, { maxLength: 3 }),
  enis: fc.array(eniEdit, { maxLength: 3 }),
  instances: fc.array(instanceEdit, { maxLength: 2 }),
});

describe('the dependency index of a patched model', () => {
  it('answers as an index built from scratch on that model, for every id and patches of patches', () => {
    fc.assert(
      fc.property(fc.array(layer, { minLength: 1, maxLength: 3 }), (layers) => {
        // Prepare
        let patched = model;
        for (const { groups, enis, instances } of layers)
          patched = patchModel(patched, {
            groups: new Map(groups.map((g) => [g.groupId, editedGroup(patched, g)])),
            enis: new Map(enis.map((e) => [e.eniId, editedEni(patched, e)])),
            instances: new Map(instances.map((i) => [i.instanceId, editedInstance(patched, i)])),
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
