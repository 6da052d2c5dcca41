import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';

/** The CloudTrail eventID inside an EventBridge envelope: the idempotency key. */
export const IDEMPOTENCY_EVENT_KEY = 'detail.eventID';

/** EventBridge retries delivery for up to 24 hours; remember an event at least that long. */
export const DEFAULT_IDEMPOTENCY_SECONDS = 24 * 3600;

/** IAM actions Powertools' DynamoDBPersistenceLayer needs on the idempotency table. */
export const IDEMPOTENCY_IAM_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
] as const;

export interface EventIdempotencyOptions {
  readonly client: DynamoDBClient;
  /** A table shaped like IDEMPOTENCY_TABLE (key `id`, TTL `expiration`). */
  readonly tableName: string;
  readonly expiresAfterSeconds?: number;
  /** Key prefix; Powertools defaults to the Lambda function name (AWS_LAMBDA_FUNCTION_NAME). */
  readonly keyPrefix?: string;
}

/**
 * The idempotent function, plus the Powertools config. When called as `(event, context)` with a
 * Lambda context, Powertools registers the context itself; `registerLambdaContext` is there for
 * callers passing other arguments. Without a context an in-progress record never times out early:
 * a crashed invocation then blocks its event until the record expires.
 */
export type EventIdempotentFunction<A extends unknown[], R> = ((...args: A) => Promise<R>) & {
  readonly config: IdempotencyConfig;
  registerLambdaContext(context: Context): void;
};

/**
 * Wraps `fn` so each CloudTrail event (same `detail.eventID`) runs once: repeats return the stored
 * result; a call that throws stores nothing, so a retry runs again. The result is stored as JSON,
 * so every caller (first or repeat) receives its JSON round-trip. Events without `detail.eventID`
 * (e.g. a scheduled sweep) run every time.
 */
export function makeEventIdempotent<T, A extends unknown[], R>(
  fn: (event: T, ...rest: A) => Promise<R>,
  options: EventIdempotencyOptions,
): EventIdempotentFunction<[T, ...A], R> {
  const config = new IdempotencyConfig({
    eventKeyJmesPath: IDEMPOTENCY_EVENT_KEY,
    expiresAfterSeconds: options.expiresAfterSeconds ?? DEFAULT_IDEMPOTENCY_SECONDS,
  });
  const persistenceStore = new DynamoDBPersistenceLayer({
    tableName: options.tableName,
    awsSdkV3Client: options.client,
  });
  const asJson = async (event: T, ...rest: A): Promise<R> => jsonRoundTrip(await fn(event, ...rest));
  const idempotent = makeIdempotent(asJson, {
    persistenceStore,
    config,
    ...(options.keyPrefix !== undefined && { keyPrefix: options.keyPrefix }),
  }) as (...args: [T, ...A]) => Promise<R>;
  return Object.assign(idempotent, {
    config,
    registerLambdaContext: (context: Context) => config.registerLambdaContext(context),
  });
}

function jsonRoundTrip<R>(value: R): R {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as R);
}
