import { randomBytes } from 'node:crypto';
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  GetItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { JsonAttributeError } from '../../../../lambdas/adapters/aws/dynamodb/dynamodb-json-codec';
import { DynamoDbStateCache } from '../../../../lambdas/adapters/aws/dynamodb/dynamodb-state-cache';
import type { CachedState } from '../../../../lambdas/app/ports';
import type { SecurityGroup } from '../../../../lambdas/core/model/types';
import {
  cidrPeer,
  defaultEgress,
  eni,
  group,
  ingress,
  nacl,
  openEntries,
  sgPeer,
} from '../../../core/support/builders';
import { type Dynalite, startDynalite } from '../../../support/dynalite';

let db: Dynalite;
beforeAll(async () => {
  db = await startDynalite();
});
afterAll(async () => {
  await db.close();
});

async function freshCache(clock?: () => Date) {
  const { state } = await db.freshTables();
  return {
    cache: new DynamoDbStateCache({ client: db.client, tableName: state, ...(clock && { clock }) }),
    table: state,
  };
}

function sampleState(): CachedState {
  return {
    groups: [
      {
        ...group('sg-0backend', {
          name: 'backend',
          tags: { Name: 'backend', team: 'payments' },
          rules: [ingress('tcp', 8080, 8080, sgPeer('sg-0nginx'), 'sgr-1'), defaultEgress()],
        }),
        ownerId: '123456789012',
        description: 'backend tier',
      },
      group('sg-0nginx', { rules: [ingress('tcp', 443, 443, cidrPeer('0.0.0.0/0'))] }),
    ],
    enis: [
      eni('eni-1', { subnetId: 'subnet-a', ip: '10.0.1.10', groupIds: ['sg-0backend'], instanceId: 'i-1' }),
    ],
    nacls: [nacl('acl-1', ['subnet-a', 'subnet-b'], openEntries())],
  };
}

/** A group whose JSON is roughly `kb` kilobytes (one rule is ~150 bytes of JSON). */
function bigGroup(groupId: string, kb: number): SecurityGroup {
  const rules = Array.from({ length: Math.ceil((kb * 1024) / 150) }, (_, i) =>
    ingress('tcp', i % 65535, i % 65535, cidrPeer(`10.${(i >> 8) & 255}.${i & 255}.0/24`), `sgr-${i}`),
  );
  return group(groupId, { rules });
}

const COVERAGE = { prefixLists: true, instances: true, launchTemplates: true };

function manyGroups(count: number): SecurityGroup[] {
  return Array.from({ length: count }, (_, i) => group(`sg-${String(i).padStart(4, '0')}`));
}

function countCalls(spy: { mock: { calls: unknown[][] } }, type: abstract new (...args: never[]) => unknown) {
  return spy.mock.calls.filter(([command]) => command instanceof type).length;
}

