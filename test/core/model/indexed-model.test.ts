import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../lambdas/core/model/build-model';
import { createModel } from '../../../lambdas/core/model/indexed-model';
import { group } from '../state/fixtures';
import { smallSnapshotDocs } from './fixture-docs';

const ids = (items: readonly { groupId?: string; eniId?: string }[]) =>
  items.map((i) => i.groupId ?? i.eniId);

describe('indexed model', () => {
  it('finds groups by id, by name and by every tag given', () => {
    // Prepare
    const model = buildModel(smallSnapshotDocs());

    // Act
    const byName = model.groupsByName('app');
    const byEnv = model.groupsByTags({ env: 'prod' });
    const byBoth = model.groupsByTags({ env: 'prod', tier: 'web' });
    const byUnknown = model.groupsByTags({ env: 'prod', tier: 'cache' });

    // Assess
    expect(model.group('sg-0db')?.groupName).toBe('db');
    expect(ids(byName)).toEqual(['sg-0app']);
    expect(ids(byEnv)).toEqual(['sg-0web', 'sg-0app']);
    expect(ids(byBoth)).toEqual(['sg-0web']);
    expect(byUnknown).toEqual([]);
    expect(model.groupsByName('nope')).toEqual([]);
  });

  it('lists every group sharing a name across VPCs', () => {
    // Prepare
    const model = createModel({
      coverage: { ruleIds: false, nacls: false, prefixLists: false },
      groups: [group('sg-a', []), { ...group('sg-b', []), groupName: 'a', vpcId: 'vpc-2' }],
      enis: [],
    });

    // Act
    const named = model.groupsByName('a');

    // Assess
    expect(ids(named)).toEqual(['sg-a', 'sg-b']);
  });

  it('indexes ENIs by group, subnets by NACL and rules by id', () => {
    // Prepare
    const model = buildModel(smallSnapshotDocs());

    // Act
    const appEnis = model.enisWithGroup('sg-0app');

    // Assess
    expect(ids(appEnis)).toEqual(['eni-0app1', 'eni-0app2']);
    expect(ids(model.enisWithGroup('sg-0db'))).toEqual(['eni-0app1']);
    expect(model.enisWithGroup('sg-none')).toEqual([]);
    expect(model.naclForSubnet('subnet-0priv')?.naclId).toBe('acl-0priv');
    expect(model.naclForSubnet('subnet-unknown')).toBeUndefined();
    expect(model.ruleById('sgr-0appicmp')).toMatchObject({
      groupId: 'sg-0app',
      protocol: 'icmp',
      fromPort: -1,
    });
    expect(model.ruleById('sgr-none')).toBeUndefined();
    expect([...model.groups()]).toHaveLength(3);
    expect([...model.enis()]).toHaveLength(3);
    expect([...model.nacls()]).toHaveLength(2);
  });
});
