import type { DynamoDBClient, WriteRequest } from '@aws-sdk/client-dynamodb';
import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import type { FakeEc2, FakeEc2Call } from '../support/fake-ec2';

type Args = { input: Record<string, unknown> };
type Output = { output: Record<string, unknown> };

/**
 * Makes DynamoDB throttle one table's batch writes, as it does when that table's partition is hot:
 * the table's requests are left out of the BatchWriteItem and answered in UnprocessedItems (and when
 * nothing else is left, the whole request fails with ProvisionedThroughputExceededException). Other
 * tables' writes and every other call go through to dynalite. Returns `heal()`.
 */
export function throttleBatchWrites(client: DynamoDBClient, table: string): { heal(): void } {
  const name = `throttle-${table}`;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = (args as unknown as Args).input;
      const items = input.RequestItems as Record<string, WriteRequest[]> | undefined;
      if (context.commandName !== 'BatchWriteItemCommand' || !items?.[table]) return next(args);
      const { [table]: throttled, ...rest } = items;
      if (Object.keys(rest).length === 0)
        throw new ProvisionedThroughputExceededException({ message: `${table} throttled`, $metadata: {} });
      const result = await next({ ...args, input: { ...input, RequestItems: rest } } as typeof args);
      const output = (result as unknown as Output).output;
      const unprocessed = (output.UnprocessedItems ?? {}) as Record<string, WriteRequest[]>;
      output.UnprocessedItems = { ...unprocessed, [table]: [...(unprocessed[table] ?? []), ...throttled!] };
      return result;
    },
    { step: 'initialize', name },
  );
  return { heal: () => client.middlewareStack.remove(name) };
}

/** One DynamoDB or EC2 call of an event, and the sequential stage it went in. */
export interface TrackedCall {
  readonly service: 'dynamodb' | 'ec2';
  readonly operation: string;
  /** Tables a DynamoDB call names (RequestItems, TableName). */
  readonly tables: readonly string[];
  readonly stage: number;
}

/**
 * Counts the calls of the evaluator and the sequential stages they make: a stage starts whenever a
 * call starts while no other is in flight. DynamoDB calls are timed by middleware on the real client
 * (dynalite over loopback); the in-memory EC2 answers at once, so an EC2 call is in flight until the
 * event loop turns (the calls of one Promise.all share that turn).
 */
export function trackCalls(client: DynamoDBClient, ec2: FakeEc2) {
  const calls: TrackedCall[] = [];
  let inFlight = 0;
  let stage = 0;
  const start = (call: Omit<TrackedCall, 'stage'>) => {
    if (inFlight === 0) stage++;
    inFlight++;
    calls.push({ ...call, stage });
  };
  const end = () => {
    inFlight--;
  };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = (args as unknown as Args).input;
      const tables = [
        ...Object.keys((input.RequestItems as object | undefined) ?? {}),
        ...(typeof input.TableName === 'string' ? [input.TableName] : []),
      ].sort();
      start({ service: 'dynamodb', operation: (context.commandName ?? '').replace(/Command$/, ''), tables });
      try {
        return await next(args);
      } finally {
        end();
      }
    },
    { step: 'initialize', name: 'trackCalls', priority: 'high' },
  );
  const push = ec2.calls.push.bind(ec2.calls);
  ec2.calls.push = (...items: FakeEc2Call[]) => {
    for (const item of items) {
      start({ service: 'ec2', operation: item.api, tables: [] });
      setImmediate(end);
    }
    return push(...items);
  };
  return {
    calls,
    reset() {
      calls.length = 0;
      stage = 0;
    },
    stop() {
      client.middlewareStack.remove('trackCalls');
      ec2.calls.push = push;
    },
  };
}
