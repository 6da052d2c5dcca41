import {
  DescribeInstancesCommand,
  DescribeLaunchTemplateVersionsCommand,
  GetManagedPrefixListEntriesCommand,
} from '@aws-sdk/client-ec2';
import { afterEach, describe, expect, it } from 'vitest';
import type { Change } from '../../lambdas/core/events/types';
import { applyChange } from '../../lambdas/core/state/apply-change';
import { LiveStateSource } from '../../lambdas/app/live-state-source';
import { eni } from '../core/support/builders';
import { LAUNCH, phantomWorld } from './support/workload-account';

let world: ReturnType<typeof phantomWorld>;
afterEach(() => world.stop());

describe('LiveStateSource cold start', () => {
  it('caches instances, prefix lists with entries, templates and versions, and marks them covered', async () => {
    // Prepare
    world = phantomWorld();

    // Act
    const model = await world.source.modelFor(undefined);

    // Assess
    expect(model.coverage).toMatchObject({ prefixLists: true, instances: true, launchTemplates: true });
    expect(model.instance('i-old')?.networkInterfaces).toEqual([
      { eniId: 'eni-old0', deviceIndex: 0 },
      { eniId: 'eni-old1', deviceIndex: 1 },
    ]);
    expect(model.prefixList('pl-0office')?.cidrs).toEqual(['198.51.100.0/24']);
    expect(model.launchTemplateVersion('lt-0web', 7)?.networkInterfaces[1]?.groupIds).toEqual(['sg-0stale']);
    const all = await world.cache.loadAll();
    expect(all.coverage).toEqual({ prefixLists: true, instances: true, launchTemplates: true });
    expect(all.instances?.map((i) => i.instanceId)).toEqual(['i-old']);
    expect(all.launchTemplateVersions?.map((v) => v.versionNumber)).toEqual([6, 7]);
  });

  it('reads everything once when the cache predates coverage, then never again', async () => {
    // Prepare: groups cached by an older version, nothing says instances were ever read
    world = phantomWorld();
    const full = await world.reader.readAll();
    world.reader.resetCalls();
    await world.cache.save({ groups: [], enis: [], nacls: [] });
    world.cache.items.set('groups#sg-0alb', { groupId: 'sg-0alb', groupName: 'alb', tags: {}, rules: [] });

    // Act
    const model = await world.source.modelFor(undefined);

    // Assess
    expect(full.instances).toBeDefined();
    expect(world.reader.calls).toBeGreaterThan(0);
    expect(model.coverage.instances).toBe(true);
    expect(world.cache.coverage).toEqual({ prefixLists: true, instances: true, launchTemplates: true });
  });
});

describe('LiveStateSource, a new container’s first event', () => {
  it('loads the prior state the event names beside the full load, not after it', async () => {
    // Prepare: a cache written by an earlier container; a new container gets a revoke of sg-0web's rule
    world = phantomWorld();
    await world.source.modelFor(undefined);
    const fresh = new LiveStateSource({ reader: world.reader, cache: world.cache, config: world.config });
    const order: string[] = [];
    const { load, loadAll } = { load: world.cache.load.bind(world.cache), loadAll: world.cache.loadAll.bind(world.cache) };
    world.cache.load = async (ids) => {
      order.push(`load ${JSON.stringify(ids.groupIds ?? [])}`);
      return load(ids);
    };
    world.cache.loadAll = async () => {
      order.push('loadAll start');
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push('loadAll end');
      return loadAll();
    };
    const removed: Change = { kind: 'sg-rules-removed', groupId: 'sg-0web', direction: 'ingress', rules: [], ruleIds: ['sgr-0web1'] };
    world.land(removed);

    // Act
    const before = await fresh.modelFor(removed);

    // Assess: one load, started before the full load ended; the rule there as cached
    expect(order).toEqual(['load ["sg-0web"]', 'loadAll start', 'loadAll end']);
    expect(before.ruleById('sgr-0web1')).toBeDefined();
  });

  it('loads only what the view adds to what the event names (a detach names its ENI only in the state)', async () => {
    // Prepare
    world = phantomWorld();
    await world.source.modelFor(undefined);
    const fresh = new LiveStateSource({ reader: world.reader, cache: world.cache, config: world.config });
    const loads: unknown[] = [];
    const load = world.cache.load.bind(world.cache);
    world.cache.load = async (ids) => {
      loads.push(ids);
      return load(ids);
    };
    const detach: Change = { kind: 'eni-detached', attachmentId: 'eni-attach-0old1' };
    world.land(detach);

    // Act
    const before = await fresh.modelFor(detach);

    // Assess
    expect(loads).toHaveLength(2);
    expect(loads[1]).toEqual({ eniIds: ['eni-old1'], instanceIds: ['i-old'] });
    expect(before.eni('eni-old1')?.instanceId).toBe('i-old');
  });
});

