import { createHash } from 'node:crypto';
import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { EventInProgressError } from '../../../app/ledger';
import type { EventLedger, LedgerClaim, LedgerProgress } from '../../../app/ledger-ports';
import { batchWriteTables, holdWrites, type Item, type RetryPolicy } from './dynamodb-batch';
import { decodeJson, encodeJson, JsonAttributeError } from './dynamodb-json-codec';

/**
 * IAM actions on the ledger table: UpdateItem (claim, progress), GetItem (reading back a claim that
 * was refused), BatchWriteItem (the completion, sent with the audit and state writes).
 */
export const EVENT_LEDGER_IAM_ACTIONS = ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'] as const;

/** EventBridge retries delivery for up to 24 hours; remember an event at least that long. */
export const DEFAULT_LEDGER_SECONDS = 24 * 3600;

const PROGRESS = { plain: 'progress', gzip: 'progressGzip' } as const;
const IN_PROGRESS = 'in-progress';
const COMPLETED = 'completed';
/** eventIDs longer than this are keyed by their SHA-256 (a partition key holds at most 2048 bytes). */
const MAX_ID_BYTES = 1_000;

export interface DynamoDbEventLedgerOptions {
  readonly client: DynamoDBClient;
  /** A table shaped like IDEMPOTENCY_TABLE (key `id`, TTL `expiration`). */
  readonly tableName: string;
  readonly expiresAfterSeconds?: number;
  readonly clock?: () => Date;
  readonly retry?: RetryPolicy;
}

/**
 * The event ledger in the idempotency table, one item per CloudTrail event: `id` (`event#<eventID>`),
 * `status` (in-progress | completed), `leaseUntil` (epoch ms: who claims it owns it until then; 0 =
 * released), `progress` (JSON, gzipped in `progressGzip` when large), `result` (JSON, once completed)
 * and `expiration` (epoch s, the TTL). The claim is an UpdateItem, not a PutItem, so that a run taking
 * over an expired or released claim keeps (and is told) what earlier runs did.
 */
export class DynamoDbEventLedger implements EventLedger {
  readonly #options: DynamoDbEventLedgerOptions;
  readonly #clock: () => Date;

  constructor(options: DynamoDbEventLedgerOptions) {
    this.#options = options;
    this.#clock = options.clock ?? (() => new Date());
  }

  async claim(eventId: string, leaseUntil: Date): Promise<LedgerClaim> {
    const now = this.#clock();
    try {
      const out = await this.#options.client.send(
        new UpdateItemCommand({
          TableName: this.#options.tableName,
          Key: ledgerKey(eventId),
          UpdateExpression: 'SET #status = :inProgress, leaseUntil = :lease, expiration = if_not_exists(expiration, :expiration)',
          ConditionExpression: 'attribute_not_exists(id) OR (#status = :inProgress AND leaseUntil < :now)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':inProgress': { S: IN_PROGRESS },
            ':lease': { N: String(leaseUntil.getTime()) },
            ':now': { N: String(now.getTime()) },
            ':expiration': { N: String(this.#expiration(now)) },
          },
          ReturnValues: 'ALL_OLD',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { status: 'claimed', progress: progressOf(out.Attributes, eventId) };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const held = error.Item ?? (await this.#read(eventId));
      if (held?.status?.S === COMPLETED) return { status: 'completed', result: JSON.parse(held.result?.S ?? 'null') };
      const lease = held?.leaseUntil?.N;
      throw new EventInProgressError(eventId, lease ? new Date(Number(lease)) : undefined);
    }
  }

  async record(eventId: string, progress: LedgerProgress, options: { release: boolean }): Promise<void> {
    const encoded = encodeProgress(progress, eventId);
    const [name, value] = Object.entries(encoded)[0]!;
    const other = name === PROGRESS.plain ? PROGRESS.gzip : PROGRESS.plain;
    await this.#options.client.send(
      new UpdateItemCommand({
        TableName: this.#options.tableName,
        Key: ledgerKey(eventId),
        UpdateExpression:
          `SET #status = :inProgress, #progress = :progress, expiration = if_not_exists(expiration, :expiration)` +
          `${options.release ? ', leaseUntil = :released' : ''} REMOVE #other`,
        ExpressionAttributeNames: { '#status': 'status', '#progress': name, '#other': other },
        ExpressionAttributeValues: {
          ':inProgress': { S: IN_PROGRESS },
          ':progress': value,
          ':expiration': { N: String(this.#expiration(this.#clock())) },
          ...(options.release && { ':released': { N: '0' } }),
        },
      }),
    );
  }

  async complete(
    eventId: string,
    done: { progress: LedgerProgress; result: unknown },
    writes: () => Promise<void>,
  ): Promise<void> {
    const held = await holdWrites(writes);
    const item: Item = {
      ...ledgerKey(eventId),
      status: { S: COMPLETED },
      leaseUntil: { N: '0' },
      expiration: { N: String(this.#expiration(this.#clock())) },
      result: { S: JSON.stringify(done.result ?? null) },
      ...encodeProgress(done.progress, eventId),
    };
    (held[this.#options.tableName] ??= []).push({ PutRequest: { Item: item } });
    await batchWriteTables(this.#options.client, held, this.#options.retry);
  }

  async #read(eventId: string): Promise<Item | undefined> {
    const out = await this.#options.client.send(
      new GetItemCommand({ TableName: this.#options.tableName, Key: ledgerKey(eventId), ConsistentRead: true }),
    );
    return out.Item;
  }

  #expiration(now: Date): number {
    return Math.floor(now.getTime() / 1000) + (this.#options.expiresAfterSeconds ?? DEFAULT_LEDGER_SECONDS);
  }
}

/** `event#<eventID>`, or `event#sha256:<hex>` for an eventID too long to be a key. */
export function ledgerKey(eventId: string): Item {
  const id =
    Buffer.byteLength(eventId, 'utf8') > MAX_ID_BYTES
      ? `sha256:${createHash('sha256').update(eventId).digest('hex')}`
      : eventId;
  return { id: { S: `event#${id}` } };
}

function progressOf(item: Item | undefined, eventId: string): LedgerProgress {
  if (!item || (!item[PROGRESS.plain] && !item[PROGRESS.gzip])) return {};
  return decodeJson(item, PROGRESS, `ledger progress of ${eventId}`) as LedgerProgress;
}

/**
 * The progress as an attribute; a verdict too large for one item even gzipped is left out (a resumed
 * run then judges again; the revert and channels done are kept, which is what prevents repeats).
 */
function encodeProgress(progress: LedgerProgress, eventId: string): Item {
  try {
    return encodeJson(progress, PROGRESS, `ledger progress of ${eventId}`);
  } catch (error) {
    if (!(error instanceof JsonAttributeError)) throw error;
    const { verdict: _tooLarge, ...rest } = progress;
    return encodeJson(rest, PROGRESS, `ledger progress of ${eventId}`);
  }
}
