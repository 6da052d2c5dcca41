import { describe, expect, it } from 'vitest';
import type { Change } from '../../../lambdas/core/events/types';
import { applyChange } from '../../../lambdas/core/state/apply-change';
import { deriveStates } from '../../../lambdas/core/state/derive';
import { fromGroup, ruleSet, smallModel, tcp } from './fixtures';

const added: Change = {
  kind: 'sg-rules-added',
  groupId: 'sg-web',
  direction: 'ingress',
  rules: [{ ...tcp(3389, '0.0.0.0/0'), ruleId: 'sgr-rdp' }],
};

describe('deriveStates for security group rules', () => {
  it('detects a snapshot taken before an authorize and adds the rules for after', () => {
    // Prepare
    const model = smallModel();

    // Act
    const states = deriveStates(model, added);

    // Assess
    expect(states.position).toBe('before');
    expect(states.before).toBe(model);
    expect(states.after.ruleById('sgr-rdp')).toMatchObject({ fromPort: 3389 });
    expect(states.affected).toEqual({ groupIds: ['sg-web'], eniIds: [], naclIds: [], subnetIds: [] });
  });

  it('detects a snapshot taken after an authorize and removes the rules for before', () => {
    // Prepare
    const model = applyChange(smallModel(), added).model;

    // Act
    const states = deriveStates(model, added);

    // Assess
    expect(states.position).toBe('after');
    expect(states.after).toBe(model);
    expect(ruleSet(states.before, 'sg-web')).toEqual(ruleSet(smallModel(), 'sg-web'));
  });

  it('finds added rules by spec when the snapshot has no rule ids', () => {
    // Prepare
    const model = applyChange(smallModel({ ruleIds: false }), {
      kind: 'sg-rules-added',
      groupId: 'sg-web',
      direction: 'ingress',
      rules: [tcp(3389, '0.0.0.0/0')],
    }).model;

    // Act
    const states = deriveStates(model, added);

    // Assess
    expect(states.position).toBe('after');
    expect(states.before?.group('sg-web')?.rules.some((r) => r.fromPort === 3389)).toBe(false);
  });

  it('says neither state is shown when only some added rules are present', () => {
    // Prepare
    const change: Change = { ...added, rules: [tcp(3389, '0.0.0.0/0'), tcp(443, '0.0.0.0/0')] } as Change;

    // Act
    const states = deriveStates(smallModel(), change);

    // Assess
    expect(states.position).toBe('unknown');
    expect(states.notes[0]).toContain('1 of 2 added ingress rules of sg-web are in the snapshot');
    expect(states.after.group('sg-web')?.rules.filter((r) => r.fromPort === 3389)).toHaveLength(1);
    expect(states.before?.group('sg-web')?.rules.some((r) => r.fromPort === 443)).toBe(false);
  });

  it('treats present revoked specs as a before-snapshot', () => {
    // Prepare
    const change: Change = {
      kind: 'sg-rules-removed',
      groupId: 'sg-web',
      direction: 'ingress',
      rules: [tcp(22, '10.0.0.0/8')],
      ruleIds: [],
    };

    // Act
    const states = deriveStates(smallModel(), change);

    // Assess
    expect(states.position).toBe('before');
    expect(states.after.ruleById('sgr-ssh')).toBeUndefined();
  });

  it('re-adds absent revoked specs for before, with the description and id the response gave', () => {
    // Prepare
    const change: Change = {
      kind: 'sg-rules-removed',
      groupId: 'sg-web',
      direction: 'ingress',
      rules: [tcp(22, '10.0.0.0/8')],
      ruleIds: [],
      revoked: [{ ...tcp(22, '10.0.0.0/8', 'admin'), ruleId: 'sgr-ssh' }],
    };
    const afterSnapshot = applyChange(smallModel(), change).model;

    // Act
    const states = deriveStates(afterSnapshot, change);

    // Assess
    expect(states.position).toBe('after');
    expect(ruleSet(states.before, 'sg-web')).toEqual(ruleSet(smallModel(), 'sg-web'));
  });

  it('does not re-add a revoked spec the response says did not exist', () => {
    // Prepare
    const change: Change = {
      kind: 'sg-rules-removed',
      groupId: 'sg-db',
      direction: 'ingress',
      rules: [tcp(22, '0.0.0.0/0')],
      ruleIds: [],
      revoked: [],
    };

    // Act
    const states = deriveStates(smallModel(), change);

    // Assess
    expect(states.position).toBe('after');
    expect(states.before?.group('sg-db')?.rules).toEqual([]);
  });

  it('leaves the prior state unknown for rule ids revoked without content in the event', () => {
    // Prepare
    const change: Change = {
      kind: 'sg-rules-removed',
      groupId: 'sg-web',
      direction: 'ingress',
      rules: [],
      ruleIds: ['sgr-gone'],
    };

    // Act
    const states = deriveStates(smallModel(), change);

    // Assess
    expect(states.position).toBe('after');
    expect(states.before).toBeUndefined();
    expect(states.notes).toEqual([
      'content of revoked rule(s) sgr-gone unknown: not in the snapshot or the event',
    ]);
  });

  it('cannot place the snapshot when ids are revoked without content and the snapshot has no ids', () => {
    // Prepare
    const change: Change = {
      kind: 'sg-rules-removed',
      groupId: 'sg-web',
      direction: 'ingress',
      rules: [],
      ruleIds: ['sgr-ssh'],
    };

    // Act
    const states = deriveStates(smallModel({ ruleIds: false }), change);

    // Assess
    expect(states.position).toBe('unknown');
    expect(states.before).toBeUndefined();
  });

  it('places a modify before the change unless the rules already show the update', () => {
    // Prepare
    const update = { ruleId: 'sgr-toapp', rule: fromGroup(9090, 'sg-app') };
    const change: Change = { kind: 'sg-rules-modified', groupId: 'sg-web', updates: [update] };
    const afterSnapshot = applyChange(smallModel(), change).model;

    // Act
    const fromBefore = deriveStates(smallModel(), change);
    const fromAfter = deriveStates(afterSnapshot, change);

    // Assess
    expect(fromBefore.position).toBe('before');
    expect(fromBefore.after.ruleById('sgr-toapp')?.fromPort).toBe(9090);
    expect(fromAfter.position).toBe('after');
    expect(fromAfter.before).toBeUndefined();
    expect(fromAfter.notes[0]).toContain('prior content is unknown');
  });

  it('reports a modify of a rule id the snapshot lacks as unknown', () => {
    // Prepare
    const change: Change = {
      kind: 'sg-rules-modified',
      groupId: 'sg-web',
      updates: [{ ruleId: 'sgr-x', rule: tcp(1, '0.0.0.0/0') }],
    };

    // Act
    const states = deriveStates(smallModel(), change);

    // Assess
    expect(states.position).toBe('unknown');
    expect(states.notes).toEqual(['rule(s) sgr-x of sg-web not in the snapshot']);
  });

  it('never throws for a group not in the snapshot: position unknown, model unchanged', () => {
    // Prepare
    const model = smallModel();
    const change: Change = { ...added, groupId: 'sg-ghost' } as Change;

    // Act
    const states = deriveStates(model, change);

    // Assess
    expect(states).toMatchObject({
      position: 'unknown',
      before: model,
      after: model,
      notes: ['security group sg-ghost is not in the snapshot'],
    });
    expect(states.affected.groupIds).toEqual(['sg-ghost']);
  });
});
