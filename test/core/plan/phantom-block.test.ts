import { describe, expect, it } from 'vitest';
import type { NetworkModel } from '../../../lambdas/core/model/types';
import { launchTemplate as template, templateVersion } from '../../support/workloads';
import { phantomBlockModel, STALE, WEB } from '../support/phantom-block';
import { phantomConfig } from '../verdict/workload-events';
import {
  autoscalingGroup,
  judged,
  launchTemplate,
  planOf,
  resourceChange,
  templateInterface,
  withConfiguration,
} from './plan-builders';

const LT = 'lt-0abc';

/** The Phantom Block account with lt-0abc, whose default (and latest) v6 puts sg-0web on both devices. */
function withTemplate(): NetworkModel {
  return phantomBlockModel().with({
    launchTemplates: [template(LT, 6)],
    launchTemplateVersions: [templateVersion(LT, 6, [[WEB], [WEB]], { isDefault: true, instanceTags: { Role: 'web' } })],
  });
}

const templateAt = (interfaces: Record<string, unknown>[], overrides: Record<string, unknown> = {}) =>
  launchTemplate({
    id: LT,
    name: 'web',
    latest_version: 6,
    default_version: 6,
    vpc_security_group_ids: [],
    network_interfaces: interfaces,
    ...overrides,
  });

/** The web template gains a stale group on device 1; the group follows `aws_launch_template.web.latest_version`. */
function phantomPlan(secondary: string[]) {
  const group = (version: string | null) =>
    autoscalingGroup({ launch_template: [{ id: LT, name: 'web', version }], vpc_zone_identifier: ['subnet-app'] });
  return withConfiguration(
    planOf(
      resourceChange(
        'aws_launch_template.web',
        ['update'],
        templateAt([templateInterface(0, [WEB]), templateInterface(1, [WEB])]),
        templateAt([templateInterface(0, [WEB]), templateInterface(1, secondary)]),
        { latest_version: true },
      ),
      resourceChange('aws_autoscaling_group.web', ['update'], group('6'), group(null), {
        launch_template: [{ version: true }],
      }),
    ),
    {
      'aws_launch_template.web': {},
      'aws_autoscaling_group.web': {
        launch_template: [
          {
            id: { references: ['aws_launch_template.web.id', 'aws_launch_template.web'] },
            version: { references: ['aws_launch_template.web.latest_version', 'aws_launch_template.web'] },
          },
        ],
      },
    },
  );
}

describe('preflight: the Phantom Block (a new template version with a stale group, launched by an ASG)', () => {
  it('reports the instances the group will launch from v7 as unreachable from the ALB', () => {
    // Prepare
    const plan = phantomPlan([STALE]);

    // Act
    const report = judged(plan, withTemplate(), phantomConfig());

    // Assess
    expect(report.verdict).toBe('violation');
    expect(report.net.findings.map((f) => f.dependency)).toEqual(['alb-to-web']);
    expect(report.net.findings[0]?.addresses).toContain('aws_autoscaling_group.web');
    const group = report.resources.find((r) => r.address === 'aws_autoscaling_group.web');
    expect(group?.cannotJudge).toEqual([]);
    expect(group?.ops).toMatchObject([{ op: 'launch', template: { launchTemplateId: LT, version: '7' } }]);
  });

  it('passes when the new version keeps the group that admits the ALB', () => {
    // Prepare
    const plan = phantomPlan([WEB]);

    // Act
    const report = judged(plan, withTemplate(), phantomConfig());

    // Assess
    expect(report.net.findings).toEqual([]);
    expect(report.verdict).toBe('ok');
  });

  it('judges a group moving to a template the same plan creates (placeholder id, version 1)', () => {
    // Prepare
    const created = templateAt([templateInterface(0, [WEB]), templateInterface(1, [STALE])], {
      id: null,
      name: 'web-green',
      latest_version: null,
      default_version: null,
    });
    const group = (id: string | null, version: string | null) =>
      autoscalingGroup({ launch_template: [{ id, name: null, version }], vpc_zone_identifier: ['subnet-app'] });
    const plan = withConfiguration(
      planOf(
        resourceChange('aws_autoscaling_group.web', ['update'], group(LT, '6'), group(null, null), {
          launch_template: [{ id: true, name: true, version: true }],
        }),
        resourceChange('aws_launch_template.green', ['create'], null, created, {
          id: true,
          latest_version: true,
          default_version: true,
        }),
      ),
      {
        'aws_launch_template.green': {},
        'aws_autoscaling_group.web': {
          launch_template: [
            {
              id: { references: ['aws_launch_template.green.id', 'aws_launch_template.green'] },
              version: { references: ['aws_launch_template.green.latest_version', 'aws_launch_template.green'] },
            },
          ],
        },
      },
    );

    // Act
    const report = judged(plan, withTemplate(), phantomConfig());

    // Assess
    expect(report.resources.map((r) => r.address)).toEqual(['aws_launch_template.green', 'aws_autoscaling_group.web']);
    expect(report.cannotJudge).toEqual([]);
    expect(report.net.findings.map((f) => [f.dependency, f.addresses])).toEqual([
      ['alb-to-web', ['aws_autoscaling_group.web']],
    ]);
  });

  it('cannot judge the launch when the snapshot has no launch templates', () => {
    // Prepare
    const plan = phantomPlan([STALE]);

    // Act
    const report = judged(plan, phantomBlockModel(), phantomConfig());

    // Assess
    expect(report.verdict).toBe('cannot-judge');
    expect(report.cannotJudge.map((c) => c.reason)).toContain(
      'the snapshot has no launch templates (describe-launch-templates.json, describe-launch-template-versions.json)',
    );
  });
});
