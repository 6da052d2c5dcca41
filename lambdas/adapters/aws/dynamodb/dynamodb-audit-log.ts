import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AuditEntry, AuditLog } from '../../../app/ports';
import { batchWriteAll, type Item, type RetryPolicy } from './dynamodb-batch';
import { decodeJson, encodeJson } from './dynamodb-json-codec';
import { queryAll } from './dynamodb-query';

/** IAM actions on the audit table. */
export const AUDIT_LOG_IAM_ACTIONS = ['dynamodb:BatchWriteItem', 'dynamodb:Query'] as const;

export const DEFAULT_AUDIT_TTL_DAYS = 365;
export const DEFAULT_AUDIT_LIMIT = 50;

const ENTRY = { plain: 'entry', gzip: 'entryGzip' } as const;
const DAY_SECONDS = 86_400;

export class AuditLogError extends Error {
  override readonly name = 'AuditLogError';
}

export interface DynamoDbAuditLogOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** Items expire (DynamoDB TTL on `expiresAt`) this many days after being recorded; default 365. */
  readonly ttlDays?: number;
  readonly clock?: () => Date;
  readonly retry?: RetryPolicy;
}

/**
 * The audit trail in the table described by AUDIT_TABLE: one item per event and one per group the
 * entry touched, each holding the whole entry. Written with BatchWriteItem (dynalite, used in tests,
 * has no TransactWriteItems): a partial failure throws and a retry rewrites the same keys.
 */
export class DynamoDbAuditLog implements AuditLog {
  readonly #options: DynamoDbAuditLogOptions;
  readonly #ttlSeconds: number;

  constructor(options: DynamoDbAuditLogOptions) {
    const ttlDays = options.ttlDays ?? DEFAULT_AUDIT_TTL_DAYS;
    if (!(ttlDays > 0)) throw new AuditLogError(`ttlDays must be positive, got ${ttlDays}`);
    this.#options = options;
    this.#ttlSeconds = Math.round(ttlDays * DAY_SECONDS);
  }

  async record(entry: AuditEntry): Promise<void> {
    const at = sortableTime(entry.recordedAt, entry.eventId);
    const now = (this.#options.clock ?? (() => new Date()))();
    const common: Item = {
      eventId: { S: entry.eventId },
      expiresAt: { N: String(Math.floor(now.getTime() / 1000) + this.#ttlSeconds) },
      ...encodeJson(entry, ENTRY, `audit entry ${entry.eventId}`),
    };
    const keys = [
      { pk: `event#${entry.eventId}`, sk: at },
      ...[...new Set(entry.groupIds)].map((groupId) => ({
        pk: `group#${groupId}`,
        sk: `${at}#${entry.eventId}`,
      })),
    ];
    const requests = keys.map(({ pk, sk }) => ({
      PutRequest: { Item: { pk: { S: pk }, sk: { S: sk }, ...common } },
    }));
    await batchWriteAll(this.#options.client, this.#options.tableName, requests, this.#options.retry);
  }

  /** The group's newest `limit` entries (by recordedAt), newest first. */
  async forGroup(groupId: string, limit = DEFAULT_AUDIT_LIMIT): Promise<AuditEntry[]> {
    if (!Number.isInteger(limit) || limit < 1)
      throw new AuditLogError(`limit must be a positive integer, got ${limit}`);
    const items = await queryAll(
      this.#options.client,
      {
        TableName: this.#options.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: `group#${groupId}` } },
        ScanIndexForward: false,
        ConsistentRead: true,
      },
      limit,
    );
    return items.map((item) => decodeJson(item, ENTRY, `audit item ${item.sk?.S ?? '?'}`) as AuditEntry);
  }
}

/** recordedAt as a UTC ISO string of fixed shape, so sort keys order chronologically. */
function sortableTime(recordedAt: string, eventId: string): string {
  const time = new Date(recordedAt);
  if (Number.isNaN(time.getTime()))
    throw new AuditLogError(`audit entry ${eventId}: recordedAt "${recordedAt}" is not a date`);
  return time.toISOString();
}
