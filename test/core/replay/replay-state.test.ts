import { describe, expect, it } from 'vitest';
import type { Change } from '../../../lambdas/core/events/types';
import { ReplayState } from '../../../lambdas/core/replay/replay-state';
import { applyChange } from '../../../lambdas/core/state/apply-change';
import { replayFixture } from './fixtures';

const cidrRule = (port: number) => ({
  protocol: 'tcp',
  fromPort: port,
  toPort: port,
  peer: { kind: 'cidr' as const, cidr: '10.9.0.0/16' },
});

/** 300 changes over every group and ENI: enough for many compactions and re-indexings. */
function history(): Change[] {
  const groups = ['sg-0nginx456', 'sg-0backend123', 'sg-0cache321', 'sg-0legacy789', 'sg-0default00'];
  const changes: Change[] = [];
  for (let i = 0; i < 300; i++) {
    const groupId = groups[i % groups.length]!;
    const eniGroups = i % 2 ? ['sg-0legacy789'] : ['sg-0backend123'];
    if (i % 7 === 3) changes.push({ kind: 'eni-groups-set', eniId: 'eni-0backend2b', groupIds: eniGroups });
    else if (i % 3 === 2)
      changes.push({ kind: 'sg-rules-removed', groupId, direction: 'ingress', rules: [cidrRule(2000 + i - 1)], ruleIds: [] });
    else changes.push({ kind: 'sg-rules-added', groupId, direction: 'ingress', rules: [cidrRule(2000 + i)] });
  }
  return changes;
}

describe('ReplayState', () => {
  it.each([
    ['compactions', { compactEvery: 4, rebuildAbove: 1000 }],
    ['re-indexing', { compactEvery: 4, rebuildAbove: 2 }],
  ])('ends in the same state as applying every change in turn, across %s', async (_, compaction) => {
    // Prepare
    const { model, config } = await replayFixture();
    const state = new ReplayState(model, config, compaction);
    let expected = model;

    // Act
    for (const change of history()) {
      state.apply(change);
      expected = applyChange(expected, change).model;
    }

    // Assess
    const view = (m: typeof model) => ({
      groups: [...m.groups()]
        .map((g) => [g.groupId, g.rules.map((r) => `${r.direction}:${r.fromPort}:${r.ruleId ?? ''}`).sort()])
        .sort(),
      enis: [...m.enis()].map((e) => [e.eniId, e.groupIds]).sort(),
      legacyEnis: m.enisWithGroup('sg-0legacy789').map((e) => e.eniId),
      rule: m.ruleById('sgr-0cachei00')?.groupId,
    });
    expect(view(state.model)).toEqual(view(expected));
  });

  it('puts a group an ENI gains into the footprint of the dependencies that ENI serves', async () => {
    // Prepare
    const { model, config } = await replayFixture();
    const state = new ReplayState(model, config);
    const touched = { groupIds: ['sg-0legacy789'], eniIds: [], subnetIds: [] };
    const before = state.dependencyIndex.affectedBy(touched).map((d) => d.name);

    // Act
    state.apply({ kind: 'eni-groups-set', eniId: 'eni-0backend1a', groupIds: ['sg-0backend123', 'sg-0legacy789'] });

    // Assess
    expect(before).toEqual([]);
    expect(state.dependencyIndex.affectedBy(touched).map((d) => d.name)).toEqual(['nginx-to-backend', 'backend-to-cache']);
  });
});
