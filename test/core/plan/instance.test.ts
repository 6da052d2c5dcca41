import { describe, expect, it } from 'vitest';
import { changesOf, ec2Instance, planOf, resourceChange, translated } from './plan-builders';

const ADDRESS = 'aws_instance.web';

describe('preflight: aws_instance', () => {
  it('sets the groups of the primary interface when vpc_security_group_ids changes', () => {
    // Prepare
    const after = ec2Instance({ vpc_security_group_ids: ['sg-0legacy789'] });
    const plan = planOf(resourceChange(ADDRESS, ['update'], ec2Instance(), after));

    // Act
    const [step] = translated(plan);

    // Assess
    expect(changesOf(step)).toEqual([
      { kind: 'instance-groups-set', instanceId: 'i-0nginx1', groupIds: ['sg-0legacy789'] },
    ]);
  });

  it('changes nothing when the groups stay the same in another order', () => {
    // Prepare
    const before = ec2Instance({ vpc_security_group_ids: ['sg-0nginx456', 'sg-0default00'] });
    const after = ec2Instance({ vpc_security_group_ids: ['sg-0default00', 'sg-0nginx456'], instance_type: 't3.large' });
    const plan = planOf(resourceChange(ADDRESS, ['update'], before, after));

    // Act
    const [step] = translated(plan);

    // Assess
    expect(step?.ops).toEqual([]);
    expect(step?.cannotJudge).toEqual([]);
  });

  it('cannot judge groups known only after apply, and names the attribute', () => {
    // Prepare
    const after = ec2Instance({ vpc_security_group_ids: null });
    const plan = planOf(resourceChange(ADDRESS, ['update'], ec2Instance(), after, { vpc_security_group_ids: true }));

    // Act
    const [step] = translated(plan);

    // Assess
    expect(step?.ops).toEqual([]);
    expect(step?.cannotJudge).toMatchObject([{ address: ADDRESS, attribute: 'vpc_security_group_ids' }]);
  });

  it('launches a new instance under its address with its tags, subnet and groups', () => {
    // Prepare
    const after = ec2Instance({ id: null, primary_network_interface_id: null });
    const plan = planOf(resourceChange(ADDRESS, ['create'], null, after, { id: true, primary_network_interface_id: true }));

    // Act
    const [step] = translated(plan);

    // Assess
    expect(step?.ops).toEqual([
      { op: 'launch', address: ADDRESS, subnetIds: ['subnet-0web1'], tags: { Role: 'web' }, groupIds: ['sg-0nginx456'] },
    ]);
  });

  it('launches from the launch template when the groups are left to it', () => {
    // Prepare
    const after = ec2Instance({
      id: null,
      vpc_security_group_ids: null,
      launch_template: [{ id: 'lt-0web1234567890abc', name: null, version: '8' }],
    });
    const plan = planOf(
      resourceChange(ADDRESS, ['create'], null, after, {
        id: true,
        vpc_security_group_ids: true,
        launch_template: [{ name: true }],
      }),
    );

    // Act
    const [step] = translated(plan);

    // Assess
    expect(step?.cannotJudge).toEqual([]);
    expect(step?.ops).toEqual([
      {
        op: 'launch',
        address: ADDRESS,
        subnetIds: ['subnet-0web1'],
        tags: { Role: 'web' },
        template: { launchTemplateId: 'lt-0web1234567890abc', version: '8' },
      },
    ]);
  });

  it('attaches the network_interface blocks of a new instance instead of its own groups', () => {
    // Prepare
    const after = ec2Instance({
      id: null,
      subnet_id: null,
      vpc_security_group_ids: null,
      network_interface: [
        { delete_on_termination: false, device_index: 0, network_card_index: 0, network_interface_id: 'eni-0backend2b' },
      ],
    });
    const plan = planOf(
      resourceChange(ADDRESS, ['create'], null, after, { id: true, subnet_id: true, vpc_security_group_ids: true }),
    );

    // Act
    const [step] = translated(plan);

    // Assess
    expect(step?.ops).toEqual([
      { op: 'launch', address: ADDRESS, subnetIds: [], tags: { Role: 'web' }, attach: [{ eniId: 'eni-0backend2b', deviceIndex: 0 }] },
    ]);
  });

  it('cannot judge a new instance whose subnet is known only after apply', () => {
    // Prepare
    const after = ec2Instance({ id: null, subnet_id: null });
    const plan = planOf(resourceChange(ADDRESS, ['create'], null, after, { id: true, subnet_id: true }));

    // Act
    const [step] = translated(plan);

    // Assess
    expect(step?.ops).toEqual([]);
    expect(step?.cannotJudge).toMatchObject([{ address: ADDRESS, attribute: 'subnet_id' }]);
  });

  it('notes a terminated instance, and launches the replacement of a replaced one', () => {
    // Prepare
    const after = ec2Instance({ id: null, ami: 'ami-0fedcba9876543210' });
    const plan = planOf(
      resourceChange('aws_instance.old', ['delete'], ec2Instance({ id: 'i-0nginx2' }), null),
      resourceChange(ADDRESS, ['delete', 'create'], ec2Instance(), after, { id: true }),
    );

    // Act
    const [deleted, replaced] = translated(plan);

    // Assess
    expect(deleted?.ops).toEqual([]);
    expect(deleted?.notes[0]).toContain('aws_instance.old: the instance is terminated');
    expect(replaced?.ops).toMatchObject([{ op: 'launch', address: ADDRESS }]);
    expect(replaced?.notes[0]).toContain('a new instance replaces it');
  });

  it('cannot judge a change to security_groups (groups by name)', () => {
    // Prepare
    const plan = planOf(resourceChange(ADDRESS, ['update'], ec2Instance(), ec2Instance({ security_groups: ['web'] })));

    // Act
    const [step] = translated(plan);

    // Assess
    expect(step?.cannotJudge).toMatchObject([{ attribute: 'security_groups' }]);
  });
});
