import { describe, expect, it } from 'vitest';
import { createModel } from '../../../lambdas/core/model/indexed-model';
import type { NetworkModel } from '../../../lambdas/core/model/types';
import { applyChange } from '../../../lambdas/core/state/apply-change';
import { judge } from '../../../lambdas/core/verdict/judge';
import { launchTemplate, templateVersion } from '../../support/workloads';
import { phantomBlockModel, STALE, WEB } from '../support/phantom-block';
import { NOW, parsed, phantomConfig } from './workload-events';

const WEB_TAGS = { Role: 'web' };

/** The Phantom Block account with lt-0abc, whose default v6 puts sg-0web on both devices. */
function withTemplate(): NetworkModel {
  const base = phantomBlockModel();
  return createModel({
    coverage: { ...base.coverage, launchTemplates: true },
    groups: base.groups(),
    enis: base.enis(),
    nacls: base.nacls(),
    instances: base.instances(),
    launchTemplates: [launchTemplate('lt-0abc', 6)],
    launchTemplateVersions: [templateVersion('lt-0abc', 6, [[WEB], [WEB]], { isDefault: true, instanceTags: WEB_TAGS })],
  });
}

const v7 = templateVersion('lt-0abc', 7, [[WEB], [STALE]], { instanceTags: WEB_TAGS });

describe('judge: launch templates, before any instance exists', () => {
  it('reports that instances launched from the new version will be unreachable through device 1', () => {
    // Prepare
    const change = { kind: 'launch-template-version-created' as const, version: v7, templateCreated: false };

    // Act
    const v = judge({ event: parsed(change, 'CreateLaunchTemplateVersion'), model: withTemplate(), config: phantomConfig(), now: NOW });

    // Assess
    expect(v.verdict).toBe('violation');
    expect(v.findings[0]?.title).toBe(
      `alb-to-web: instances launched from lt-0abc v7 (Role=web) will be unreachable from alb on tcp/443 through device 1 (${STALE})`,
    );
    const fixes = v.findings[0]?.fixes ?? [];
    expect(fixes.map((f) => f.awsCli).join('\n')).not.toContain('virtual:');
    expect(fixes.some((f) => f.apply !== undefined && JSON.stringify(f.apply).includes('virtual:'))).toBe(false);
    expect(fixes.map((f) => f.awsCli)).toContain(
      `aws ec2 create-launch-template-version --launch-template-id lt-0abc --source-version 7 --launch-template-data '{"NetworkInterfaces":[{"DeviceIndex":0,"Groups":["${WEB}"]},{"DeviceIndex":1,"Groups":["${STALE}","${WEB}"]}]}'`,
    );
    expect(v.revert.steps).toEqual([]);
    expect(v.action).toBe('notify');
  });

  it('gives the same findings against the snapshot taken after the version was created', () => {
    // Prepare
    const change = { kind: 'launch-template-version-created' as const, version: v7, templateCreated: false };
    const before = withTemplate();
    const after = applyChange(before, change).model;
    const config = phantomConfig();

    // Act
    const fromBefore = judge({ event: parsed(change), model: before, config, now: NOW });
    const fromAfter = judge({ event: parsed(change), model: after, config, now: NOW });

    // Assess
    expect(fromAfter.snapshotPosition).toBe('after');
    expect(fromAfter.findings.map((f) => f.title)).toEqual(fromBefore.findings.map((f) => f.title));
    expect(fromBefore.findings).toHaveLength(1);
  });

  it('judges ModifyLaunchTemplate against the old default version', () => {
    // Prepare
    const model = applyChange(withTemplate(), {
      kind: 'launch-template-version-created',
      version: v7,
      templateCreated: false,
    }).model;
    const change = { kind: 'launch-template-default-set' as const, launchTemplateId: 'lt-0abc', defaultVersion: 7 };

    // Act
    const v = judge({ event: parsed(change, 'ModifyLaunchTemplate'), model, config: phantomConfig(), now: NOW });

    // Assess
    expect(v.verdict).toBe('violation');
    expect(v.findings[0]?.title).toContain('instances launched from lt-0abc v7 (Role=web) will be unreachable');
    expect(v.revert.reason).toContain('never switched back');
  });

  it('is ok for a version that keeps the right groups', () => {
    // Prepare
    const good = templateVersion('lt-0abc', 7, [[WEB], [WEB]], { instanceTags: WEB_TAGS });
    const change = { kind: 'launch-template-version-created' as const, version: good, templateCreated: false };

    // Act
    const v = judge({ event: parsed(change), model: withTemplate(), config: phantomConfig(), now: NOW });

    // Assess
    expect(v.verdict).toBe('ok');
  });
});