describe('LiveStateSource around a change', () => {
  it('judges a launch on the state before it: the launched instance and ENIs never come from the live read', async () => {
    // Prepare
    world = phantomWorld();
    await world.source.modelFor(undefined);
    world.land(LAUNCH);

    // Act
    const before = await world.source.modelFor(LAUNCH);

    // Assess: one batch of reads, the ALB side's groups and ENIs among them, no DescribeInstances
    expect(before.instance('i-new')).toBeUndefined();
    expect(before.eni('eni-new1')).toBeUndefined();
    expect(before.eni('eni-new0')).toBeUndefined(); // EC2 answered it (it carries sg-0web): not taken
    expect(world.scopes).toHaveLength(1);
    expect(world.scopes[0]).toMatchObject({
      groupIds: expect.arrayContaining(['sg-0alb', 'sg-0web', 'sg-0stale']),
      enisOfGroups: expect.arrayContaining(['sg-0alb']),
      instanceIds: [],
    });
    expect(world.ec2.mock.commandCalls(DescribeInstancesCommand)).toHaveLength(1); // the cold start's only
    const after = applyChange(before, LAUNCH).model;
    expect(after.eni('eni-new1')?.groupIds).toEqual(['sg-0stale']);
  });

  it('takes the groups of an ENI being attached from one live read when the cache does not know it', async () => {
    // Prepare: an ENI created after the last sweep, attached as device 2 of i-old
    world = phantomWorld();
    await world.source.modelFor(undefined);
    const spare = eni('eni-spare', { subnetId: 'subnet-a', ip: '10.0.1.30', groupIds: ['sg-0stale'] });
    world.land({ kind: 'eni-created', eni: spare });
    const attach: Change = { kind: 'eni-attached', eniId: 'eni-spare', instanceId: 'i-old', deviceIndex: 2, attachmentId: 'eni-attach-0spare' };
    world.land(attach);

    // Act
    const before = await world.source.modelFor(attach);

    // Assess: a resolution read, then the neighbourhood; the ENI as it was before (unattached)
    expect(world.scopes).toHaveLength(2);
    expect(world.scopes[0]).toEqual({ eniIds: ['eni-spare'], instanceIds: ['i-old'] });
    expect(before.eni('eni-spare')).toMatchObject({ groupIds: ['sg-0stale'] });
    expect(before.eni('eni-spare')?.instanceId).toBeUndefined();
    expect(before.instance('i-old')?.networkInterfaces.map((n) => n.eniId)).toEqual(['eni-old0', 'eni-old1']);
    expect(applyChange(before, attach).effective).toBe(true);
  });

  it('keeps the cached groups of an instance’s primary ENI as the prior state and reads the instance', async () => {
    // Prepare
    world = phantomWorld();
    await world.source.modelFor(undefined);
    const set: Change = { kind: 'instance-groups-set', instanceId: 'i-old', groupIds: ['sg-0stale'] };
    world.land(set);

    // Act
    const before = await world.source.modelFor(set);

    // Assess
    expect(before.eni('eni-old0')?.groupIds).toEqual(['sg-0web']);
    expect(world.scopes).toHaveLength(1);
    expect(world.scopes[0]).toMatchObject({ instanceIds: ['i-old'], eniIds: ['eni-old0'] });
  });

  it('reads a modified prefix list’s entries and the groups that reference it, keeping the cached entries as prior', async () => {
    // Prepare
    world = phantomWorld();
    await world.source.modelFor(undefined);
    const change: Change = { kind: 'prefix-list-modified', prefixListId: 'pl-0office', added: ['0.0.0.0/1', '128.0.0.0/1'], removed: [] };
    world.land(change);
    world.ec2.mock.resetHistory();

    // Act
    const before = await world.source.modelFor(change);

    // Assess
    expect(before.prefixList('pl-0office')?.cidrs).toEqual(['198.51.100.0/24']);
    expect(world.scopes[0]).toMatchObject({ prefixListIds: ['pl-0office'], groupIds: expect.arrayContaining(['sg-0web']) });
    expect(world.ec2.mock.commandCalls(GetManagedPrefixListEntriesCommand)).toHaveLength(1);
  });

  it('reads the template versions a new default moves between, keeping the cached default as prior', async () => {
    // Prepare
    world = phantomWorld();
    await world.source.modelFor(undefined);
    const change: Change = { kind: 'launch-template-default-set', launchTemplateId: 'lt-0web', defaultVersion: 7 };
    world.land(change);
    world.ec2.mock.resetHistory();

    // Act
    const before = await world.source.modelFor(change);

    // Assess
    expect(before.launchTemplate('lt-0web')?.defaultVersionNumber).toBe(6);
    expect(world.scopes).toHaveLength(1);
    expect(world.scopes[0]).toMatchObject({
      launchTemplateIds: ['lt-0web'],
      launchTemplateVersions: [{ launchTemplateId: 'lt-0web', versions: ['7', '6'] }],
      groupIds: expect.arrayContaining(['sg-0alb', 'sg-0stale']),
    });
    expect(world.ec2.mock.commandCalls(DescribeLaunchTemplateVersionsCommand)[0]?.args[0].input.Versions).toEqual(['7', '6']);
  });

  it('reads nothing live for rules added to a known group: the prior comes from the cache', async () => {
    // Prepare: tcp/443 opened to the world on the web group, and an ENI moved since the last sweep
    world = phantomWorld();
    await world.source.modelFor(undefined);
    const added = openToWorld('sg-0web', 443, 'sgr-0open');
    world.land(added);
    world.land({ kind: 'eni-groups-set', eniId: 'eni-old1', groupIds: ['sg-0stale'] });
    world.ec2.mock.resetHistory();

    // Act
    const before = await world.source.modelFor(added);

    // Assess: no EC2 call; the group as cached (without the new rule), the moved ENI as last known
    expect(world.scopes).toEqual([]);
    expect(world.ec2.mock.calls()).toHaveLength(0);
    expect(before.group('sg-0web')?.rules.map((r) => r.ruleId)).toEqual(['sgr-0web1', 'sgr-0web2', 'sgr-0web3']);
    expect(before.eni('eni-old1')?.groupIds).toEqual(['sg-0web']);
    expect(applyChange(before, added).effective).toBe(true);
  });

  it('reads only the group for rules added to a group the view does not know', async () => {
    // Prepare: a group created after the last sweep (its creation event not seen here), then opened
    world = phantomWorld();
    await world.source.modelFor(undefined);
    world.land({ kind: 'sg-created', group: { groupId: 'sg-0new', groupName: 'new', vpcId: 'vpc-1', tags: {}, rules: [] } });
    const added = openToWorld('sg-0new', 22, 'sgr-0ssh');
    world.land(added);

    // Act
    const before = await world.source.modelFor(added);

    // Assess: one batch naming that group alone
    expect(world.scopes).toEqual([{ groupIds: ['sg-0new'] }]);
    expect(before.group('sg-0new')).toBeDefined();
  });

  it('forgets a deleted group from the view and the cache on commit', async () => {
    // Prepare
    world = phantomWorld();
    await world.source.modelFor(undefined);

    // Act
    await world.source.commit({ groups: [], enis: [], nacls: [] }, { groupIds: ['sg-0stale'] });

    // Assess
    expect(world.source.current().group('sg-0stale')).toBeUndefined();
    expect((await world.cache.load({ groupIds: ['sg-0stale'] })).groups).toEqual([]);
  });
});

/** An AuthorizeSecurityGroupIngress of tcp/`port` from 0.0.0.0/0 on `groupId`, as the parser gives it. */
function openToWorld(groupId: string, port: number, ruleId: string): Change {
  const rule = { protocol: 'tcp', fromPort: port, toPort: port, peer: { kind: 'cidr', cidr: '0.0.0.0/0' }, ruleId } as const;
  return { kind: 'sg-rules-added', groupId, direction: 'ingress', rules: [rule] };
}
