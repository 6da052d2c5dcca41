import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  DynamoDBClient,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { BatchRetryError, type RetryPolicy } from '../../../../lambdas/adapters/aws/dynamodb/dynamodb-batch';
import { DynamoDbStateCache } from '../../../../lambdas/adapters/aws/dynamodb/dynamodb-state-cache';
import { group } from '../../../core/support/builders';
import { TEST_AWS } from '../../../support/dynalite';

const FAST: RetryPolicy = { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 };
const TABLE = 'state';

function itemOf(groupId: string) {
  return {
    pk: { S: `group#${groupId}` },
    kind: { S: 'group' },
    data: { S: JSON.stringify(group(groupId)) },
  };
}

function setup() {
  const client = new DynamoDBClient(TEST_AWS);
  const mock = mockClient(client);
  const cache = new DynamoDbStateCache({ client, tableName: TABLE, retry: FAST });
  return { mock, cache };
}

describe('DynamoDB batches at the SDK boundary', () => {
  it('asks again for UnprocessedKeys until every key is read, consistently', async () => {
    // Prepare
    const { mock, cache } = setup();
    mock
      .on(BatchGetItemCommand)
      .resolvesOnce({
        Responses: { [TABLE]: [itemOf('sg-1')] },
        UnprocessedKeys: { [TABLE]: { Keys: [{ pk: { S: 'group#sg-2' } }], ConsistentRead: true } },
      })
      .resolvesOnce({ Responses: { [TABLE]: [itemOf('sg-2')] } });

    // Act
    const loaded = await cache.load({ groupIds: ['sg-1', 'sg-2'] });

    // Assess
    const calls = mock.commandCalls(BatchGetItemCommand);
    expect(calls).toHaveLength(2);
    expect(calls[0]!.args[0].input.RequestItems?.[TABLE]?.ConsistentRead).toBe(true);
    expect(calls[1]!.args[0].input.RequestItems?.[TABLE]?.Keys).toEqual([{ pk: { S: 'group#sg-2' } }]);
    expect(calls[1]!.args[0].input.RequestItems?.[TABLE]?.ConsistentRead).toBe(true);
    expect(loaded.groups).toEqual([group('sg-1'), group('sg-2')]);
  });

  it('resends UnprocessedItems of a write until DynamoDB takes them', async () => {
    // Prepare
    const { mock, cache } = setup();
    const unprocessed = { PutRequest: { Item: itemOf('sg-2') } };
    mock
      .on(BatchWriteItemCommand)
      .resolvesOnce({ UnprocessedItems: { [TABLE]: [unprocessed] } })
      .resolvesOnce({});

    // Act
    await cache.save({ groups: [group('sg-1'), group('sg-2')], enis: [], nacls: [] });

    // Assess
    const calls = mock.commandCalls(BatchWriteItemCommand);
    expect(calls).toHaveLength(2);
    expect(calls[0]!.args[0].input.RequestItems?.[TABLE]).toHaveLength(2);
    expect(calls[1]!.args[0].input.RequestItems?.[TABLE]).toEqual([unprocessed]);
  });

  it('gives up with BatchRetryError when keys stay unprocessed after every attempt', async () => {
    // Prepare
    const { mock, cache } = setup();
    mock.on(BatchGetItemCommand).resolves({
      UnprocessedKeys: { [TABLE]: { Keys: [{ pk: { S: 'group#sg-1' } }] } },
    });

    // Act
    const loading = cache.load({ groupIds: ['sg-1'] });

    // Assess
    await expect(loading).rejects.toThrow(BatchRetryError);
    expect(mock.commandCalls(BatchGetItemCommand)).toHaveLength(FAST.attempts);
  });

  it('follows LastEvaluatedKey through every page of each kind on a per-kind loadAll', async () => {
    // Prepare
    const { mock, cache } = setup();
    const page2Key = { pk: { S: 'group#sg-1' }, kind: { S: 'group' } };
    mock.on(QueryCommand).resolves({ Items: [] });
    mock
      .on(QueryCommand, { ExpressionAttributeValues: { ':kind': { S: 'group' } } })
      .resolvesOnce({ Items: [itemOf('sg-1')], LastEvaluatedKey: page2Key })
      .resolvesOnce({ Items: [itemOf('sg-2')] });

    // Act
    const all = await cache.loadAll();

    // Assess
    const groupQueries = mock
      .commandCalls(QueryCommand)
      .filter((c) => c.args[0].input.ExpressionAttributeValues?.[':kind']?.S === 'group');
    expect(groupQueries).toHaveLength(2);
    expect(groupQueries[1]!.args[0].input.ExclusiveStartKey).toEqual(page2Key);
    // byScope (empty: no layout mark), then one query per kind (group, eni, nacl, instance, pl, lt, ltv)
    // and the coverage item, plus groups' page 2
    expect(mock.commandCalls(QueryCommand)).toHaveLength(10);
    expect(all.groups).toEqual([group('sg-1'), group('sg-2')]);
  });
});
