import { describe, expect, it } from 'vitest';
import { applyChange } from '../../../lambdas/core/state/apply-change';
import { deriveStates } from '../../../lambdas/core/state/derive';
import { isVirtual } from '../../../lambdas/core/state/virtual-instances';
import { launchTemplate, templateVersion } from '../../support/workloads';
import { eni, group } from '../support/builders';
import { FakeModel } from '../support/fake-model';
import { phantomBlockModel, STALE, WEB } from '../support/phantom-block';
import { greenLaunch } from '../verdict/workload-events';

describe('applyChange: workloads', () => {
  it('adds launched instances and their ENIs, pending, with the template they came from', () => {
    // Act
    const result = applyChange(phantomBlockModel(), greenLaunch(2));

    // Assess
    expect(result.effective).toBe(true);
    expect(result.model.instance('i-0green1')).toMatchObject({
      state: 'pending',
      tags: { Role: 'web', Color: 'green' },
      launchTemplate: { launchTemplateId: 'lt-0abc', version: '7' },
      networkInterfaces: [
        { eniId: 'eni-0green1a', deviceIndex: 0 },
        { eniId: 'eni-0green1b', deviceIndex: 1 },
      ],
    });
    expect(result.model.eni('eni-0green2b')).toMatchObject({ groupIds: [STALE], instanceId: 'i-0green2', deviceIndex: 1 });
  });

  it('attaches an ENI: the ENI names the instance and the instance lists the ENI at its device index', () => {
    // Prepare
    const base = phantomBlockModel();
    const model = base.with({ enis: [...base.enis(), eni('eni-0free', { subnetId: 'subnet-app', ip: '10.0.1.90', groupIds: [WEB] })] });

    // Act
    const result = applyChange(model, { kind: 'eni-attached', eniId: 'eni-0free', instanceId: 'i-0db', deviceIndex: 1, attachmentId: 'eni-attach-9' });

    // Assess
    expect(result.model.eni('eni-0free')).toMatchObject({ instanceId: 'i-0db', deviceIndex: 1, attachmentId: 'eni-attach-9' });
    expect(result.model.instance('i-0db')?.networkInterfaces).toEqual([
      { eniId: 'eni-0db', deviceIndex: 0 },
      { eniId: 'eni-0free', deviceIndex: 1 },
    ]);
  });

  it('detaches the ENI found by its attachment id, and notes an unknown attachment', () => {
    // Prepare
    const base = phantomBlockModel();
    const model = base.with({
      enis: [...base.enis()].map((e) => (e.eniId === 'eni-0web1b' ? { ...e, attachmentId: 'eni-attach-1b' } : e)),
    });

    // Act
    const detached = applyChange(model, { kind: 'eni-detached', attachmentId: 'eni-attach-1b' });
    const unknown = applyChange(model, { kind: 'eni-detached', attachmentId: 'eni-attach-0nope' });

    // Assess
    expect(detached.model.eni('eni-0web1b')?.instanceId).toBeUndefined();
    expect(detached.model.instance('i-0web1')?.networkInterfaces.map((n) => n.eniId)).toEqual(['eni-0web1a']);
    expect(unknown).toMatchObject({ effective: false, notes: [expect.stringContaining('eni-attach-0nope')] });
  });

  it('sets the groups of the primary ENI for ModifyInstanceAttribute', () => {
    // Act
    const result = applyChange(phantomBlockModel(), { kind: 'instance-groups-set', instanceId: 'i-0web2', groupIds: [STALE, WEB] });

    // Assess
    expect(result.model.eni('eni-0web2a')?.groupIds).toEqual([STALE, WEB]);
    expect(result.model.eni('eni-0web2b')?.groupIds).toEqual([STALE]);
  });

  it('moves the default version of a template and its isDefault flags', () => {
    // Prepare
    const model = new FakeModel({
      launchTemplates: [launchTemplate('lt-1', 1, 2)],
      launchTemplateVersions: [templateVersion('lt-1', 1, [[WEB]], { isDefault: true }), templateVersion('lt-1', 2, [[STALE]])],
    });

    // Act
    const result = applyChange(model, { kind: 'launch-template-default-set', launchTemplateId: 'lt-1', defaultVersion: 2 });

    // Assess
    expect(result.model.launchTemplate('lt-1')?.defaultVersionNumber).toBe(2);
    expect(result.model.launchTemplateVersions('lt-1').map((v) => v.isDefault)).toEqual([false, true]);
  });

  it('edits prefix list entries, and notes a list whose entries are unknown', () => {
    // Prepare
    const model = new FakeModel({
      prefixLists: [
        { prefixListId: 'pl-1', cidrs: ['10.0.0.0/8', '192.0.2.0/24'] },
        { prefixListId: 'pl-2' },
      ],
    });

    // Act
    const known = applyChange(model, { kind: 'prefix-list-modified', prefixListId: 'pl-1', added: ['0.0.0.0/1'], removed: ['192.0.2.0/24'] });
    const unknown = applyChange(model, { kind: 'prefix-list-modified', prefixListId: 'pl-2', added: ['0.0.0.0/1'], removed: [] });

    // Assess
    expect(known.model.prefixList('pl-1')?.cidrs).toEqual(['10.0.0.0/8', '0.0.0.0/1']);
    expect(unknown).toMatchObject({ effective: false, notes: [expect.stringContaining('entries of pl-2 are not in the snapshot')] });
  });

  it('notes that AWS refuses to delete a group the state still shows attached', () => {
    // Act
    const result = applyChange(phantomBlockModel(), { kind: 'sg-deleted', groupId: STALE });

    // Assess
    expect(result.model.group(STALE)).toBeUndefined();
    expect(result.notes[0]).toContain('AWS refuses to delete an attached group');
  });

  it('tags groups and instances, and leaves other resource types alone', () => {
    // Prepare
    const model = new FakeModel({ groups: [group('sg-1')], instances: [...phantomBlockModel().instances()] });

    // Act
    const tagged = applyChange(model, { kind: 'tags-set', resourceIds: ['sg-1', 'i-0db', 'subnet-1'], tags: { Role: 'web' } });
    const other = applyChange(model, { kind: 'tags-set', resourceIds: ['subnet-1'], tags: { Role: 'web' } });
    const removed = applyChange(tagged.model, { kind: 'tags-removed', resourceIds: ['i-0db'], tags: [{ key: 'Role', value: 'db' }] });

    // Assess
    expect(tagged.model.group('sg-1')?.tags).toEqual({ Role: 'web' });
    expect(tagged.model.instance('i-0db')?.tags).toEqual({ Role: 'web' });
    expect(other.effective).toBe(false);
    expect(removed.effective).toBe(false);
  });
});

