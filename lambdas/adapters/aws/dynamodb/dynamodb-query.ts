import { type DynamoDBClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/client-dynamodb';
import type { Item } from './dynamodb-batch';

/**
 * Every item a Query matches, following LastEvaluatedKey page by page; stops after `limit` items
 * when given (each page asks only for what is still missing).
 */
export async function queryAll(
  client: DynamoDBClient,
  input: QueryCommandInput,
  limit?: number,
): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const missing = limit === undefined ? undefined : limit - items.length;
    const out = await client.send(
      new QueryCommand({
        ...input,
        ...(missing !== undefined && { Limit: missing }),
        ...(startKey && { ExclusiveStartKey: startKey }),
      }),
    );
    items.push(...(out.Items ?? []));
    startKey = out.LastEvaluatedKey;
  } while (startKey && (limit === undefined || items.length < limit));
  return limit === undefined ? items : items.slice(0, limit);
}
