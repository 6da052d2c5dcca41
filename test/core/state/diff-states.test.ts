import { describe, expect, it } from 'vitest';
import type { Change } from '../../../lambdas/core/events/types';
import { applyChange } from '../../../lambdas/core/state/apply-change';
import { diffStates } from '../../../lambdas/core/state/diff-states';
import { createModel } from '../../../lambdas/core/model/indexed-model';
import { loadExamples } from '../../support/examples';
import { instance, launchTemplate, prefixList, templateVersion } from '../../support/workloads';
import { cidrPeer, defaultEgress, eni, group, ingress } from '../support/builders';

describe('diffStates', () => {
  it('finds nothing between a state and itself', async () => {
    // Prepare
    const { model } = await loadExamples();

    // Act / Assess
    expect(diffStates(model, model)).toEqual([]);
  });

  it('recovers each lost change of the incidents as the change its event would have carried', async () => {
    // Prepare
    const { model, events } = await loadExamples();
    const names = [
      '01-revoke-8080-from-nginx',
      '03-stale-sg-on-secondary-eni',
      '04-nacl-denies-return-traffic',
      '05-ssh-open-to-world',
    ];
    for (const name of names) {
      const event = events[name]!;
      if (event.status !== 'parsed') throw new Error(name);
      const live = applyChange(model, event.change).model;

      // Act
      const changes = diffStates(model, live);

      // Assess: applying the recovered changes to the known state gives the live state again
      expect(changes.map((c) => c.kind)).toEqual([event.change.kind]);
      const replayed = changes.reduce((m, c: Change) => applyChange(m, c).model, model);
      expect(diffStates(replayed, live)).toEqual([]);
    }
  });

  it('keeps the removed rule content and id so a lost revoke can still be undone with its description', async () => {
    // Prepare
    const { model, events } = await loadExamples();
    const event = events['07-self-reference-removed']!;
    if (event.status !== 'parsed') throw new Error('07');

    // Act
    const [change] = diffStates(model, applyChange(model, event.change).model);

    // Assess
    expect(change).toMatchObject({
      kind: 'sg-rules-removed',
      groupId: 'sg-0cache321',
      revoked: [
        expect.objectContaining({ ruleId: 'sgr-0cachei00', description: 'cluster peers', fromPort: 6379 }),
      ],
    });
  });

  it('reports a subnet moved to another NACL with its old and new association ids', async () => {
    // Prepare
    const { model } = await loadExamples();
    const change: Change = {
      kind: 'nacl-association-replaced',
      associationId: 'aclassoc-0app1',
      naclId: 'acl-0default0',
      newAssociationId: 'aclassoc-0new',
    };
    const live = applyChange(model, change).model;

    // Act / Assess
    expect(diffStates(model, live)).toEqual([change]);
  });
});

