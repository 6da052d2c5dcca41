import { describe, expect, it } from 'vitest';
import { declarationAddress, modulePrefix } from '../../../lambdas/core/plan/configuration';
import { autoscalingGroup, launchTemplate, planOf, resourceChange, templateInterface, translated } from './plan-builders';

const LT = 'lt-0web1234567890abc';

/** A plan whose template and group live in module.web (count = 1), referenced as Terraform writes it. */
function modulePlan(references: string[]) {
  const inModule = (type: string, change: Record<string, unknown>) => ({
    ...change,
    module_address: 'module.web[0]',
    type,
    name: 'this',
  });
  const template = resourceChange(
    'module.web[0].aws_launch_template.this',
    ['update'],
    launchTemplate(),
    launchTemplate({ network_interfaces: [templateInterface(0, ['sg-0nginx456'])], vpc_security_group_ids: [] }),
    { latest_version: true },
  );
  const group = resourceChange(
    'module.web[0].aws_autoscaling_group.this',
    ['update'],
    autoscalingGroup(),
    autoscalingGroup({ launch_template: [{ id: LT, name: 'web', version: null }] }),
    { launch_template: [{ version: true }] },
  );
  const expressions = { launch_template: [{ version: { references } }] };
  return {
    ...planOf(inModule('aws_launch_template', template), inModule('aws_autoscaling_group', group)),
    configuration: {
      root_module: {
        module_calls: {
          web: {
            source: './modules/web',
            module: {
              resources: [
                { address: 'aws_launch_template.this', mode: 'managed', type: 'aws_launch_template', name: 'this', expressions: {} },
                { address: 'aws_autoscaling_group.this', mode: 'managed', type: 'aws_autoscaling_group', name: 'this', expressions },
              ],
            },
          },
        },
      },
    },
  };
}

describe('preflight: values the plan itself decides', () => {
  it('resolves a reference inside a module, relative to that module', () => {
    // Prepare
    const plan = modulePlan(['aws_launch_template.this.latest_version', 'aws_launch_template.this']);

    // Act
    const [, group] = translated(plan);

    // Assess
    expect(group?.cannotJudge).toEqual([]);
    expect(group?.ops).toMatchObject([{ op: 'launch', template: { launchTemplateId: LT, version: '8' } }]);
  });

  it('does not resolve a reference to a resource the plan does not change', () => {
    // Prepare
    const plan = modulePlan(['aws_launch_template.other.latest_version', 'aws_launch_template.other']);

    // Act
    const [, group] = translated(plan);

    // Assess
    expect(group?.ops).toEqual([]);
    expect(group?.cannotJudge).toMatchObject([{ attribute: 'launch_template[0].version' }]);
  });

  it('names the declaration of an instance address, and its module', () => {
    // Act
    const declared = declarationAddress('module.web[0].module.inner["a.b"].aws_instance.web[2]');

    // Assess
    expect(declared).toBe('module.web.module.inner.aws_instance.web');
    expect(modulePrefix(declared)).toBe('module.web.module.inner.');
    expect(modulePrefix('aws_instance.web')).toBe('');
  });
});
