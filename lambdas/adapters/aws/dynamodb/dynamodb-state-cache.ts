import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { CachedIds, CachedState, StateCache } from '../../../app/ports';
import { batchGetAll, batchWriteAll, type Item, type RetryPolicy } from './dynamodb-batch';
import { queryAll } from './dynamodb-query';
import {
  COVERAGE_KIND,
  coverageKey,
  hasScopeLayout,
  itemsOf,
  keysOf,
  LAYOUT_ATTRIBUTE,
  SCOPE_ATTRIBUTE,
  SCOPE_KIND,
  SCOPE_LAYOUT,
  STATE_KINDS,
  scopedKind,
  scopeMarker,
  scopeValue,
  stateOf,
} from './dynamodb-state-items';
import { STATE_TABLE } from './table-schemas';

/**
 * IAM actions on the state table and its indexes (Query needs `<table arn>/index/byScope` and
 * `index/byKind`; Table.grant names them as `index/*`). UpdateItem marks the coverage item once a
 * scope is migrated to the byScope layout.
 */
export const STATE_CACHE_IAM_ACTIONS = [
  'dynamodb:BatchGetItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:Query',
  'dynamodb:UpdateItem',
] as const;

export interface DynamoDbStateCacheOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** Stamps `updatedAt`; defaults to the system clock. */
  readonly clock?: () => Date;
  /** Retries of unprocessed keys / items; defaults to DEFAULT_RETRY. */
  readonly retry?: RetryPolicy;
  /** `<account>/<region>` for a member account's state; the home account has none. */
  readonly scope?: string;
}

const index = (name: 'byKind' | 'byScope') => STATE_TABLE.globalSecondaryIndexes.find((i) => i.indexName === name)!;

/**
 * Last-known state in the table described by STATE_TABLE. Objects are stored as their JSON and read
 * back deep-equal (properties whose value is `undefined` are dropped, as JSON does).
 *
 * loadAll reads the scope with one Query of the byScope index when the scope's coverage item says
 * every item carries `stateScope` (layout 2), else per kind through byKind (a table written before).
 * Migration, without ever rewriting an item it did not mean to save: the per-kind read notes which
 * items lack `stateScope`; saves rewrite items with it, removes delete them; once a full save (one with
 * coverage: the sweep, a cold start's full read) was made and none of those is left, the coverage item
 * is marked — one conditional UpdateItem, only if it is still the one this instance wrote. From then on
 * full saves write the mark with the coverage. An item written by an older version of the code after
 * the mark (during a deployment, or after a rollback) lacks `stateScope` and is missed by loadAll until
 * it is saved again: the sweep sees it as drift (notified, never reverted) and rewrites it.
 */
export class DynamoDbStateCache implements StateCache {
  readonly #client: DynamoDBClient;
  readonly #tableName: string;
  readonly #clock: () => Date;
  readonly #retry: RetryPolicy | undefined;
  readonly #scope: string | undefined;
  #marked = false;
  /** The scope is read through byScope (its coverage item carries the layout, or nothing lacks stateScope). */
  #byScope = false;
  /** Keys of items the last per-kind loadAll found without stateScope, less those saved or removed since. */
  #unscoped: Set<string> | undefined;
  /** `updatedAt` of the unmarked coverage item this instance last saved. */
  #unmarkedCoverageAt: string | undefined;

