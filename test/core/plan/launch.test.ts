import { describe, expect, it } from 'vitest';
import { resolveLaunch } from '../../../lambdas/core/plan/launch';
import type { PlannedLaunch } from '../../../lambdas/core/plan/types';
import { launchTemplate, templateVersion } from '../../support/workloads';
import { phantomBlockModel, STALE, WEB } from '../support/phantom-block';

const LT = 'lt-0abc';
const model = () =>
  phantomBlockModel().with({
    launchTemplates: [launchTemplate(LT, 6, 7)],
    launchTemplateVersions: [
      templateVersion(LT, 6, [[WEB], [WEB]], { isDefault: true, instanceTags: { Role: 'web' } }),
      templateVersion(LT, 7, [[WEB], [STALE]], { instanceTags: { Role: 'web' } }),
    ],
  });
const launch = (overrides: Partial<PlannedLaunch> = {}): PlannedLaunch => ({
  op: 'launch',
  address: 'aws_autoscaling_group.web',
  subnetIds: ['subnet-app'],
  tags: { Env: 'prod' },
  template: { launchTemplateId: LT, version: '7' },
  ...overrides,
});

describe('preflight: resolving a planned launch against the model', () => {
  it('launches one instance with the interfaces of the version, the template and resource tags, and a stand-in address', () => {
    // Act
    const resolved = resolveLaunch(model(), launch());

    // Assess
    expect(resolved).toMatchObject({
      changes: [
        {
          kind: 'instances-launched',
          launchTemplate: { launchTemplateId: LT, version: '7' },
          instances: [
            {
              instanceId: 'aws_autoscaling_group.web',
              tags: { Role: 'web', Env: 'prod' },
              subnetId: 'subnet-app',
              networkInterfaces: [
                { eniId: 'aws_autoscaling_group.web:eth0', deviceIndex: 0, groupIds: [WEB], subnetId: 'subnet-app', vpcId: 'vpc-1', privateIps: ['10.0.1.11'] },
                { eniId: 'aws_autoscaling_group.web:eth1', deviceIndex: 1, groupIds: [STALE], privateIps: ['10.0.1.12'] },
              ],
            },
          ],
        },
      ],
    });
  });

  it('launches one instance per subnet, named after the subnet', () => {
    // Act
    const resolved = resolveLaunch(model(), launch({ subnetIds: ['subnet-app', 'subnet-pub'] }));

    // Assess
    const launched = 'changes' in resolved ? resolved.changes[0] : undefined;
    const instances = launched?.kind === 'instances-launched' ? launched.instances : [];
    expect(instances.map((i) => i.instanceId)).toEqual([
      'aws_autoscaling_group.web@subnet-app',
      'aws_autoscaling_group.web@subnet-pub',
    ]);
  });

  it('reads $Latest and $Default as the template says', () => {
    // Act
    const latest = resolveLaunch(model(), launch({ template: { launchTemplateId: LT, version: '$Latest' } }));
    const byDefault = resolveLaunch(model(), launch({ template: { launchTemplateName: `${LT}-name` } }));

    // Assess
    expect(latest).toMatchObject({ changes: [{ launchTemplate: { version: '7' } }] });
    expect(byDefault).toMatchObject({ changes: [{ launchTemplate: { version: '6' } }] });
  });

  it('gives the primary interface the resource own groups over the template ones', () => {
    // Act
    const resolved = resolveLaunch(model(), launch({ groupIds: [STALE] }));

    // Assess
    expect(resolved).toMatchObject({
      changes: [{ instances: [{ networkInterfaces: [{ deviceIndex: 0, groupIds: [STALE] }, { deviceIndex: 1 }] }] }],
    });
  });

  it('attaches existing interfaces after launching an instance without a template', () => {
    // Act
    const resolved = resolveLaunch(
      model(),
      launch({ address: 'aws_instance.web', template: undefined, attach: [{ eniId: 'eni-0db', deviceIndex: 0 }] }),
    );

    // Assess
    expect(resolved).toMatchObject({
      changes: [
        { kind: 'instances-launched', instances: [{ instanceId: 'aws_instance.web', networkInterfaces: [] }] },
        { kind: 'eni-attached', eniId: 'eni-0db', instanceId: 'aws_instance.web', deviceIndex: 0 },
      ],
    });
  });

  it('says what is missing: a version the snapshot lacks, or templates altogether', () => {
    // Act
    const noVersion = resolveLaunch(model(), launch({ template: { launchTemplateId: LT, version: '9' } }));
    const noTemplates = resolveLaunch(phantomBlockModel(), launch());

    // Assess
    expect(noVersion).toEqual({ missing: 'version 9 of launch template lt-0abc is not in the snapshot' });
    expect(noTemplates).toEqual({
      missing: 'the snapshot has no launch templates (describe-launch-templates.json, describe-launch-template-versions.json)',
    });
  });

  it('cannot place an instance whose subnet neither the resource nor the template gives', () => {
    // Act
    const resolved = resolveLaunch(model(), launch({ subnetIds: [] }));

    // Assess
    expect(resolved).toEqual({ missing: 'the subnet of device 0 is decided only at launch' });
  });
});
