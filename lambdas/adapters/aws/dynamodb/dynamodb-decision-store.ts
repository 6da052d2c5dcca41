import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { Decision, DecisionStatus, DecisionStore, DecisionTransition } from '../../../app/ports';
import { batchGetAll, type Item, type RetryPolicy } from './dynamodb-batch';
import { decodeJson, encodeJson } from './dynamodb-json-codec';

/** IAM actions on the state table (decisions live there, next to the cached state). */
export const DECISION_STORE_IAM_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:BatchGetItem',
] as const;

export const DEFAULT_DECISION_TTL_DAYS = 90;

const VERDICT = { plain: 'verdict', gzip: 'verdictGzip' } as const;
const OUTCOME = { plain: 'outcome', gzip: 'outcomeGzip' } as const;
/** The one-call fix a click applies ("Apply fix"), when the decision offers one. */
const FIX = { plain: 'fix', gzip: 'fixGzip' } as const;
const DAY_SECONDS = 86_400;
/** A new alert may replace these; a kept or in-progress decision stays. */
const REPLACEABLE: readonly DecisionStatus[] = ['pending', 'reverted', 'failed'];

export interface DynamoDbDecisionStoreOptions {
  readonly client: DynamoDBClient;
  /** The state table (STATE_TABLE): items `decision#<findingId>`, kind `decision`. */
  readonly tableName: string;
  /** Items expire (TTL `expiresAt`) this many days after their last change; default 90. */
  readonly ttlDays?: number;
  readonly clock?: () => Date;
  readonly retry?: RetryPolicy;
}

/**
 * Decisions in the state table. Every status change is an UpdateItem with a ConditionExpression on
 * `status` and `eventId`, so of two simultaneous clicks exactly one moves a decision out of pending.
 */
export class DynamoDbDecisionStore implements DecisionStore {
  readonly #o: DynamoDbDecisionStoreOptions;
  readonly #ttlSeconds: number;

  constructor(options: DynamoDbDecisionStoreOptions) {
    this.#o = options;
    this.#ttlSeconds = Math.round((options.ttlDays ?? DEFAULT_DECISION_TTL_DAYS) * DAY_SECONDS);
  }

  async savePending(decision: Decision): Promise<boolean> {
    const now = this.#nowSeconds();
    const item: Item = {
      pk: { S: keyOf(decision.findingId) },
      kind: { S: 'decision' },
      findingId: { S: decision.findingId },
      eventId: { S: decision.eventId },
      status: { S: 'pending' },
      createdAt: { S: decision.createdAt },
      expiresAt: { N: String(now + this.#ttlSeconds) },
      ...encodeJson(decision.verdict, VERDICT, `decision ${decision.findingId}`),
      ...(decision.fix && encodeJson(decision.fix, FIX, `fix ${decision.findingId}`)),
    };
    const replaceable = REPLACEABLE.map((_, i) => `:r${i}`);
    const out = await conditional(() =>
      this.#o.client.send(
        new PutItemCommand({
          TableName: this.#o.tableName,
          Item: item,
          ConditionExpression: `attribute_not_exists(pk) OR #status IN (${replaceable.join(', ')}) OR expiresAt < :now`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ...Object.fromEntries(REPLACEABLE.map((s, i) => [`:r${i}`, { S: s }])),
            ':now': { N: String(now) },
          },
        }),
      ),
    );
    return out !== undefined;
  }

