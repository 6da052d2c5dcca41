import { describe, expect, it } from 'vitest';
import { patchModel } from '../../../lambdas/core/model/patched-model';
import type { NetworkAcl, SecurityGroup } from '../../../lambdas/core/model/types';
import { createModel } from '../../../lambdas/core/model/indexed-model';
import { eni, group, nacl, sgRule, smallModel, tcp } from '../state/fixtures';
import { templateVersion } from '../../support/workloads';

const ids = (items: Iterable<{ groupId?: string; eniId?: string; naclId?: string }>) =>
  [...items].map((i) => i.groupId ?? i.eniId ?? i.naclId);

describe('patchModel', () => {
  it('answers patched groups first, hides deleted ones and adds new ones', () => {
    // Prepare
    const base = smallModel();
    const web = { ...base.group('sg-web')!, tags: { tier: 'edge' } };
    const extra = group('sg-new', [], { tier: 'edge' });

    // Act
    const model = patchModel(base, {
      groups: new Map<string, SecurityGroup | undefined>([
        ['sg-web', web],
        ['sg-db', undefined],
        ['sg-new', extra],
      ]),
    });

    // Assess
    expect(model.group('sg-web')).toBe(web);
    expect(model.group('sg-db')).toBeUndefined();
    expect(ids(model.groups())).toEqual(['sg-web', 'sg-app', 'sg-new']);
    expect(ids(model.groupsByTags({ tier: 'web' }))).toEqual([]);
    expect(ids(model.groupsByTags({ tier: 'edge' }))).toEqual(['sg-web', 'sg-new']);
    expect(ids(model.groupsByName('db'))).toEqual([]);
    expect(base.group('sg-db')).toBeDefined();
  });

  it('corrects enisWithGroup for ENIs that lost or gained the group', () => {
    // Prepare
    const base = smallModel();

    // Act
    const model = patchModel(base, {
      enis: new Map([
        ['eni-app', { ...base.eni('eni-app')!, groupIds: ['sg-db'] }],
        ['eni-web', { ...base.eni('eni-web')!, groupIds: ['sg-web', 'sg-app'] }],
        ['eni-new', eni('eni-new', 'subnet-a', ['sg-app'])],
      ]),
    });

    // Assess
    expect(ids(model.enisWithGroup('sg-app'))).toEqual(['eni-web', 'eni-new']);
    expect(ids(model.enisWithGroup('sg-db'))).toEqual(['eni-db', 'eni-app']);
    expect(ids(model.enisWithGroup('sg-web'))).toEqual(['eni-web']);
    expect(ids(base.enisWithGroup('sg-app'))).toEqual(['eni-app']);
  });

  it('follows a subnet association moved from one NACL to another', () => {
    // Prepare
    const base = smallModel();
    const a = base.nacl('acl-a')!;
    const b = base.nacl('acl-b')!;

    // Act
    const model = patchModel(base, {
      nacls: new Map<string, NetworkAcl>([
        ['acl-a', { ...a, associations: [] }],
        [
          'acl-b',
          { ...b, associations: [...b.associations, { associationId: 'assoc-new', subnetId: 'subnet-a' }] },
        ],
      ]),
    });

    // Assess
    expect(model.naclForSubnet('subnet-a')?.naclId).toBe('acl-b');
    expect(model.naclForSubnet('subnet-b')?.naclId).toBe('acl-b');
    expect(model.naclForSubnet('subnet-b')?.associations).toHaveLength(2);
    expect(base.naclForSubnet('subnet-a')?.naclId).toBe('acl-a');
  });

  it('drops a subnet whose patched NACL no longer lists it, and a deleted NACL', () => {
    // Prepare
    const base = smallModel();

    // Act
    const model = patchModel(base, {
      nacls: new Map<string, NetworkAcl | undefined>([
        ['acl-a', { ...base.nacl('acl-a')!, associations: [] }],
        ['acl-b', undefined],
      ]),
    });

    // Assess
    expect(model.naclForSubnet('subnet-a')).toBeUndefined();
    expect(model.naclForSubnet('subnet-b')).toBeUndefined();
    expect(ids(model.nacls())).toEqual(['acl-a']);
  });

  it('finds rules by id through patched groups', () => {
    // Prepare
    const base = smallModel();
    const web = base.group('sg-web')!;
    const rules = [
      ...web.rules.filter((r) => r.ruleId !== 'sgr-ssh'),
      sgRule('sg-web', 'ingress', tcp(80, '0.0.0.0/0'), 'sgr-http'),
    ];

    // Act
    const model = patchModel(base, { groups: new Map([['sg-web', { ...web, rules }]]) });

    // Assess
    expect(model.ruleById('sgr-ssh')).toBeUndefined();
    expect(model.ruleById('sgr-http')).toMatchObject({ fromPort: 80 });
    expect(model.ruleById('sgr-fromweb')).toMatchObject({ groupId: 'sg-app' });
    expect(base.ruleById('sgr-ssh')).toBeDefined();
  });

  it('stacks patches: the newest patch wins and older ones still apply', () => {
    // Prepare
    const base = smallModel();
    const first = patchModel(base, {
      enis: new Map([['eni-db', { ...base.eni('eni-db')!, groupIds: ['sg-app'] }]]),
      nacls: new Map([['acl-c', nacl('acl-c', [['assoc-c', 'subnet-c']], [])]]),
    });

    // Act
    const second = patchModel(first, {
      enis: new Map([['eni-app', { ...base.eni('eni-app')!, groupIds: [] }]]),
      groups: new Map([['sg-db', undefined]]),
    });

    // Assess
    expect(ids(second.enisWithGroup('sg-app'))).toEqual(['eni-db']);
    expect(second.naclForSubnet('subnet-c')?.naclId).toBe('acl-c');
    expect(ids(second.nacls())).toEqual(['acl-a', 'acl-b', 'acl-c']);
    expect(second.group('sg-db')).toBeUndefined();
    expect(ids(first.enisWithGroup('sg-app'))).toEqual(['eni-app', 'eni-db']);
    expect(second.coverage).toBe(base.coverage);
  });

  it('never walks the whole base model to build or answer lookups', () => {
    // Prepare
    const base = smallModel();
    const walks: string[] = [];
    const counting = {
      ...Object.fromEntries(
        (
          [
            'group',
            'groupsByName',
            'groupsByTags',
            'eni',
            'enisWithGroup',
            'nacl',
            'naclForSubnet',
            'prefixList',
            'ruleById',
          ] as const
        ).map((name) => [name, (arg: never) => (base[name] as (a: never) => unknown)(arg)]),
      ),
      coverage: base.coverage,
      groups: () => {
        walks.push('groups');
        return base.groups();
      },
      enis: () => {
        walks.push('enis');
        return base.enis();
      },
      nacls: () => {
        walks.push('nacls');
        return base.nacls();
      },
    } as unknown as typeof base;

    // Act
    const model = patchModel(counting, {
      groups: new Map([
        ['sg-db', group('sg-db', [sgRule('sg-db', 'ingress', tcp(5432, '10.0.0.0/8'), 'sgr-pg')])],
      ]),
      enis: new Map([['eni-db', { ...base.eni('eni-db')!, groupIds: ['sg-app'] }]]),
    });
    model.group('sg-web');
    model.eni('eni-app');
    model.enisWithGroup('sg-app');
    model.naclForSubnet('subnet-a');
    model.ruleById('sgr-pg');
    model.ruleById('sgr-ssh');
    model.groupsByName('web');

    // Assess
    expect(walks).toEqual([]);
  });

  it('asks its base once for a template’s versions, however deep the chain of patches', () => {
    // Prepare: a base counting its answers, under 8 patches of patches (each event patches the last)
    const base = createModel({
      coverage: { ruleIds: true, nacls: true, prefixLists: true, instances: true, launchTemplates: true },
      groups: [],
      enis: [],
      launchTemplateVersions: [templateVersion('lt-0web', 6, [['sg-web']])],
    });
    let asked = 0;
    const counting = Object.assign(Object.create(base) as typeof base, {
      launchTemplateVersions: (id: string) => {
        asked++;
        return base.launchTemplateVersions(id);
      },
    });
    let model = counting;
    for (let i = 0; i < 8; i++) model = patchModel(model, { groups: new Map([[`sg-${i}`, group(`sg-${i}`, [])]]) });

    // Act
    const versions = model.launchTemplateVersions('lt-0web');

    // Assess
    expect(versions.map((v) => v.versionNumber)).toEqual([6]);
    expect(asked).toBe(1);
  });
});
