import { describe, expect, it } from 'vitest';
import {
  autoscalingGroup,
  launchTemplate,
  planOf,
  resourceChange,
  templateInterface,
  translated,
  withConfiguration,
} from './plan-builders';

const ADDRESS = 'aws_autoscaling_group.web';
const LT = 'lt-0web1234567890abc';
const SECONDARY = templateInterface(1, ['sg-0legacy789']);
const templateUpdate = (extra: Record<string, unknown> = {}) =>
  resourceChange(
    'aws_launch_template.web',
    ['update'],
    launchTemplate(),
    launchTemplate({ network_interfaces: [templateInterface(0, ['sg-0nginx456']), SECONDARY], vpc_security_group_ids: [], ...extra }),
    { latest_version: true },
  );

describe('preflight: aws_autoscaling_group', () => {
  it('launches the next instances from the new version, with the propagated tags, in each subnet', () => {
    // Prepare
    const after = autoscalingGroup({ launch_template: [{ id: LT, name: 'web', version: '8' }], vpc_zone_identifier: ['subnet-0web2', 'subnet-0web1'] });
    const plan = planOf(resourceChange(ADDRESS, ['update'], autoscalingGroup(), after));

    // Act
    const [step] = translated(plan);

    // Assess
    expect(step?.ops).toEqual([
      {
        op: 'launch',
        address: ADDRESS,
        subnetIds: ['subnet-0web1', 'subnet-0web2'],
        tags: { Name: 'web' },
        template: { launchTemplateId: LT, launchTemplateName: 'web', version: '8' },
      },
    ]);
  });

  it('resolves a version that references the template latest_version the same plan moves', () => {
    // Prepare
    const after = autoscalingGroup({ launch_template: [{ id: LT, name: 'web', version: null }] });
    const plan = withConfiguration(
      planOf(templateUpdate(), resourceChange(ADDRESS, ['update'], autoscalingGroup(), after, { launch_template: [{ version: true }] })),
      {
        'aws_launch_template.web': {},
        [ADDRESS]: {
          launch_template: [
            {
              id: { references: ['aws_launch_template.web.id', 'aws_launch_template.web'] },
              version: { references: ['aws_launch_template.web.latest_version', 'aws_launch_template.web'] },
            },
          ],
        },
      },
    );

    // Act
    const [, group] = translated(plan);

    // Assess
    expect(group?.cannotJudge).toEqual([]);
    expect(group?.ops).toMatchObject([{ op: 'launch', template: { launchTemplateId: LT, version: '8' } }]);
  });

  it('cannot judge a version known only after apply without a configuration that says where it comes from', () => {
    // Prepare
    const after = autoscalingGroup({ launch_template: [{ id: LT, name: 'web', version: null }] });
    const plan = planOf(resourceChange(ADDRESS, ['update'], autoscalingGroup(), after, { launch_template: [{ version: true }] }));

    // Act
    const [step] = translated(plan);

    // Assess
    expect(step?.ops).toEqual([]);
    expect(step?.cannotJudge).toMatchObject([{ address: ADDRESS, attribute: 'launch_template[0].version' }]);
  });

  it('follows $Latest when the plan gives the template a new version', () => {
    // Prepare
    const group = autoscalingGroup({ launch_template: [{ id: LT, name: 'web', version: '$Latest' }] });
    const plan = planOf(templateUpdate(), resourceChange(ADDRESS, ['no-op'], group, group));
    const moved = planOf(templateUpdate(), resourceChange(ADDRESS, ['update'], group, { ...group, max_size: 6 }));

    // Act
    const steps = translated(moved);
    const unchanged = translated(plan);

    // Assess
    expect(steps[1]?.ops).toMatchObject([{ op: 'launch', template: { launchTemplateId: LT, version: '$Latest' } }]);
    expect(unchanged).toHaveLength(1);
  });

  it('changes nothing when the group changes only its size', () => {
    // Prepare
    const plan = planOf(resourceChange(ADDRESS, ['update'], autoscalingGroup(), autoscalingGroup({ max_size: 6 })));

    // Act
    const [step] = translated(plan);

    // Assess
    expect(step?.ops).toEqual([]);
  });

  it('reads the template of a mixed instances policy', () => {
    // Prepare
    const spec = { launch_template_id: LT, launch_template_name: 'web', version: '8' };
    const after = autoscalingGroup({
      launch_template: [],
      mixed_instances_policy: [{ instances_distribution: [], launch_template: [{ launch_template_specification: [spec], override: [] }] }],
    });
    const plan = planOf(resourceChange(ADDRESS, ['create'], null, after, { id: true }));

    // Act
    const [step] = translated(plan);

    // Assess
    expect(step?.ops).toMatchObject([{ op: 'launch', template: { launchTemplateId: LT, version: '8' } }]);
  });

  it('cannot judge a launch configuration', () => {
    // Prepare
    const after = autoscalingGroup({ launch_template: [], launch_configuration: 'web-lc-2' });
    const plan = planOf(resourceChange(ADDRESS, ['update'], autoscalingGroup(), after));

    // Act
    const [step] = translated(plan);

    // Assess
    expect(step?.cannotJudge).toMatchObject([{ attribute: 'launch_configuration' }]);
  });

  it('cannot judge a group whose launch template block is known only after apply', () => {
    // Prepare
    const after = autoscalingGroup({ launch_template: null });
    const plan = planOf(resourceChange(ADDRESS, ['create'], null, after, { id: true, launch_template: true }));

    // Act
    const [step] = translated(plan);

    // Assess
    expect(step?.ops).toEqual([]);
    expect(step?.cannotJudge).toMatchObject([{ address: ADDRESS, attribute: 'launch_template' }]);
  });

  it('judges a replaced group as a new one launching from its template', () => {
    // Prepare
    const after = autoscalingGroup({ id: null, name: 'web-green' });
    const plan = planOf(resourceChange(ADDRESS, ['create', 'delete'], autoscalingGroup(), after, { id: true }));

    // Act
    const [step] = translated(plan);

    // Assess
    expect(step?.ops).toMatchObject([{ op: 'launch', address: ADDRESS, template: { launchTemplateId: LT, version: '7' } }]);
  });

  it('notes a deleted group', () => {
    // Prepare
    const plan = planOf(resourceChange(ADDRESS, ['delete'], autoscalingGroup(), null));

    // Act
    const [step] = translated(plan);

    // Assess
    expect(step?.ops).toEqual([]);
    expect(step?.notes[0]).toContain('the group and its instances are deleted');
  });
});
