import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbStateCache } from '../../../../lambdas/adapters/aws/dynamodb/dynamodb-state-cache';
import type { CachedState } from '../../../../lambdas/app/ports';
import { eni, group } from '../../../core/support/builders';
import { type Dynalite, startDynalite } from '../../../support/dynalite';
import { instance, launchTemplate, prefixList, templateVersion } from '../../../support/workloads';

let db: Dynalite;
beforeAll(async () => {
  db = await startDynalite();
});
afterAll(async () => {
  await db.close();
});

async function freshCache() {
  const { state } = await db.freshTables();
  return { cache: new DynamoDbStateCache({ client: db.client, tableName: state }), table: state };
}

function sampleState(): CachedState {
  return { groups: [group('sg-0web')], enis: [], nacls: [] };
}

function workloadState(): CachedState {
  const web0 = eni('eni-web0', { subnetId: 'subnet-a', ip: '10.0.1.20', groupIds: ['sg-0web'], instanceId: 'i-web', deviceIndex: 0 });
  const web1 = eni('eni-web1', { subnetId: 'subnet-a', ip: '10.0.1.21', groupIds: ['sg-0stale'], instanceId: 'i-web', deviceIndex: 1 });
  return {
    groups: [],
    enis: [web0, web1],
    nacls: [],
    instances: [instance('i-web', [web0, web1], { tags: { Role: 'web' }, launchTemplate: { launchTemplateId: 'lt-0web', version: '7' } })],
    prefixLists: [prefixList('pl-0office', ['198.51.100.0/24', '203.0.113.0/24']), prefixList('pl-aws')],
    launchTemplates: [launchTemplate('lt-0web', 6, 7)],
    launchTemplateVersions: [
      templateVersion('lt-0web', 6, [['sg-0web'], ['sg-0web']], { isDefault: true }),
      templateVersion('lt-0web', 7, [['sg-0web'], ['sg-0stale']], { instanceTags: { Role: 'web' } }),
    ],
  };
}

describe('DynamoDbStateCache and workloads', () => {
  it('round-trips instances, prefix lists with their entries, templates and each version by key', async () => {
    // Prepare
    const { cache } = await freshCache();
    const state = workloadState();
    await cache.save(state);

    // Act
    const loaded = await cache.load({
      instanceIds: ['i-web', 'i-gone'],
      prefixListIds: ['pl-0office', 'pl-aws'],
      launchTemplateIds: ['lt-0web'],
      launchTemplateVersionKeys: ['lt-0web#7'],
    });

    // Assess
    expect(loaded.instances).toStrictEqual(state.instances);
    expect(loaded.prefixLists).toStrictEqual(state.prefixLists);
    expect(loaded.launchTemplates).toStrictEqual(state.launchTemplates);
    expect(loaded.launchTemplateVersions).toStrictEqual([state.launchTemplateVersions![1]]);
    expect(loaded.enis).toEqual([]);
  });

  it('keeps every template version in an item of its own, under the 400 KB item limit', async () => {
    // Prepare: 300 versions of one template
    const { cache, table } = await freshCache();
    const versions = Array.from({ length: 300 }, (_, i) => templateVersion('lt-0many', i + 1, [['sg-0web']]));
    await cache.save({ groups: [], enis: [], nacls: [], launchTemplates: [launchTemplate('lt-0many', 1, 300)], launchTemplateVersions: versions });

    // Act
    const raw = await db.client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'ltv#lt-0many#300' } } }));
    const all = await cache.loadAll();

    // Assess
    expect(raw.Item?.kind).toEqual({ S: 'ltv' });
    expect(JSON.parse(raw.Item?.data?.S ?? '{}')).toStrictEqual(versions[299]);
    expect(all.launchTemplateVersions).toHaveLength(300);
    expect(all.launchTemplates?.map((t) => t.launchTemplateId)).toEqual(['lt-0many']);
  });

  it('stores a prefix list of 1,000 IPv6 entries (AWS’s per-list maximum) in one plain item', async () => {
    // Prepare
    const { cache, table } = await freshCache();
    const cidrs = Array.from({ length: 1000 }, (_, i) => `2001:db8:${i.toString(16)}:ffff:ffff:ffff:ffff:ff00/120`);
    const big = prefixList('pl-0v6', cidrs);

    // Act
    await cache.save({ groups: [], enis: [], nacls: [], prefixLists: [big] });
    const raw = await db.client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'pl#pl-0v6' } } }));

    // Assess
    expect(raw.Item?.data?.S?.length).toBeLessThan(100 * 1024);
    expect((await cache.load({ prefixListIds: ['pl-0v6'] })).prefixLists).toStrictEqual([big]);
  });

  it('returns the coverage of the last full state from loadAll, and none before one was saved', async () => {
    // Prepare
    const { cache } = await freshCache();
    await cache.save(sampleState());
    const before = await cache.loadAll();
    const coverage = { prefixLists: true, instances: true, launchTemplates: false };

    // Act
    await cache.save({ ...workloadState(), coverage });
    await cache.save({ groups: [], enis: [], nacls: [], instances: [] }); // an event's commit: no coverage
    const after = await cache.loadAll();

    // Assess
    expect(before.coverage).toBeUndefined();
    expect(after.coverage).toStrictEqual(coverage);
    expect(after.instances?.map((i) => i.instanceId)).toEqual(['i-web']);
  });

  it('removes instances, prefix lists, templates and versions by id', async () => {
    // Prepare
    const { cache } = await freshCache();
    await cache.save(workloadState());

    // Act
    await cache.remove({ instanceIds: ['i-web'], prefixListIds: ['pl-aws'], launchTemplateVersionKeys: ['lt-0web#6'] });
    const all = await cache.loadAll();

    // Assess
    expect(all.instances).toEqual([]);
    expect(all.prefixLists?.map((p) => p.prefixListId)).toEqual(['pl-0office']);
    expect(all.launchTemplateVersions?.map((v) => v.versionNumber)).toEqual([7]);
    expect(all.launchTemplates).toHaveLength(1);
  });
});
