import { describe, expect, it } from 'vitest';
import { applyChange } from '../../../lambdas/core/state/apply-change';
import { entry, fromGroup, ruleSet, smallModel, tcp } from './fixtures';

describe('applyChange', () => {
  it('adds rules with the ids AWS gave them, leaving the input model untouched', () => {
    // Prepare
    const model = smallModel();

    // Act
    const result = applyChange(model, {
      kind: 'sg-rules-added',
      groupId: 'sg-db',
      direction: 'ingress',
      rules: [{ ...tcp(5432, '0.0.0.0/0'), ruleId: 'sgr-pg' }],
    });

    // Assess
    expect(result.effective).toBe(true);
    expect(result.model.group('sg-db')?.rules).toEqual([
      { ...tcp(5432, '0.0.0.0/0'), groupId: 'sg-db', direction: 'ingress', ruleId: 'sgr-pg' },
    ]);
    expect(result.model.ruleById('sgr-pg')?.groupId).toBe('sg-db');
    expect(model.group('sg-db')?.rules).toEqual([]);
  });

  it('does not add a rule twice', () => {
    // Prepare
    const model = smallModel();

    // Act
    const result = applyChange(model, {
      kind: 'sg-rules-added',
      groupId: 'sg-web',
      direction: 'ingress',
      rules: [tcp(443, '0.0.0.0/0')],
    });

    // Assess
    expect(result.effective).toBe(false);
    expect(result.model).toBe(model);
    expect(result.notes).toEqual(['sg-web: ingress rule tcp 443 from 0.0.0.0/0 already present']);
  });

  it('removes rules by exact spec whatever their description, and by id', () => {
    // Prepare
    const model = smallModel();

    // Act
    const bySpec = applyChange(model, {
      kind: 'sg-rules-removed',
      groupId: 'sg-web',
      direction: 'ingress',
      rules: [tcp(22, '10.0.0.0/8'), tcp(22, '10.0.0.0/16')],
      ruleIds: [],
    });
    const byId = applyChange(model, {
      kind: 'sg-rules-removed',
      groupId: 'sg-web',
      direction: 'egress',
      rules: [],
      ruleIds: ['sgr-toapp'],
    });

    // Assess
    expect(bySpec.model.group('sg-web')?.rules.map((r) => r.ruleId)).toEqual(['sgr-https', 'sgr-toapp']);
    expect(bySpec.notes).toEqual(['sg-web: ingress rule tcp 22 from 10.0.0.0/16 not present']);
    expect(byId.model.group('sg-web')?.rules.map((r) => r.ruleId)).toEqual(['sgr-ssh', 'sgr-https']);
    expect(byId.model.ruleById('sgr-toapp')).toBeUndefined();
  });

  it('does not remove a rule of the other direction with the same spec', () => {
    // Prepare
    const model = smallModel();

    // Act
    const result = applyChange(model, {
      kind: 'sg-rules-removed',
      groupId: 'sg-web',
      direction: 'ingress',
      rules: [fromGroup(8080, 'sg-app')],
      ruleIds: [],
    });

    // Assess
    expect(result.effective).toBe(false);
    expect(ruleSet(result.model, 'sg-web')).toEqual(ruleSet(model, 'sg-web'));
  });

  it('removes by the revoked content when the snapshot has no rule ids', () => {
    // Prepare
    const model = smallModel({ ruleIds: false });

    // Act
    const result = applyChange(model, {
      kind: 'sg-rules-removed',
      groupId: 'sg-web',
      direction: 'ingress',
      rules: [],
      ruleIds: ['sgr-ssh'],
      revoked: [{ ...tcp(22, '10.0.0.0/8'), ruleId: 'sgr-ssh' }],
    });

    // Assess
    expect(result.effective).toBe(true);
    expect(result.model.group('sg-web')?.rules.map((r) => r.fromPort)).toEqual([443, 8080]);
  });

  it('modifies rules by id and keeps their direction', () => {
    // Prepare
    const model = smallModel();

    // Act
    const result = applyChange(model, {
      kind: 'sg-rules-modified',
      groupId: 'sg-web',
      updates: [{ ruleId: 'sgr-toapp', rule: { ...fromGroup(9090, 'sg-app'), description: 'new port' } }],
    });

    // Assess
    expect(result.model.ruleById('sgr-toapp')).toEqual({
      ...fromGroup(9090, 'sg-app'),
      description: 'new port',
      groupId: 'sg-web',
      direction: 'egress',
      ruleId: 'sgr-toapp',
    });
  });

  it('sets the groups of an ENI and updates enisWithGroup', () => {
    // Prepare
    const model = smallModel();

    // Act
    const result = applyChange(model, {
      kind: 'eni-groups-set',
      eniId: 'eni-web',
      groupIds: ['sg-app', 'sg-db'],
    });

    // Assess
    expect(result.model.eni('eni-web')?.groupIds).toEqual(['sg-app', 'sg-db']);
    expect(result.model.enisWithGroup('sg-web')).toEqual([]);
    expect(result.model.enisWithGroup('sg-app').map((e) => e.eniId)).toEqual(['eni-app', 'eni-web']);
  });

  it('creates, replaces and deletes NACL entries keyed by rule number and direction', () => {
    // Prepare
    const model = smallModel();

    // Act
    const created = applyChange(model, {
      kind: 'nacl-entry-created',
      naclId: 'acl-a',
      entry: entry(200, false, 22),
    });
    const replaced = applyChange(model, {
      kind: 'nacl-entry-replaced',
      naclId: 'acl-a',
      entry: entry(100, false, 443, 'deny'),
    });
    const deleted = applyChange(model, {
      kind: 'nacl-entry-deleted',
      naclId: 'acl-a',
      ruleNumber: 100,
      egress: true,
    });

    // Assess
    expect(created.model.nacl('acl-a')?.entries).toEqual([
      entry(100, false, 443),
      entry(100, true, 8080),
      entry(200, false, 22),
    ]);
    expect(replaced.model.nacl('acl-a')?.entries).toContainEqual(entry(100, false, 443, 'deny'));
    expect(replaced.model.nacl('acl-a')?.entries).toHaveLength(2);
    expect(deleted.model.nacl('acl-a')?.entries).toEqual([entry(100, false, 443)]);
    expect(created.model.naclForSubnet('subnet-a')?.entries).toHaveLength(3);
  });

  it('moves a subnet to another NACL under the new association id', () => {
    // Prepare
    const model = smallModel();

    // Act
    const result = applyChange(model, {
      kind: 'nacl-association-replaced',
      associationId: 'assoc-a',
      naclId: 'acl-b',
      newAssociationId: 'assoc-a2',
    });

    // Assess
    expect(result.model.naclForSubnet('subnet-a')?.naclId).toBe('acl-b');
    expect(result.model.nacl('acl-a')?.associations).toEqual([]);
    expect(result.model.nacl('acl-b')?.associations).toContainEqual({
      associationId: 'assoc-a2',
      subnetId: 'subnet-a',
    });
  });

  it('keeps the old association id, with a note, when the new one is unknown', () => {
    // Prepare
    const model = smallModel();

    // Act
    const result = applyChange(model, {
      kind: 'nacl-association-replaced',
      associationId: 'assoc-a',
      naclId: 'acl-b',
    });

    // Assess
    expect(result.model.naclForSubnet('subnet-a')?.naclId).toBe('acl-b');
    expect(result.notes).toEqual(['new association id unknown; kept assoc-a']);
  });

  it('changes nothing, with a note, for groups, ENIs and NACLs not in the model', () => {
    // Prepare
    const model = smallModel();

    // Act
    const results = [
      applyChange(model, {
        kind: 'sg-rules-added',
        groupId: 'sg-ghost',
        direction: 'ingress',
        rules: [tcp(1, '0.0.0.0/0')],
      }),
      applyChange(model, { kind: 'eni-groups-set', eniId: 'eni-ghost', groupIds: [] }),
      applyChange(model, { kind: 'nacl-entry-deleted', naclId: 'acl-ghost', ruleNumber: 1, egress: false }),
    ];

    // Assess
    expect(results.map((r) => [r.effective, r.model === model])).toEqual([
      [false, true],
      [false, true],
      [false, true],
    ]);
    expect(results.flatMap((r) => r.notes)).toEqual([
      'security group sg-ghost is not in the snapshot',
      'network interface eni-ghost is not in the snapshot',
      'network ACL acl-ghost is not in the snapshot',
    ]);
  });
});
