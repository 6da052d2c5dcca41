import { describe, expect, it } from 'vitest';
import type { Change } from '../../../lambdas/core/events/types';
import { ReplayState } from '../../../lambdas/core/replay/replay-state';
import { createModel } from '../../../lambdas/core/model/indexed-model';
import { applyChange } from '../../../lambdas/core/state/apply-change';
import { launchTemplate, templateVersion } from '../../support/workloads';
import { phantomBlockModel, STALE, WEB } from '../support/phantom-block';
import { greenLaunch, phantomConfig } from '../verdict/workload-events';

function account() {
  const base = phantomBlockModel();
  return createModel({
    coverage: { ...base.coverage, launchTemplates: true },
    groups: [...base.groups()],
    enis: [...base.enis()],
    nacls: [...base.nacls()],
    instances: [...base.instances()],
    prefixLists: [{ prefixListId: 'pl-1', cidrs: ['10.0.0.0/8'] }],
    launchTemplates: [launchTemplate('lt-0abc', 6)],
    launchTemplateVersions: [templateVersion('lt-0abc', 6, [[WEB]], { isDefault: true })],
  });
}

const HISTORY: Change[] = [
  greenLaunch(2),
  { kind: 'instance-groups-set', instanceId: 'i-0green1', groupIds: [STALE] },
  { kind: 'prefix-list-modified', prefixListId: 'pl-1', added: ['192.0.2.0/24'], removed: [] },
  { kind: 'launch-template-version-created', version: templateVersion('lt-0abc', 7, [[STALE]]), templateCreated: false },
  { kind: 'launch-template-default-set', launchTemplateId: 'lt-0abc', defaultVersion: 7 },
  { kind: 'tags-set', resourceIds: ['i-0db'], tags: { Role: 'web' } },
];

describe('ReplayState: workloads', () => {
  it.each([
    ['compactions', { compactEvery: 2, rebuildAbove: 1000 }],
    ['re-indexing', { compactEvery: 2, rebuildAbove: 1 }],
  ])('keeps instances, templates, versions and prefix lists across %s', (_, compaction) => {
    // Prepare
    const state = new ReplayState(account(), phantomConfig(), compaction);

    // Act
    for (const change of HISTORY) state.apply(change);

    // Assess
    const m = state.model;
    expect(m.instance('i-0green2')?.tags).toEqual({ Role: 'web', Color: 'green' });
    expect(m.eni('eni-0green1a')?.groupIds).toEqual([STALE]);
    expect(m.prefixList('pl-1')?.cidrs).toEqual(['10.0.0.0/8', '192.0.2.0/24']);
    expect(m.launchTemplate('lt-0abc')?.defaultVersionNumber).toBe(7);
    expect(m.launchTemplateVersion('lt-0abc', 7)?.isDefault).toBe(true);
    expect(m.instance('i-0db')?.tags).toEqual({ Role: 'web' });
  });

  it('finds the launched ENIs in its dependency index after the launch', () => {
    // Prepare
    const state = new ReplayState(account(), phantomConfig(), { compactEvery: 32, rebuildAbove: 64 });
    const expected = applyChange(account(), greenLaunch(1)).model;

    // Act
    state.apply(greenLaunch(1));

    // Assess
    expect(state.model.eni('eni-0green1b')).toEqual(expected.eni('eni-0green1b'));
    const hit = state.dependencyIndex.affectedBy({ groupIds: [], eniIds: ['eni-0green1b'], subnetIds: [] });
    expect(hit.map((d) => d.name)).toEqual(['alb-to-web']);
  });
});
