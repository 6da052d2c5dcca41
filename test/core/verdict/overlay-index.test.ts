import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../lambdas/core/config/parse-config';
import { createModel } from '../../../lambdas/core/model/indexed-model';
import { patchModel } from '../../../lambdas/core/model/patched-model';
import type { NetworkModel, SecurityGroup } from '../../../lambdas/core/model/types';
import { DependencyIndex, dependencyIndexFor } from '../../../lambdas/core/verdict/dependency-index';
import { overlayIndex } from '../../../lambdas/core/verdict/overlay-index';
import { eni, group } from '../support/builders';

const config = parseConfig(
  'dependencies:\n  - { name: web-to-db, from: { groupName: web }, to: { groupId: sg-b }, port: 5432 }\n',
  'guardian.yaml',
);

function baseWith(a: SecurityGroup): NetworkModel {
  return createModel({
    coverage: { ruleIds: false, nacls: false, prefixLists: false },
    groups: [a, group('sg-b')],
    enis: [
      eni('eni-a', { subnetId: 'subnet-1', ip: '10.0.0.1', groupIds: ['sg-a'] }),
      eni('eni-b', { subnetId: 'subnet-1', ip: '10.0.0.2', groupIds: ['sg-b'] }),
    ],
  });
}

function hitsOnGroupA(base: NetworkModel, patched: SecurityGroup): number[] {
  const model = patchModel(base, { groups: new Map([['sg-a', patched]]) });
  const index = overlayIndex(dependencyIndexFor(base, config), model, config, (p) => new DependencyIndex(model, config, p));
  return [...index.hits({ groupIds: ['sg-a'], eniIds: [], subnetIds: [] })];
}

describe('overlayIndex', () => {
  it('compares one patched group object with each base it is laid on, not with the first only', () => {
    // Prepare: the same (immutable) patched group, named web, over a base where it is web, then db.
    const patched = group('sg-a', { name: 'web' });
    const sameName = baseWith(group('sg-a', { name: 'web' }));
    const renamed = baseWith(group('sg-a', { name: 'db' }));

    // Act
    const first = hitsOnGroupA(sameName, patched);
    const second = hitsOnGroupA(renamed, patched);

    // Assess: over the db base, the patch renames sg-a to web, so web-to-db selects it again.
    expect(first).toEqual([0]);
    expect(second).toEqual([0]);
  });

  it('compares one patched ENI object with each base and id it is laid on, not with the first only', () => {
    // Prepare: the same (immutable) patched ENI, carrying sg-b, over a base where it does, then one where it does not.
    const patched = eni('eni-x', { subnetId: 'subnet-1', ip: '10.0.0.9', groupIds: ['sg-b'] });
    const toB = parseConfig(
      'dependencies:\n  - { name: c-to-b, from: { groupId: sg-c }, to: { groupId: sg-b }, port: 5432 }\n',
      'guardian.yaml',
    );
    const base = (groupIds: string[]) =>
      createModel({
        coverage: { ruleIds: false, nacls: false, prefixLists: false },
        groups: [group('sg-a'), group('sg-b'), group('sg-c')],
        enis: [
          eni('eni-x', { subnetId: 'subnet-1', ip: '10.0.0.9', groupIds }),
          eni('eni-c', { subnetId: 'subnet-2', ip: '10.0.1.9', groupIds: ['sg-c'] }),
        ],
      });
    const hitsOnEni = (under: NetworkModel, eniId: string) => {
      const model = patchModel(under, { enis: new Map([[eniId, patched]]) });
      const index = overlayIndex(dependencyIndexFor(under, toB), model, toB, (p) => new DependencyIndex(model, toB, p));
      const scratch = new DependencyIndex(model, toB);
      const touched = { groupIds: [], eniIds: [eniId], subnetIds: [] };
      return [[...index.hits(touched)], [...scratch.hits(touched)]];
    };

    // Act
    const same = hitsOnEni(base(['sg-b']), 'eni-x');
    const moved = hitsOnEni(base(['sg-a']), 'eni-x');
    const otherId = hitsOnEni(base(['sg-b']), 'eni-y');

    // Assess: each answer is the scratch index's; over the sg-a base the patch moves the ENI into sg-b.
    expect(same[0]).toEqual(same[1]);
    expect(moved[0]).toEqual(moved[1]);
    expect(otherId[0]).toEqual(otherId[1]);
    expect(moved[0]).toEqual([0]);
  });
});
