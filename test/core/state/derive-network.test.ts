import { describe, expect, it } from 'vitest';
import type { Change } from '../../../lambdas/core/events/types';
import { createModel } from '../../../lambdas/core/model/indexed-model';
import { applyChange } from '../../../lambdas/core/state/apply-change';
import { deriveStates } from '../../../lambdas/core/state/derive';
import { entry, smallModel } from './fixtures';

describe('deriveStates for ENIs and NACLs', () => {
  it('places an ENI group change and lists old and new groups as affected', () => {
    // Prepare
    const change: Change = { kind: 'eni-groups-set', eniId: 'eni-web', groupIds: ['sg-db'] };
    const afterSnapshot = applyChange(smallModel(), change).model;

    // Act
    const fromBefore = deriveStates(smallModel(), change);
    const fromAfter = deriveStates(afterSnapshot, change);

    // Assess
    expect(fromBefore.position).toBe('before');
    expect(fromBefore.after.eni('eni-web')?.groupIds).toEqual(['sg-db']);
    expect(fromBefore.affected).toEqual({
      groupIds: ['sg-web', 'sg-db'],
      eniIds: ['eni-web'],
      naclIds: [],
      subnetIds: [],
    });
    expect(fromAfter.position).toBe('after');
    expect(fromAfter.before).toBeUndefined();
    expect(fromAfter.notes).toEqual(['eni-web already has the new groups; its prior groups are unknown']);
  });

  it('places a NACL entry creation either side and deletes it for before', () => {
    // Prepare
    const change: Change = {
      kind: 'nacl-entry-created',
      naclId: 'acl-a',
      entry: entry(90, false, 443, 'deny'),
    };
    const afterSnapshot = applyChange(smallModel(), change).model;

    // Act
    const fromBefore = deriveStates(smallModel(), change);
    const fromAfter = deriveStates(afterSnapshot, change);

    // Assess
    expect(fromBefore.position).toBe('before');
    expect(fromAfter.position).toBe('after');
    expect(fromAfter.before?.nacl('acl-a')?.entries).toEqual(smallModel().nacl('acl-a')?.entries);
    expect(fromBefore.affected).toEqual({
      groupIds: [],
      eniIds: [],
      naclIds: ['acl-a'],
      subnetIds: ['subnet-a'],
    });
  });

  it('says neither state is shown when a created entry exists with other content', () => {
    // Prepare
    const change: Change = { kind: 'nacl-entry-created', naclId: 'acl-a', entry: entry(100, false, 22) };

    // Act
    const states = deriveStates(smallModel(), change);

    // Assess
    expect(states.position).toBe('unknown');
    expect(states.after.nacl('acl-a')?.entries).toContainEqual(entry(100, false, 22));
  });

  it('places a replace: new content = after with prior unknown, other content = before', () => {
    // Prepare
    const change: Change = {
      kind: 'nacl-entry-replaced',
      naclId: 'acl-b',
      entry: entry(100, false, 8080, 'deny'),
    };
    const afterSnapshot = applyChange(smallModel(), change).model;

    // Act
    const fromBefore = deriveStates(smallModel(), change);
    const fromAfter = deriveStates(afterSnapshot, change);
    const absent = deriveStates(smallModel(), { ...change, entry: entry(300, false, 1) });

    // Assess
    expect(fromBefore.position).toBe('before');
    expect(fromBefore.after.nacl('acl-b')?.entries).toEqual([entry(100, false, 8080, 'deny')]);
    expect(fromAfter.position).toBe('after');
    expect(fromAfter.before).toBeUndefined();
    expect(absent.position).toBe('unknown');
    expect(absent.before).toBeUndefined();
  });

  it('places a delete: present = before, absent = after with prior unknown', () => {
    // Prepare
    const change: Change = { kind: 'nacl-entry-deleted', naclId: 'acl-b', ruleNumber: 100, egress: false };

    // Act
    const fromBefore = deriveStates(smallModel(), change);
    const fromAfter = deriveStates(fromBefore.after, change);

    // Assess
    expect(fromBefore.position).toBe('before');
    expect(fromBefore.after.nacl('acl-b')?.entries).toEqual([]);
    expect(fromAfter.position).toBe('after');
    expect(fromAfter.before).toBeUndefined();
  });

  it('places an association change and lists both NACLs and the subnet as affected', () => {
    // Prepare
    const change: Change = {
      kind: 'nacl-association-replaced',
      associationId: 'assoc-a',
      naclId: 'acl-b',
      newAssociationId: 'assoc-new',
    };

    // Act
    const fromBefore = deriveStates(smallModel(), change);
    const fromAfter = deriveStates(fromBefore.after, change);

    // Assess
    expect(fromBefore.position).toBe('before');
    expect(fromBefore.after.naclForSubnet('subnet-a')?.naclId).toBe('acl-b');
    expect(fromBefore.affected).toEqual({
      groupIds: [],
      eniIds: [],
      naclIds: ['acl-a', 'acl-b'],
      subnetIds: ['subnet-a'],
    });
    expect(fromAfter.position).toBe('after');
    expect(fromAfter.before).toBeUndefined();
    expect(fromAfter.affected.subnetIds).toEqual(['subnet-a']);
  });

  it('never throws for unknown ENIs, NACLs, associations or a snapshot without NACLs', () => {
    // Prepare
    const model = smallModel();
    const noNacls = createModel({
      coverage: { ruleIds: true, nacls: false, prefixLists: false },
      groups: [],
      enis: [],
    });

    // Act
    const results = [
      deriveStates(model, { kind: 'eni-groups-set', eniId: 'eni-ghost', groupIds: ['sg-web'] }),
      deriveStates(model, { kind: 'nacl-entry-deleted', naclId: 'acl-ghost', ruleNumber: 1, egress: true }),
      deriveStates(model, {
        kind: 'nacl-association-replaced',
        associationId: 'assoc-ghost',
        naclId: 'acl-b',
      }),
      deriveStates(noNacls, { kind: 'nacl-entry-created', naclId: 'acl-a', entry: entry(1, false, 1) }),
    ];

    // Assess
    expect(results.map((r) => r.position)).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
    expect(results.map((r) => r.notes[0])).toEqual([
      'network interface eni-ghost is not in the snapshot',
      'network ACL acl-ghost is not in the snapshot',
      'association assoc-ghost is not in the snapshot',
      'network ACLs are not in the snapshot (describe-network-acls.json missing)',
    ]);
  });
});