  async get(findingId: string): Promise<Decision | undefined> {
    const out = await this.#o.client.send(
      new GetItemCommand({
        TableName: this.#o.tableName,
        Key: { pk: { S: keyOf(findingId) } },
        ConsistentRead: true,
      }),
    );
    return out.Item && this.#live(out.Item) ? decisionOf(out.Item) : undefined;
  }

  async transition(findingId: string, move: DecisionTransition): Promise<Decision | undefined> {
    const values: Item = {
      ':eventId': { S: move.eventId },
      ':to': { S: move.to },
      ':at': { S: move.at },
      ':expiresAt': { N: String(this.#nowSeconds() + this.#ttlSeconds) },
      ...Object.fromEntries(move.from.map((s, i) => [`:f${i}`, { S: s }])),
    };
    const sets = ['#status = :to', 'decidedAt = :at', 'expiresAt = :expiresAt'];
    if (move.decidedBy !== undefined) {
      sets.push('decidedBy = :by');
      values[':by'] = { S: move.decidedBy };
    }
    // A move without an outcome (a new claim) clears the last one; a move with one replaces it.
    const removes: string[] = [OUTCOME.plain, OUTCOME.gzip];
    if (move.outcome) {
      const [name, value] = Object.entries(encodeJson(move.outcome, OUTCOME, `outcome ${findingId}`))[0]!;
      sets.push(`${name} = :outcome`);
      values[':outcome'] = value;
      removes.splice(removes.indexOf(name), 1);
    }
    const allowed = [`#status IN (${move.from.map((_, i) => `:f${i}`).join(', ')})`];
    if (move.staleReverting) {
      allowed.push('(#status = :reverting AND decidedAt < :stale)');
      values[':reverting'] = { S: 'reverting' };
      values[':stale'] = { S: move.staleReverting };
    }
    const out = await conditional(() =>
      this.#o.client.send(
        new UpdateItemCommand({
          TableName: this.#o.tableName,
          Key: { pk: { S: keyOf(findingId) } },
          UpdateExpression: `SET ${sets.join(', ')} REMOVE ${removes.join(', ')}`,
          ConditionExpression: `attribute_exists(pk) AND eventId = :eventId AND (${allowed.join(' OR ')})`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return out?.Attributes ? decisionOf(out.Attributes) : undefined;
  }

  async keptAmong(findingIds: readonly string[]): Promise<ReadonlySet<string>> {
    const keys = [...new Set(findingIds)].map((id) => ({ pk: { S: keyOf(id) } }));
    const items = await batchGetAll(this.#o.client, this.#o.tableName, keys, {
      consistentRead: true,
      ...(this.#o.retry && { retry: this.#o.retry }),
    });
    return new Set(
      items.filter((i) => i.status?.S === 'kept' && this.#live(i)).flatMap((i) => i.findingId?.S ?? []),
    );
  }

  /** TTL deletes lazily: an expired item counts as gone. */
  #live(item: Item): boolean {
    const expiresAt = Number(item.expiresAt?.N ?? Number.POSITIVE_INFINITY);
    return expiresAt >= this.#nowSeconds();
  }

  #nowSeconds(): number {
    return Math.floor((this.#o.clock ?? (() => new Date()))().getTime() / 1000);
  }
}

/** A conditional write's answer; undefined when its condition failed. */
async function conditional<T>(send: () => Promise<T>): Promise<T | undefined> {
  try {
    return await send();
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return undefined;
    throw error;
  }
}

function keyOf(findingId: string): string {
  return `decision#${findingId}`;
}

function decisionOf(item: Item): Decision {
  const label = item.pk?.S ?? 'decision';
  const outcome = item.outcome || item.outcomeGzip ? decodeJson(item, OUTCOME, label) : undefined;
  const fix = item.fix || item.fixGzip ? decodeJson(item, FIX, label) : undefined;
  return {
    findingId: item.findingId?.S ?? '',
    eventId: item.eventId?.S ?? '',
    verdict: decodeJson(item, VERDICT, label) as Decision['verdict'],
    createdAt: item.createdAt?.S ?? '',
    status: (item.status?.S ?? 'pending') as DecisionStatus,
    ...(item.decidedBy?.S !== undefined && { decidedBy: item.decidedBy.S }),
    ...(item.decidedAt?.S !== undefined && { decidedAt: item.decidedAt.S }),
    ...(outcome !== undefined && { outcome: outcome as Decision['outcome'] }),
    ...(fix !== undefined && { fix: fix as Decision['fix'] }),
  };
}
