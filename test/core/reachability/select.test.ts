import { describe, expect, it } from 'vitest';
import { selectPairs } from '../../../lambdas/core/reachability/evaluate-dependency';
import { describeSelector, selectEnis, selectGroups } from '../../../lambdas/core/reachability/select';
import { eni, group } from '../support/builders';
import { FakeModel } from '../support/fake-model';

function model() {
  return new FakeModel({
    groups: [
      group('sg-b', { name: 'api', vpcId: 'vpc-2', tags: { Tier: 'api' } }),
      group('sg-a', { name: 'api', vpcId: 'vpc-1', tags: { Tier: 'api', Env: 'prod' } }),
      group('sg-c', { name: 'web', vpcId: 'vpc-1', tags: { Tier: 'web' } }),
    ],
    enis: [
      eni('eni-2', { subnetId: 'subnet-1', ip: '10.0.0.2', groupIds: ['sg-a', 'sg-b'] }),
      eni('eni-1', { subnetId: 'subnet-1', ip: '10.0.0.1', groupIds: ['sg-a'] }),
      eni('eni-3', { subnetId: 'subnet-1', ip: '10.0.0.3', groupIds: ['sg-c'] }),
    ],
  });
}

describe('selectGroups', () => {
  it('selects by id, by name across VPCs, and by tags', () => {
    // Prepare
    const m = model();
    // Act
    const byId = selectGroups(m, { groupId: 'sg-c' });
    const byName = selectGroups(m, { groupName: 'api' });
    const byTags = selectGroups(m, { tags: { Tier: 'api', Env: 'prod' } });
    // Assess
    expect(byId.map((g) => g.groupId)).toEqual(['sg-c']);
    expect(byName.map((g) => g.groupId)).toEqual(['sg-a', 'sg-b']);
    expect(byTags.map((g) => g.groupId)).toEqual(['sg-a']);
  });

  it('narrows a selection to one VPC', () => {
    // Prepare
    const m = model();
    // Act
    const groups = selectGroups(m, { groupName: 'api', vpcId: 'vpc-2' });
    const none = selectGroups(m, { groupId: 'sg-c', vpcId: 'vpc-2' });
    // Assess
    expect(groups.map((g) => g.groupId)).toEqual(['sg-b']);
    expect(none).toEqual([]);
  });

  it('describes a selector for messages', () => {
    // Prepare
    const selector = { tags: { Tier: 'api' }, vpcId: 'vpc-1' };
    // Act
    const text = describeSelector(selector);
    // Assess
    expect(text).toBe('tags {Tier=api} in vpc-1');
  });
});

describe('selectEnis and selectPairs', () => {
  it('lists each ENI once even when it carries several selected groups', () => {
    // Prepare
    const m = model();
    // Act
    const enis = selectEnis(m, selectGroups(m, { groupName: 'api' }));
    // Assess
    expect(enis.map((e) => e.eniId)).toEqual(['eni-1', 'eni-2']);
  });

  it('pairs every source ENI with every other destination ENI, never with itself', () => {
    // Prepare
    const m = model();
    // Act
    const pairs = selectPairs(m, { from: { groupName: 'api' }, to: { tags: { Tier: 'api' } } });
    // Assess
    expect(pairs).toEqual([
      { sourceEniId: 'eni-1', destinationEniId: 'eni-2' },
      { sourceEniId: 'eni-2', destinationEniId: 'eni-1' },
    ]);
  });
});
