import { CreateTableCommand, type DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { batchWriteAll } from '../../../../lambdas/adapters/aws/dynamodb/dynamodb-batch';
import { DynamoDbStateCache } from '../../../../lambdas/adapters/aws/dynamodb/dynamodb-state-cache';
import { itemsOf, SCOPE_ATTRIBUTE } from '../../../../lambdas/adapters/aws/dynamodb/dynamodb-state-items';
import { createTableInput, STATE_TABLE } from '../../../../lambdas/adapters/aws/dynamodb/table-schemas';
import type { CachedState } from '../../../../lambdas/app/ports';
import { cidrPeer, defaultEgress, eni, group, ingress, nacl, openEntries } from '../../../core/support/builders';
import { type Dynalite, startDynalite } from '../../../support/dynalite';
import { instance, launchTemplate, prefixList, templateVersion } from '../../../support/workloads';

let db: Dynalite;
beforeAll(async () => {
  db = await startDynalite();
});
afterAll(async () => {
  await db.close();
});

const MEMBER = '210987654321/eu-west-1';
const COVERAGE = { prefixLists: true, instances: true, launchTemplates: true };

function fullState(): CachedState {
  const web = eni('eni-web', { subnetId: 'subnet-a', ip: '10.0.1.20', groupIds: ['sg-0web'], instanceId: 'i-web' });
  return {
    groups: [
      group('sg-0web', { rules: [ingress('tcp', 443, 443, cidrPeer('0.0.0.0/0')), defaultEgress()] }),
      group('sg-0db', { rules: [defaultEgress()] }),
    ],
    enis: [web],
    nacls: [nacl('acl-1', ['subnet-a'], openEntries())],
    instances: [instance('i-web', [web])],
    prefixLists: [prefixList('pl-0office', ['198.51.100.0/24'])],
    launchTemplates: [launchTemplate('lt-0web', 1, 1)],
    launchTemplateVersions: [templateVersion('lt-0web', 1, [['sg-0web']], { isDefault: true })],
    coverage: COVERAGE,
  };
}

const cacheOn = (tableName: string, scope?: string, at = '2026-12-02T10:00:00Z') =>
  new DynamoDbStateCache({ client: db.client, tableName, clock: () => new Date(at), ...(scope && { scope }) });

/** Writes a state as the code before byScope did: the same items, without `stateScope` (nor a layout mark). */
async function writeOldLayout(tableName: string, state: CachedState, scope?: string) {
  const items = itemsOf(state, '2026-11-01T00:00:00.000Z', scope).map(({ [SCOPE_ATTRIBUTE]: _, ...item }) => item);
  await batchWriteAll(db.client, tableName, items.map((Item) => ({ PutRequest: { Item } })));
}

/** A cache written by a cold start or the sweep after a loadAll: marked with the byScope layout. */
async function migratedTable(scopes: (string | undefined)[] = [undefined]) {
  const { state } = await db.freshTables();
  for (const scope of scopes) {
    const cache = cacheOn(state, scope);
    await cache.loadAll();
    await cache.save(fullState());
  }
  return state;
}

/** Runs `work` and returns the requests it sent: command names, with the index of each Query. */
async function requestsOf(client: DynamoDBClient, work: () => Promise<unknown>) {
  const send = vi.spyOn(client, 'send');
  try {
    await work();
    return send.mock.calls.map(([c]) => (c instanceof QueryCommand ? `Query:${c.input.IndexName}` : c.constructor.name));
  } finally {
    send.mockRestore();
  }
}

const sorted = (state: CachedState) => ({
  ...state,
  groups: [...state.groups].sort((a, b) => a.groupId.localeCompare(b.groupId)),
});

describe('DynamoDbStateCache byScope layout', () => {
  it('loads a marked scope, every kind and the coverage, with one Query of byScope', async () => {
    // Prepare
    const table = await migratedTable();

    // Act
    let all: CachedState | undefined;
    const requests = await requestsOf(db.client, async () => {
      all = await cacheOn(table).loadAll();
    });

    // Assess
    expect(requests).toEqual(['Query:byScope']);
    expect(all).toStrictEqual(sorted(fullState()));
  });

  it('reads a table written before byScope per kind, then reads it in one Query once the sweep rewrote it', async () => {
    // Prepare: the old layout, with one group the account no longer has
    const { state: table } = await db.freshTables();
    const old = { ...fullState(), groups: [...fullState().groups, group('sg-0gone')] };
    await writeOldLayout(table, old);
    const sweep = cacheOn(table, undefined, '2026-12-02T11:00:00Z');

    // Act: the sweep's calls (loadAll, save the live state, remove what is gone)
    const before = await requestsOf(db.client, () => sweep.loadAll());
    const loadedBefore = await cacheOn(table).loadAll();
    await sweep.save(fullState());
    const afterSave = await requestsOf(db.client, () => cacheOn(table).loadAll());
    const removing = await requestsOf(db.client, () => sweep.remove({ groupIds: ['sg-0gone'] }));
    let loadedAfter: CachedState | undefined;
    const after = await requestsOf(db.client, async () => {
      loadedAfter = await cacheOn(table).loadAll();
    });

    // Assess
    expect(before).toEqual(['Query:byScope', ...Array(8).fill('Query:byKind')]);
    expect(loadedBefore).toStrictEqual(sorted(old));
    expect(afterSave).toHaveLength(9); // sg-0gone still lacks stateScope: not marked yet
    expect(removing).toEqual(['BatchWriteItemCommand', 'UpdateItemCommand']);
    expect(after).toEqual(['Query:byScope']);
    expect(loadedAfter).toStrictEqual(sorted(fullState()));
  });

  it('reads per kind while the table has no byScope index yet (a stack not updated)', async () => {
    // Prepare
    const table = `state-no-byscope-${Date.now()}`;
    const schema = { ...STATE_TABLE, globalSecondaryIndexes: [STATE_TABLE.globalSecondaryIndexes[0]] };
    await db.client.send(new CreateTableCommand(createTableInput(schema, table)));
    await writeOldLayout(table, fullState());

    // Act
    const all = await cacheOn(table).loadAll();

    // Assess
    expect(all).toStrictEqual(sorted(fullState()));
  });

  it('never marks a coverage another container saved since (the mark is conditional)', async () => {
    // Prepare: this instance saves at 11:00 with one old item left; another saves coverage at 12:00
    const { state: table } = await db.freshTables();
    await writeOldLayout(table, { groups: [group('sg-0gone')], enis: [], nacls: [] });
    const sweep = cacheOn(table, undefined, '2026-12-02T11:00:00Z');
    await sweep.loadAll();
    await sweep.save(fullState());
    await cacheOn(table, undefined, '2026-12-02T12:00:00Z').save(fullState());

    // Act
    await sweep.remove({ groupIds: ['sg-0gone'] });
    const raw = await db.client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'coverage#layers' } } }));
    const requests = await requestsOf(db.client, () => cacheOn(table).loadAll());

    // Assess
    expect(raw.Item?.updatedAt?.S).toBe('2026-12-02T12:00:00.000Z');
    expect(raw.Item?.layout).toBeUndefined();
    expect(requests).toHaveLength(9);
  });

  it('keeps the mark through later full saves and finds what events saved or removed since', async () => {
    // Prepare
    const table = await migratedTable();
    const events = cacheOn(table);
    await events.loadAll();

    // Act: an event's commit (no coverage), a removal, then another full save by another container
    await events.save({ groups: [group('sg-0new')], enis: [], nacls: [] });
    await events.remove({ groupIds: ['sg-0db'], naclIds: ['acl-1'] });
    const reader = cacheOn(table);
    await reader.loadAll();
    await reader.save({ ...fullState(), groups: [], enis: [], nacls: [] });
    let all: CachedState | undefined;
    const requests = await requestsOf(db.client, async () => {
      all = await cacheOn(table).loadAll();
    });
    const one = await events.load({ groupIds: ['sg-0new', 'sg-0db', 'sg-0web'] });

    // Assess: loadAll and the consistent load by id agree
    expect(requests).toEqual(['Query:byScope']);
    expect(all?.groups.map((g) => g.groupId)).toEqual(['sg-0new', 'sg-0web']);
    expect(all?.nacls).toEqual([]);
    expect(one.groups).toStrictEqual(all?.groups);
  });

  it('keeps the items of two containers saving at once', async () => {
    // Prepare
    const table = await migratedTable();
    const [a, b] = [cacheOn(table), cacheOn(table)];
    await Promise.all([a.loadAll(), b.loadAll()]);

    // Act
    await Promise.all([
      a.save({ groups: [group('sg-0a1'), group('sg-0a2')], enis: [], nacls: [] }),
      b.save({ groups: [group('sg-0b1')], enis: [], nacls: [] }),
    ]);
    const all = await cacheOn(table).loadAll();

    // Assess
    expect(all.groups.map((g) => g.groupId)).toEqual(['sg-0a1', 'sg-0a2', 'sg-0b1', 'sg-0db', 'sg-0web']);
  });

  it('keeps the home scope and each member scope in their own byScope partitions', async () => {
    // Prepare
    const table = await migratedTable([undefined, MEMBER, '210987654321/us-east-1']);
    const member = cacheOn(table, MEMBER);
    await member.loadAll();
    await member.save({ groups: [group('sg-0memberonly')], enis: [], nacls: [] });

    // Act
    await member.remove({ groupIds: ['sg-0web'] });
    const [home, memberAll] = [await cacheOn(table).loadAll(), await cacheOn(table, MEMBER).loadAll()];
    const requests = await requestsOf(db.client, () => cacheOn(table, MEMBER).loadAll());

    // Assess
    expect(requests).toEqual(['Query:byScope']);
    expect(home).toStrictEqual(sorted(fullState()));
    expect(memberAll.groups.map((g) => g.groupId)).toEqual(['sg-0db', 'sg-0memberonly']);
    expect(memberAll.coverage).toStrictEqual(COVERAGE);
    expect(await cacheOn(table).listScopes()).toEqual(['210987654321/eu-west-1', '210987654321/us-east-1']);
  });
});
