import { describe, expect, it } from 'vitest';
import {
  changesOf,
  launchTemplate,
  planOf,
  resourceChange,
  templateInterface,
  translated,
} from './plan-builders';

const ADDRESS = 'aws_launch_template.web';
const PRIMARY = templateInterface(0, ['sg-0nginx456'], { subnet_id: 'subnet-0web1' });
const STALE_SECONDARY = templateInterface(1, ['sg-0legacy789']);

describe('preflight: aws_launch_template', () => {
  it('judges a new template as version 1, its default, under a placeholder id no lt- id can equal', () => {
    // Prepare
    const after = launchTemplate({ id: null, arn: null, latest_version: null, default_version: null });
    const plan = planOf(
      resourceChange(ADDRESS, ['create'], null, after, { id: true, arn: true, latest_version: true, default_version: true }),
    );

    // Act
    const [step] = translated(plan);

    // Assess
    expect(changesOf(step)).toEqual([
      {
        kind: 'launch-template-version-created',
        templateCreated: true,
        version: {
          launchTemplateId: ADDRESS,
          launchTemplateName: 'web',
          versionNumber: 1,
          isDefault: true,
          groupIds: ['sg-0nginx456'],
          networkInterfaces: [],
          instanceTags: { Role: 'web' },
        },
      },
    ]);
    expect(step?.cannotJudge).toEqual([]);
  });

  it('makes an update a new version, latest_version + 1, and moves the default with update_default_version', () => {
    // Prepare
    const before = launchTemplate();
    const after = launchTemplate({
      vpc_security_group_ids: [],
      network_interfaces: [STALE_SECONDARY, PRIMARY],
      update_default_version: true,
    });
    const plan = planOf(resourceChange(ADDRESS, ['update'], before, after, { latest_version: true, default_version: true }));

    // Act
    const [step] = translated(plan);

    // Assess
    expect(changesOf(step)).toEqual([
      {
        kind: 'launch-template-version-created',
        templateCreated: false,
        version: {
          launchTemplateId: 'lt-0web1234567890abc',
          launchTemplateName: 'web',
          versionNumber: 8,
          isDefault: false,
          groupIds: [],
          networkInterfaces: [
            { deviceIndex: 0, groupIds: ['sg-0nginx456'], subnetId: 'subnet-0web1', networkCardIndex: 0 },
            { deviceIndex: 1, groupIds: ['sg-0legacy789'], networkCardIndex: 0 },
          ],
          instanceTags: { Role: 'web' },
        },
      },
      { kind: 'launch-template-default-set', launchTemplateId: 'lt-0web1234567890abc', defaultVersion: 8 },
    ]);
  });

  it('leaves the default where it is without update_default_version', () => {
    // Prepare
    const after = launchTemplate({ network_interfaces: [PRIMARY, STALE_SECONDARY], vpc_security_group_ids: [] });
    const plan = planOf(resourceChange(ADDRESS, ['update'], launchTemplate(), after, { latest_version: true }));

    // Act
    const [step] = translated(plan);

    // Assess
    expect(changesOf(step).map((c) => (c as { kind: string }).kind)).toEqual(['launch-template-version-created']);
  });

  it('moves only the default when default_version alone changes (no new version)', () => {
    // Prepare
    const plan = planOf(resourceChange(ADDRESS, ['update'], launchTemplate(), launchTemplate({ default_version: 6 })));

    // Act
    const [step] = translated(plan);

    // Assess
    expect(changesOf(step)).toEqual([
      { kind: 'launch-template-default-set', launchTemplateId: 'lt-0web1234567890abc', defaultVersion: 6 },
    ]);
  });

  it('changes nothing when only the template tags or description change', () => {
    // Prepare
    const after = launchTemplate({ description: 'web servers', tags: { Team: 'edge' }, tags_all: { Team: 'edge' } });
    const plan = planOf(resourceChange(ADDRESS, ['update'], launchTemplate(), after));

    // Act
    const [step] = translated(plan);

    // Assess
    expect(step?.ops).toEqual([]);
  });

  it('cannot judge an interface whose groups are known only after apply, and names the attribute', () => {
    // Prepare
    const after = launchTemplate({ network_interfaces: [PRIMARY, { ...STALE_SECONDARY, security_groups: null }] });
    const plan = planOf(
      resourceChange(ADDRESS, ['update'], launchTemplate(), after, {
        latest_version: true,
        network_interfaces: [{}, { security_groups: true }],
      }),
    );

    // Act
    const [step] = translated(plan);

    // Assess
    expect(step?.ops).toEqual([]);
    expect(step?.cannotJudge).toMatchObject([
      { address: ADDRESS, attribute: 'network_interfaces[1].security_groups' },
    ]);
  });

  it('notes a deleted template (instances launched from it keep running)', () => {
    // Prepare
    const plan = planOf(resourceChange(ADDRESS, ['delete'], launchTemplate(), null));

    // Act
    const [step] = translated(plan);

    // Assess
    expect(step?.ops).toEqual([]);
    expect(step?.notes[0]).toContain('instances launched from it keep running');
  });

  it('judges a replaced template as a new one (version 1 under its placeholder id)', () => {
    // Prepare
    const after = launchTemplate({ id: null, name: 'web-v2', latest_version: null });
    const plan = planOf(
      resourceChange(ADDRESS, ['create', 'delete'], launchTemplate(), after, { id: true, latest_version: true }),
    );

    // Act
    const [step] = translated(plan);

    // Assess
    expect(changesOf(step)).toMatchObject([
      { kind: 'launch-template-version-created', templateCreated: true, version: { launchTemplateId: ADDRESS, versionNumber: 1 } },
    ]);
    expect(step?.notes[0]).toContain('replaced by a new template');
  });

  it('fails with the JSON path on a bad device index', () => {
    // Prepare
    const after = launchTemplate({ network_interfaces: [templateInterface(0, [], { device_index: 'one' })] });
    const plan = planOf(resourceChange(ADDRESS, ['update'], launchTemplate(), after, { latest_version: true }));

    // Act
    const act = () => translated(plan);

    // Assess
    expect(act).toThrow('$.resource_changes[0].change.after.network_interfaces[0].device_index: expected a number');
  });
});
