import { AsyncLocalStorage } from 'node:async_hooks';
import {
  type AttributeValue,
  BatchGetItemCommand,
  BatchWriteItemCommand,
  type DynamoDBClient,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';

/** A DynamoDB item or key in the low-level attribute-value form. */
export type Item = Record<string, AttributeValue>;

/** DynamoDB's per-request limits. */
export const BATCH_GET_LIMIT = 100;
export const BATCH_WRITE_LIMIT = 25;

/** How often and how patiently unprocessed keys / items are retried (exponential backoff). */
export interface RetryPolicy {
  /** Requests per chunk, the first included. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 8, baseDelayMs: 25, maxDelayMs: 1_000 };

/** DynamoDB kept returning unprocessed keys or items after every retry. */
export class BatchRetryError extends Error {
  override readonly name = 'BatchRetryError';
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** BatchGetItem in chunks of 100, retrying UnprocessedKeys; items come back in no particular order. */
export async function batchGetAll(
  client: DynamoDBClient,
  tableName: string,
  keys: readonly Item[],
  options: { consistentRead: boolean; retry?: RetryPolicy },
): Promise<Item[]> {
  const found: Item[] = [];
  for (const part of chunk(keys, BATCH_GET_LIMIT)) {
    await withRetries(
      options.retry ?? DEFAULT_RETRY,
      part,
      `BatchGetItem on ${tableName}`,
      async (pending) => {
        const out = await client.send(
          new BatchGetItemCommand({
            RequestItems: { [tableName]: { Keys: pending, ConsistentRead: options.consistentRead } },
          }),
        );
        found.push(...(out.Responses?.[tableName] ?? []));
        return out.UnprocessedKeys?.[tableName]?.Keys ?? [];
      },
    );
  }
  return found;
}

/** Write requests by table name: one BatchWriteItem may write to several tables. */
export type TableWrites = Record<string, WriteRequest[]>;

const held = new AsyncLocalStorage<TableWrites>();
let holding = 0;

/**
 * Runs `work` and returns the batch writes it made, held instead of sent (any store writing through
 * batchWriteAll in `work`'s async context: the audit log, the state caches), so that the caller sends
 * them together with its own (batchWriteTables): the end of an event in one request.
 *
 * The storage is disabled again once no hold is running: an enabled AsyncLocalStorage keeps Node's
 * promise hooks on for the whole process, which every later promise (the SDK's middleware) pays for.
 */
export async function holdWrites(work: () => Promise<void>): Promise<TableWrites> {
  const writes: TableWrites = {};
  holding++;
  try {
    await held.run(writes, work);
  } finally {
    if (--holding === 0) held.disable();
  }
  return writes;
}

/** BatchWriteItem (puts and deletes) in chunks of 25, retrying UnprocessedItems. Not atomic. Held inside holdWrites. */
export async function batchWriteAll(
  client: DynamoDBClient,
  tableName: string,
  requests: readonly WriteRequest[],
  retry: RetryPolicy = DEFAULT_RETRY,
): Promise<void> {
  const holding = held.getStore();
  if (holding) {
    (holding[tableName] ??= []).push(...requests);
    return;
  }
  await batchWriteTables(client, { [tableName]: [...requests] }, retry);
}

/**
 * BatchWriteItem across tables in requests of at most 25 writes, retrying UnprocessedItems (of any
 * table) with backoff. Not atomic: a failure after all retries throws BatchRetryError, some writes done.
 */
export async function batchWriteTables(
  client: DynamoDBClient,
  writes: TableWrites,
  retry: RetryPolicy = DEFAULT_RETRY,
): Promise<void> {
  const all = Object.entries(writes).flatMap(([table, requests]) => requests.map((request) => ({ table, request })));
  const tables = Object.keys(writes).join(', ');
  for (const part of chunk(all, BATCH_WRITE_LIMIT)) {
    await withRetries(retry, part, `BatchWriteItem on ${tables}`, async (pending) => {
      const RequestItems: TableWrites = {};
      for (const { table, request } of pending) (RequestItems[table] ??= []).push(request);
      const out = await client.send(new BatchWriteItemCommand({ RequestItems }));
      return Object.entries(out.UnprocessedItems ?? {}).flatMap(([table, requests]) =>
        requests.map((request) => ({ table, request })),
      );
    });
  }
}

/** Sends `first`, then whatever came back unprocessed, with exponential backoff between attempts. */
async function withRetries<T>(
  retry: RetryPolicy,
  first: T[],
  what: string,
  send: (pending: T[]) => Promise<T[]>,
): Promise<void> {
  let pending = first;
  for (let attempt = 1; pending.length > 0; attempt++) {
    if (attempt > retry.attempts)
      throw new BatchRetryError(
        `${what}: ${pending.length} still unprocessed after ${retry.attempts} attempts`,
      );
    if (attempt > 1) await sleep(Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 2)));
    pending = await send(pending);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
