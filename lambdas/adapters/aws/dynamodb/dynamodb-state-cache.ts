import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { CachedIds, CachedState, StateCache } from '../../../app/ports';
import { batchGetAll, batchWriteAll, type RetryPolicy } from './dynamodb-batch';
import { queryAll } from './dynamodb-query';
import {
  COVERAGE_KIND,
  itemsOf,
  keysOf,
  SCOPE_KIND,
  STATE_KINDS,
  scopedKind,
  scopeMarker,
  stateOf,
} from './dynamodb-state-items';
import { STATE_TABLE } from './table-schemas';

/** IAM actions on the state table and its `byKind` index (Query needs `<table arn>/index/byKind`). */
export const STATE_CACHE_IAM_ACTIONS = [
  'dynamodb:BatchGetItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:Query',
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

/**
 * Last-known state in the table described by STATE_TABLE. Objects are stored as their JSON and read
 * back deep-equal (properties whose value is `undefined` are dropped, as JSON does).
 */
export class DynamoDbStateCache implements StateCache {
  readonly #client: DynamoDBClient;
  readonly #tableName: string;
  readonly #clock: () => Date;
  readonly #retry: RetryPolicy | undefined;
  readonly #scope: string | undefined;
  #marked = false;

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

  /** Queries the `byKind` index once per kind and once for the coverage (eventually consistent, like any GSI read). */
  async loadAll(): Promise<CachedState> {
    const kinds = [...STATE_KINDS.map(({ kind }) => kind), COVERAGE_KIND] as const;
    const perKind = await Promise.all(kinds.map((kind) => this.#itemsOfKind(scopedKind(kind, this.#scope))));
    return stateOf(perKind.flat(), this.#scope);
  }

  /** Throws JsonAttributeError, before writing anything, if one object is too large even compressed. */
  async save(state: CachedState): Promise<void> {
    const updatedAt = this.#clock().toISOString();
    const items = itemsOf(state, updatedAt, this.#scope);
    const marking = !!this.#scope && !this.#marked && items.length > 0;
    if (marking) items.push(scopeMarker(this.#scope!, updatedAt));
    const requests = items.map((Item) => ({ PutRequest: { Item } }));
    await batchWriteAll(this.#client, this.#tableName, requests, this.#retry);
    // The marker never changes meaning: written once per instance, not with every event's state.
    if (marking) this.#marked = true;
  }

  /** Every `<account>/<region>` partition that has saved state (the home partition is not listed). */
  async listScopes(): Promise<string[]> {
    const items = await this.#itemsOfKind(SCOPE_KIND);
    return items.flatMap((item) => (item.scope?.S ? [item.scope.S] : [])).sort();
  }

  /** Every item whose `kind` is this one, through the `byKind` index. */
  #itemsOfKind(kind: string) {
    const index = STATE_TABLE.globalSecondaryIndexes[0];
    return queryAll(this.#client, {
      TableName: this.#tableName,
      IndexName: index.indexName,
      KeyConditionExpression: '#kind = :kind',
      ExpressionAttributeNames: { '#kind': index.partitionKey.name },
      ExpressionAttributeValues: { ':kind': { S: kind } },
    });
  }

  async remove(ids: CachedIds): Promise<void> {
    const requests = keysOf(ids, this.#scope).map((Key) => ({ DeleteRequest: { Key } }));
    await batchWriteAll(this.#client, this.#tableName, requests, this.#retry);
  }
}