describe('diffStates and resources present on one side only', () => {
  const coverage = { ruleIds: true, nacls: true, prefixLists: true, instances: true, launchTemplates: true };
  const web = group('sg-0web', { name: 'web', rules: [defaultEgress()] });
  const stale = group('sg-0stale', { name: 'stale', rules: [defaultEgress()] });
  const web0 = eni('eni-web0', { subnetId: 'subnet-a', ip: '10.0.1.20', groupIds: ['sg-0web'], instanceId: 'i-web', deviceIndex: 0 });
  const web1 = eni('eni-web1', { subnetId: 'subnet-a', ip: '10.0.1.21', groupIds: ['sg-0stale'], instanceId: 'i-web', deviceIndex: 1 });
  const known = createModel({
    coverage,
    groups: [web, stale],
    enis: [],
    prefixLists: [prefixList('pl-0office', ['198.51.100.0/24']), prefixList('pl-aws')],
    launchTemplates: [launchTemplate('lt-0web', 6)],
    launchTemplateVersions: [templateVersion('lt-0web', 6, [['sg-0web'], ['sg-0web']], { isDefault: true })],
  });
  const model = (parts: Partial<Parameters<typeof createModel>[0]>) =>
    createModel({ coverage, groups: [web, stale], enis: [], ...parts });

  it('judges a new instance as a launch carrying its ENIs, and a lone new ENI as created', () => {
    // Prepare
    const service = { ...eni('eni-alb', { subnetId: 'subnet-a', ip: '10.0.1.5', groupIds: ['sg-0web'] }), requesterManaged: true };
    const launchedFrom = { launchTemplateId: 'lt-0web', version: '7' };
    const live = model({
      enis: [web0, web1, service],
      instances: [instance('i-web', [web0, web1], { tags: { Role: 'web' }, launchTemplate: launchedFrom })],
      prefixLists: [prefixList('pl-0office', ['198.51.100.0/24']), prefixList('pl-aws')],
    });

    // Act
    const changes = diffStates(known, live);

    // Assess
    expect(changes).toEqual([
      {
        kind: 'instances-launched',
        launchTemplate: launchedFrom,
        instances: [
          { instanceId: 'i-web', tags: { Role: 'web' }, subnetId: 'subnet-a', vpcId: 'vpc-1', networkInterfaces: [web0, web1] },
        ],
      },
      { kind: 'eni-created', eni: service },
    ]);
    const replayed = changes.reduce((m, c) => applyChange(m, c).model, known);
    expect(diffStates(replayed, live)).toEqual([]);
  });

  it('batches the instances of one launch template version into one launch', () => {
    // Prepare
    const other0 = eni('eni-web2', { subnetId: 'subnet-b', ip: '10.0.2.20', groupIds: ['sg-0web'], instanceId: 'i-web2', deviceIndex: 0 });
    const from = { launchTemplate: { launchTemplateId: 'lt-0web', version: '7' } };
    const live = model({
      enis: [web0, web1, other0],
      instances: [instance('i-web', [web0, web1], from), instance('i-web2', [other0], from)],
    });

    // Act
    const launches = diffStates(known, live).filter((c) => c.kind === 'instances-launched');

    // Assess
    expect(launches).toHaveLength(1);
    expect(launches[0]).toMatchObject({ instances: [{ instanceId: 'i-web' }, { instanceId: 'i-web2' }] });
  });

  it('does not compare instances when the known state never held them (a cache from before)', () => {
    // Prepare
    const old = createModel({ coverage: { ...coverage, instances: false }, groups: [web, stale], enis: [] });
    const live = model({ enis: [web0], instances: [instance('i-web', [web0])] });

    // Act / Assess: the ENI is still new; no launch is invented
    expect(diffStates(old, live).map((c) => c.kind)).toEqual(['eni-created']);
  });

  it('reports a created and a deleted group but no change for a removed instance or ENI', () => {
    // Prepare
    const before = model({ enis: [web0], instances: [instance('i-web', [web0])] });
    const fresh = group('sg-0new', { name: 'new', rules: [ingress('tcp', 22, 22, cidrPeer('0.0.0.0/0'))] });
    const live = createModel({ coverage, groups: [web, fresh], enis: [] });

    // Act
    const changes = diffStates(before, live);

    // Assess
    expect(changes).toEqual([
      { kind: 'sg-created', group: fresh },
      { kind: 'sg-deleted', groupId: 'sg-0stale' },
    ]);
  });

  it('finds prefix-list entry drift, and nothing for a list whose entries either side does not know', () => {
    // Prepare
    const live = model({
      prefixLists: [prefixList('pl-0office', ['203.0.113.0/24', '0.0.0.0/1']), prefixList('pl-aws', ['52.94.0.0/22'])],
      launchTemplates: [launchTemplate('lt-0web', 6)],
      launchTemplateVersions: [templateVersion('lt-0web', 6, [['sg-0web'], ['sg-0web']], { isDefault: true })],
    });

    // Act
    const changes = diffStates(known, live);

    // Assess
    expect(changes).toEqual([
      { kind: 'prefix-list-modified', prefixListId: 'pl-0office', added: ['203.0.113.0/24', '0.0.0.0/1'], removed: ['198.51.100.0/24'] },
    ]);
  });

  it('finds a new template version and a moved default version, and replays to the live state', () => {
    // Prepare
    const v7 = templateVersion('lt-0web', 7, [['sg-0web'], ['sg-0stale']], { isDefault: true });
    const live = model({
      prefixLists: [prefixList('pl-0office', ['198.51.100.0/24']), prefixList('pl-aws')],
      launchTemplates: [launchTemplate('lt-0web', 7)],
      launchTemplateVersions: [templateVersion('lt-0web', 6, [['sg-0web'], ['sg-0web']]), v7],
    });

    // Act
    const changes = diffStates(known, live);

    // Assess
    expect(changes).toEqual([
      { kind: 'launch-template-version-created', version: v7, templateCreated: false },
      { kind: 'launch-template-default-set', launchTemplateId: 'lt-0web', defaultVersion: 7 },
    ]);
    const replayed = changes.reduce((m, c) => applyChange(m, c).model, known);
    expect(replayed.launchTemplate('lt-0web')?.defaultVersionNumber).toBe(7);
    expect(diffStates(replayed, live)).toEqual([]);
  });

  it('finds an ENI moved between instances as a detach and an attach, and tag drift on a group', () => {
    // Prepare
    const attached = { ...web1, attachmentId: 'eni-attach-0old' };
    const before = model({ groups: [web, stale], enis: [attached], instances: [instance('i-web', [attached])] });
    const moved = { ...web1, instanceId: 'i-other', deviceIndex: 1, attachmentId: 'eni-attach-0new' };
    const live = model({
      groups: [{ ...web, tags: { Role: 'web', Owner: 'team-a' } }, stale],
      enis: [moved],
      instances: [instance('i-web', []), instance('i-other', [], { state: 'terminated' })],
    });

    // Act
    const changes = diffStates(before, live);

    // Assess: i-other is first seen terminated: no launch
    expect(changes).toEqual([
      { kind: 'tags-set', resourceIds: ['sg-0web'], tags: { Role: 'web', Owner: 'team-a' } },
      { kind: 'eni-detached', attachmentId: 'eni-attach-0old' },
      { kind: 'eni-attached', eniId: 'eni-web1', instanceId: 'i-other', deviceIndex: 1, attachmentId: 'eni-attach-0new' },
    ]);
  });
});
