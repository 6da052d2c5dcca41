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
});