describe('deriveStates: launch templates', () => {
  it('puts a virtual instance of the old default before and of the new version after', () => {
    // Prepare
    const model = new FakeModel({
      groups: [group(WEB), group(STALE)],
      instances: [],
      launchTemplates: [launchTemplate('lt-1', 1)],
      launchTemplateVersions: [templateVersion('lt-1', 1, [[WEB], [WEB]], { isDefault: true, instanceTags: { Role: 'web' } })],
    });
    const version = templateVersion('lt-1', 2, [[WEB], [STALE]], { instanceTags: { Role: 'web' } });

    // Act
    const states = deriveStates(model, { kind: 'launch-template-version-created', version, templateCreated: false });

    // Assess
    const device1 = states.affected.eniIds.find((id) => id.endsWith('device-1'))!;
    expect(isVirtual(device1)).toBe(true);
    expect(states.before?.eni(device1)?.groupIds).toEqual([WEB]);
    expect(states.after.eni(device1)).toMatchObject({ groupIds: [STALE], subnetId: '(subnet chosen at launch)' });
    expect(states.after.instance(states.after.eni(device1)!.instanceId!)?.fromTemplate).toEqual({
      launchTemplateId: 'lt-1',
      versionNumber: 2,
    });
  });

  it('has no virtual instance before a new template', () => {
    // Prepare
    const version = templateVersion('lt-new', 1, [[WEB]], { isDefault: true });

    // Act
    const states = deriveStates(new FakeModel({ groups: [group(WEB)] }), { kind: 'launch-template-version-created', version, templateCreated: true });

    // Assess
    expect(states.position).toBe('before');
    expect([...states.before!.instances()]).toEqual([]);
    expect(states.affected.eniIds).toHaveLength(1);
  });
});