  constructor(options: DynamoDbStateCacheOptions) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#clock = options.clock ?? (() => new Date());
    this.#retry = options.retry;
    this.#scope = options.scope;
  }

  async load(ids: CachedIds): Promise<CachedState> {
    const items = await batchGetAll(this.#client, this.#tableName, keysOf(ids, this.#scope), {
      consistentRead: true,
      ...(this.#retry && { retry: this.#retry }),
    });
    return stateOf(items, this.#scope);
  }

  /**
   * One Query of the byScope index (page by page); per kind through byKind (8 Queries) when the scope
   * is not marked as written that way or the index is missing or backfilling. Eventually consistent,
   * like any index read.
   */
  async loadAll(): Promise<CachedState> {
    const scoped = await this.#itemsOfScope();
    if (scoped && hasScopeLayout(scoped, this.#scope)) {
      this.#byScope = true;
      this.#unscoped = new Set();
      return stateOf(scoped, this.#scope);
    }
    const kinds = [...STATE_KINDS.map(({ kind }) => kind), COVERAGE_KIND] as const;
    const items = (await Promise.all(kinds.map((kind) => this.#itemsOfKind(scopedKind(kind, this.#scope))))).flat();
    this.#unscoped = new Set(items.filter((item) => !item[SCOPE_ATTRIBUTE]).map((item) => item.pk!.S!));
    this.#byScope = this.#unscoped.size === 0;
    this.#unmarkedCoverageAt = undefined;
    return stateOf(items, this.#scope);
  }

  /** Throws JsonAttributeError, before writing anything, if one object is too large even compressed. */
  async save(state: CachedState): Promise<void> {
    const updatedAt = this.#clock().toISOString();
    const items = itemsOf(state, updatedAt, this.#scope, this.#byScope);
    const marking = !!this.#scope && !this.#marked && items.length > 0;
    if (marking) items.push(scopeMarker(this.#scope!, updatedAt));
    const requests = items.map((Item) => ({ PutRequest: { Item } }));
    await batchWriteAll(this.#client, this.#tableName, requests, this.#retry);
    // The marker never changes meaning: written once per instance, not with every event's state.
    if (marking) this.#marked = true;
    for (const item of items) this.#unscoped?.delete(item.pk!.S!);
    if (state.coverage && !this.#byScope) {
      this.#unmarkedCoverageAt = updatedAt;
      await this.#markWhenMigrated();
    }
  }

  /** Every `<account>/<region>` partition that has saved state (the home partition is not listed). */
  async listScopes(): Promise<string[]> {
    const items = await this.#itemsOfKind(SCOPE_KIND);
    return items.flatMap((item) => (item.scope?.S ? [item.scope.S] : [])).sort();
  }

  async remove(ids: CachedIds): Promise<void> {
    const keys = keysOf(ids, this.#scope);
    const requests = keys.map((Key) => ({ DeleteRequest: { Key } }));
    await batchWriteAll(this.#client, this.#tableName, requests, this.#retry);
    for (const key of keys) this.#unscoped?.delete(key.pk!.S!);
    await this.#markWhenMigrated();
  }

  /**
   * Marks the coverage item this instance saved with the byScope layout once no item read without
   * stateScope is left; conditional on its `updatedAt`, so a coverage another container saved since,
   * or a write still held (holdWrites), is never marked on this instance's word.
   */
  async #markWhenMigrated(): Promise<void> {
    const at = this.#unmarkedCoverageAt;
    if (this.#byScope || at === undefined || this.#unscoped === undefined || this.#unscoped.size > 0) return;
    this.#unmarkedCoverageAt = undefined;
    try {
      await this.#client.send(
        new UpdateItemCommand({
          TableName: this.#tableName,
          Key: { pk: { S: coverageKey(this.#scope) } },
          UpdateExpression: 'SET #layout = :layout',
          ConditionExpression: '#updatedAt = :at',
          ExpressionAttributeNames: { '#layout': LAYOUT_ATTRIBUTE, '#updatedAt': 'updatedAt' },
          ExpressionAttributeValues: { ':layout': { N: String(SCOPE_LAYOUT) }, ':at': { S: at } },
        }),
      );
      this.#byScope = true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /** Every item of the scope through the byScope index; undefined when the index cannot be read yet. */
  async #itemsOfScope(): Promise<Item[] | undefined> {
    const { indexName, partitionKey } = index('byScope');
    try {
      return await queryAll(this.#client, {
        TableName: this.#tableName,
        IndexName: indexName,
        KeyConditionExpression: '#scope = :scope',
        ExpressionAttributeNames: { '#scope': partitionKey.name },
        ExpressionAttributeValues: { ':scope': { S: scopeValue(this.#scope) } },
      });
    } catch (error) {
      if (isMissingIndex(error)) return undefined;
      throw error;
    }
  }

  /** Every item whose `kind` is this one, through the `byKind` index. */
  #itemsOfKind(kind: string): Promise<Item[]> {
    const { indexName, partitionKey } = index('byKind');
    return queryAll(this.#client, {
      TableName: this.#tableName,
      IndexName: indexName,
      KeyConditionExpression: '#kind = :kind',
      ExpressionAttributeNames: { '#kind': partitionKey.name },
      ExpressionAttributeValues: { ':kind': { S: kind } },
    });
  }
}

/**
 * DynamoDB's answer to a Query of an index the table does not have (yet: a stack not updated) or is
 * still backfilling: "The table does not have the specified index", "Cannot read from backfilling
 * global secondary index".
 */
function isMissingIndex(error: unknown): boolean {
  return (
    error instanceof Error &&
    error.name === 'ValidationException' &&
    /specified index|backfilling/i.test(error.message)
  );
}
