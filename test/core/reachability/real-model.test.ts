import { describe, expect, it } from 'vitest';
import { createModel } from '../../../lambdas/core/model/indexed-model';
import type { NetworkModel } from '../../../lambdas/core/model/types';
import { evaluateDependency, selectPairs } from '../../../lambdas/core/reachability/evaluate-dependency';
import { defaultEgress, naclEntry, openEntries } from '../support/builders';
import type { FakeModel } from '../support/fake-model';
import { nginxToBackend, STALE, webBackendModel } from '../support/web-backend';

/** The same content in the real indexed model, to check the fake does not hide a difference. */
function real(fake: FakeModel): NetworkModel {
  return createModel({
    coverage: fake.coverage,
    groups: fake.groups(),
    enis: fake.enis(),
    nacls: fake.nacls(),
  });
}

describe('reachability on the real indexed model', () => {
  it('gives the same results as on the fake model for the incidents', () => {
    // Prepare
    const deny = naclEntry({
      ruleNumber: 90,
      egress: true,
      action: 'deny',
      protocol: 'tcp',
      ports: [1024, 65535],
    });
    const scenarios = [
      webBackendModel(),
      webBackendModel({ backendRules: [defaultEgress()] }),
      webBackendModel({ appEntries: [deny, ...openEntries()] }),
      webBackendModel({ nacls: false }),
    ];
    // Act
    const onFake = scenarios.map((m) => evaluateDependency(m, nginxToBackend));
    const onReal = scenarios.map((m) => evaluateDependency(real(m), nginxToBackend));
    // Assess
    expect(onReal).toEqual(onFake);
    expect(onReal.map((r) => r.status)).toEqual(['reachable', 'blocked', 'blocked', 'reachable']);
  });

  it('judges the stale secondary ENI on the pairs of the state before', () => {
    // Prepare
    const pairs = selectPairs(real(webBackendModel()), nginxToBackend);
    const after = real(webBackendModel({ secondaryGroups: [STALE] }));
    // Act
    const result = evaluateDependency(after, nginxToBackend, { pairs });
    // Assess
    expect(result.pairs.map((p) => p.reachable)).toEqual([true, false]);
  });
});