describe('DynamoDbStateCache', () => {
  it('round-trips groups, ENIs and NACLs exactly and leaves unknown ids out', async () => {
    // Prepare
    const { cache } = await freshCache();
    const state = sampleState();
    await cache.save(state);

    // Act
    const loaded = await cache.load({
      groupIds: ['sg-0nginx', 'sg-0backend', 'sg-missing'],
      eniIds: ['eni-1', 'eni-missing'],
      naclIds: ['acl-1'],
    });

    // Assess
    expect(loaded.groups).toStrictEqual([state.groups[0], state.groups[1]]);
    expect(loaded.enis).toStrictEqual(state.enis);
    expect(loaded.nacls).toStrictEqual(state.nacls);
  });

  it('loads only the kinds asked for and asks for a repeated id once', async () => {
    // Prepare
    const { cache } = await freshCache();
    await cache.save(sampleState());

    // Act
    const loaded = await cache.load({ eniIds: ['eni-1', 'eni-1'] });

    // Assess
    expect(loaded.groups).toEqual([]);
    expect(loaded.nacls).toEqual([]);
    expect(loaded.enis.map((e) => e.eniId)).toEqual(['eni-1']);
  });

  it('answers an empty request without calling DynamoDB', async () => {
    // Prepare
    const { cache } = await freshCache();
    const send = vi.spyOn(db.client, 'send');

    // Act
    const loaded = await cache.load({});
    await cache.save({ groups: [], enis: [], nacls: [] });
    await cache.remove({ groupIds: [] });

    // Assess
    expect(loaded).toEqual({
      groups: [],
      enis: [],
      nacls: [],
      instances: [],
      prefixLists: [],
      launchTemplates: [],
      launchTemplateVersions: [],
    });
    expect(send).not.toHaveBeenCalled();
    send.mockRestore();
  });

  it('writes 250 groups in chunks of 25 and reads them back in chunks of 100', async () => {
    // Prepare
    const { cache } = await freshCache();
    const groups = manyGroups(250);
    const send = vi.spyOn(db.client, 'send');

    // Act
    await cache.save({ groups, enis: [], nacls: [] });
    const loaded = await cache.load({ groupIds: groups.map((g) => g.groupId) });

    // Assess
    expect(countCalls(send, BatchWriteItemCommand)).toBe(10);
    expect(countCalls(send, BatchGetItemCommand)).toBe(3);
    send.mockRestore();
    expect(loaded.groups).toStrictEqual(groups);
  });

  it('overwrites a saved resource and writes a resource listed twice once (the last copy)', async () => {
    // Prepare
    const { cache } = await freshCache();
    await cache.save(sampleState());
    const first = group('sg-0nginx', { rules: [ingress('tcp', 80, 80, cidrPeer('0.0.0.0/0'))] });
    const last = group('sg-0nginx', { rules: [] });

    // Act
    await cache.save({ groups: [first, last], enis: [], nacls: [] });
    const loaded = await cache.load({ groupIds: ['sg-0nginx'] });

    // Assess
    expect(loaded.groups).toStrictEqual([last]);
  });

  it('removes exactly the resources named', async () => {
    // Prepare
    const { cache } = await freshCache();
    await cache.save(sampleState());

    // Act
    await cache.remove({ groupIds: ['sg-0nginx'], naclIds: ['acl-1'] });
    const all = await cache.loadAll();

    // Assess
    expect(all.groups.map((g) => g.groupId)).toEqual(['sg-0backend']);
    expect(all.enis.map((e) => e.eniId)).toEqual(['eni-1']);
    expect(all.nacls).toEqual([]);
  });

  it('loads everything with one Query of the byScope index per 1 MB page once the scope is marked', async () => {
    // Prepare: five ~250 KB groups make more than one 1 MB Query page; a loadAll of the empty table,
    // then a full save (with coverage), as a cold start or the sweep makes it
    const { cache, table } = await freshCache();
    const groups = ['sg-a', 'sg-b', 'sg-c', 'sg-d', 'sg-e'].map((id) => bigGroup(id, 250));
    const state = { ...sampleState(), groups: [...sampleState().groups, ...groups], coverage: COVERAGE };
    await cache.loadAll();
    await cache.save(state);
    const reader = new DynamoDbStateCache({ client: db.client, tableName: table });
    const send = vi.spyOn(db.client, 'send');

    // Act
    const all = await reader.loadAll();

    // Assess: 1.3 MB of items = 2 pages, nothing else
    const calls = send.mock.calls.map(([c]) => c);
    send.mockRestore();
    expect(calls.every((c) => c instanceof QueryCommand && c.input.IndexName === 'byScope')).toBe(true);
    expect(calls).toHaveLength(2);
    expect(all.groups).toStrictEqual([...state.groups].sort((a, b) => a.groupId.localeCompare(b.groupId)));
    expect(all.enis).toStrictEqual(state.enis);
    expect(all.nacls).toStrictEqual(state.nacls);
    expect(all.coverage).toStrictEqual(COVERAGE);
  });

  it('stores a group whose JSON passes 300 KB gzip-compressed in a binary attribute and reads it back', async () => {
    // Prepare
    const { cache, table } = await freshCache();
    const big = bigGroup('sg-0big', 600);
    expect(JSON.stringify(big).length).toBeGreaterThan(400 * 1024);

    // Act
    await cache.save({ groups: [big], enis: [], nacls: [] });
    const raw = await db.client.send(
      new GetItemCommand({ TableName: table, Key: { pk: { S: 'group#sg-0big' } } }),
    );
    const loaded = await cache.load({ groupIds: ['sg-0big'] });

    // Assess
    expect(raw.Item?.data).toBeUndefined();
    expect(raw.Item?.dataGzip?.B).toBeInstanceOf(Uint8Array);
    expect(loaded.groups).toStrictEqual([big]);
  });

  it('refuses, before writing anything, a resource too large for one item even compressed', async () => {
    // Prepare: random text barely compresses
    const { cache } = await freshCache();
    const noise = { ...group('sg-0noise'), description: randomBytes(400 * 1024).toString('base64') };
    const small = group('sg-0small');

    // Act
    const saving = cache.save({ groups: [small, noise], enis: [], nacls: [] });

    // Assess
    await expect(saving).rejects.toThrow(JsonAttributeError);
    await expect(saving).rejects.toThrow(/group#sg-0noise/);
    expect((await cache.loadAll()).groups).toEqual([]);
  });

  it('stamps kind, the byScope partition and updatedAt from the clock on every item', async () => {
    // Prepare
    const { cache, table } = await freshCache(() => new Date('2026-11-20T20:00:00Z'));

    // Act
    await cache.save(sampleState());
    const raw = await db.client.send(
      new GetItemCommand({ TableName: table, Key: { pk: { S: 'eni#eni-1' } } }),
    );

    // Assess
    expect(raw.Item?.kind).toEqual({ S: 'eni' });
    expect(raw.Item?.stateScope).toEqual({ S: 'home' });
    expect(raw.Item?.updatedAt).toEqual({ S: '2026-11-20T20:00:00.000Z' });
  });
});

describe('DynamoDbStateCache scopes (member accounts)', () => {
  it('keeps each account/region apart in one table: loads, loadAll and removes see only their scope', async () => {
    // Prepare
    const { state } = await db.freshTables();
    const home = new DynamoDbStateCache({ client: db.client, tableName: state });
    const member = new DynamoDbStateCache({ client: db.client, tableName: state, scope: '210987654321/eu-west-1' });
    const sameId = group('sg-0shared', { name: 'web', rules: [defaultEgress()] });
    await home.save({ groups: [sameId], enis: [], nacls: [] });
    await member.save({ groups: [{ ...sameId, groupName: 'member-web' }], enis: [], nacls: [] });

    // Act
    const [homeAll, memberAll, memberOne] = await Promise.all([
      home.loadAll(),
      member.loadAll(),
      member.load({ groupIds: ['sg-0shared'] }),
    ]);
    await member.remove({ groupIds: ['sg-0shared'] });

    // Assess
    expect(homeAll.groups.map((g) => g.groupName)).toEqual(['web']);
    expect(memberAll.groups.map((g) => g.groupName)).toEqual(['member-web']);
    expect(memberOne.groups.map((g) => g.groupName)).toEqual(['member-web']);
    expect((await home.load({ groupIds: ['sg-0shared'] })).groups).toHaveLength(1);
    expect((await member.load({ groupIds: ['sg-0shared'] })).groups).toHaveLength(0);
  });
  it('lists every account/region that saved state, for the sweep, without the home partition', async () => {
    // Prepare
    const { state } = await db.freshTables();
    const cache = (scope?: string) => new DynamoDbStateCache({ client: db.client, tableName: state, ...(scope && { scope }) });
    const web = group('sg-0web', { name: 'web', rules: [defaultEgress()] });
    await cache().save({ groups: [web], enis: [], nacls: [] });
    await cache('210987654321/us-east-1').save({ groups: [web], enis: [], nacls: [] });
    await cache('210987654321/eu-west-1').save({ groups: [web], enis: [], nacls: [] });
    await cache('210987654321/eu-west-1').save({ groups: [web], enis: [], nacls: [] });
    await cache('333333333333/eu-west-1').save({ groups: [], enis: [], nacls: [] });

    // Act
    const scopes = await cache().listScopes();

    // Assess: listed once each, sorted; a partition that never held state is not listed
    expect(scopes).toEqual(['210987654321/eu-west-1', '210987654321/us-east-1']);
    expect((await cache('210987654321/eu-west-1').loadAll()).groups).toHaveLength(1);
  });
});
