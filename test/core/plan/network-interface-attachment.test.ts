import { describe, expect, it } from 'vitest';
import { changesOf, ec2Instance, planOf, resourceChange, translated, withConfiguration } from './plan-builders';

const ADDRESS = 'aws_network_interface_attachment.app';
const attachment = (overrides: Record<string, unknown> = {}) => ({
  attachment_id: 'eni-attach-0backend2b',
  device_index: 1,
  id: 'eni-attach-0backend2b',
  instance_id: 'i-0backend2',
  network_card_index: 0,
  network_interface_id: 'eni-0backend2b',
  status: 'attached',
  ...overrides,
});

describe('preflight: aws_network_interface_attachment', () => {
  it('attaches the interface to the instance at its device index', () => {
    // Prepare
    const plan = planOf(
      resourceChange(ADDRESS, ['create'], null, attachment({ attachment_id: null, id: null, status: null }), {
        attachment_id: true,
        id: true,
        status: true,
      }),
    );

    // Act
    const [step] = translated(plan);

    // Assess
    expect(changesOf(step)).toEqual([
      { kind: 'eni-attached', eniId: 'eni-0backend2b', instanceId: 'i-0backend2', deviceIndex: 1 },
    ]);
  });

  it('detaches by attachment id when deleted', () => {
    // Prepare
    const plan = planOf(resourceChange(ADDRESS, ['delete'], attachment(), null));

    // Act
    const [step] = translated(plan);

    // Assess
    expect(changesOf(step)).toEqual([{ kind: 'eni-detached', attachmentId: 'eni-attach-0backend2b' }]);
  });

  it('detaches the old attachment before attaching the new one on a replacement', () => {
    // Prepare
    const plan = planOf(
      resourceChange(ADDRESS, ['delete', 'create'], attachment(), attachment({ attachment_id: null, instance_id: 'i-0backend1' }), {
        attachment_id: true,
      }),
    );

    // Act
    const [step] = translated(plan);

    // Assess
    expect(changesOf(step)).toEqual([
      { kind: 'eni-detached', attachmentId: 'eni-attach-0backend2b' },
      { kind: 'eni-attached', eniId: 'eni-0backend2b', instanceId: 'i-0backend1', deviceIndex: 1 },
    ]);
  });

  it('cannot judge an instance id known only after apply when nothing in the plan decides it', () => {
    // Prepare
    const plan = planOf(resourceChange(ADDRESS, ['create'], null, attachment({ instance_id: null }), { instance_id: true }));

    // Act
    const [step] = translated(plan);

    // Assess
    expect(step?.ops).toEqual([]);
    expect(step?.cannotJudge).toMatchObject([{ address: ADDRESS, attribute: 'instance_id' }]);
  });

  it('resolves the id of an instance the plan creates to that instance (its placeholder id)', () => {
    // Prepare
    const plan = withConfiguration(
      planOf(
        resourceChange('aws_instance.web', ['create'], null, ec2Instance({ id: null }), { id: true }),
        resourceChange(ADDRESS, ['create'], null, attachment({ instance_id: null }), { instance_id: true }),
      ),
      {
        'aws_instance.web': {},
        [ADDRESS]: {
          instance_id: { references: ['aws_instance.web.id', 'aws_instance.web'] },
          network_interface_id: { constant_value: 'eni-0backend2b' },
          device_index: { constant_value: 1 },
        },
      },
    );

    // Act
    const steps = translated(plan);

    // Assess
    expect(steps.flatMap(changesOf)).toEqual([
      { kind: 'eni-attached', eniId: 'eni-0backend2b', instanceId: 'aws_instance.web', deviceIndex: 1 },
    ]);
  });

  it('does not resolve an expression that mixes in a variable', () => {
    // Prepare
    const plan = withConfiguration(
      planOf(
        resourceChange('aws_instance.web', ['create'], null, ec2Instance({ id: null }), { id: true }),
        resourceChange(ADDRESS, ['create'], null, attachment({ instance_id: null }), { instance_id: true }),
      ),
      { [ADDRESS]: { instance_id: { references: ['var.instance_id', 'aws_instance.web.id', 'aws_instance.web'] } } },
    );

    // Act
    const steps = translated(plan);

    // Assess
    expect(steps.flatMap((s) => s.cannotJudge)).toMatchObject([{ address: ADDRESS, attribute: 'instance_id' }]);
  });
});
