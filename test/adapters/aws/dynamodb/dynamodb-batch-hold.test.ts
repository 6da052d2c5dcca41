import type { BatchWriteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { batchWriteAll, holdWrites } from '../../../../lambdas/adapters/aws/dynamodb/dynamodb-batch';

/** A client that records the BatchWriteItem requests it is sent (every item processed). */
function recordingClient() {
  const sent: BatchWriteItemCommand['input'][] = [];
  const client = {
    send: async (command: BatchWriteItemCommand) => {
      sent.push(command.input);
      return { UnprocessedItems: {} };
    },
  } as unknown as DynamoDBClient;
  return { client, sent };
}

const put = (id: string) => ({ PutRequest: { Item: { pk: { S: id } } } });
const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('holdWrites', () => {
  it('holds the batch writes made inside its work and sends those made after it', async () => {
    // Prepare
    const { client, sent } = recordingClient();

    // Act
    const held = await holdWrites(async () => {
      await tick();
      await batchWriteAll(client, 'state', [put('a')]);
    });
    await batchWriteAll(client, 'state', [put('b')]);

    // Assess
    expect(held).toEqual({ state: [put('a')] });
    expect(sent).toEqual([{ RequestItems: { state: [put('b')] } }]);
  });

  it('keeps holding the writes of a hold still running when an overlapping one ends first', async () => {
    // Prepare
    const { client, sent } = recordingClient();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));

    // Act
    const long = holdWrites(async () => {
      await gate;
      await batchWriteAll(client, 'audit', [put('late')]);
    });
    const short = await holdWrites(async () => {
      await batchWriteAll(client, 'state', [put('early')]);
    });
    release();
    const longHeld = await long;

    // Assess
    expect(short).toEqual({ state: [put('early')] });
    expect(longHeld).toEqual({ audit: [put('late')] });
    expect(sent).toEqual([]);
  });

  it('holds again after an earlier hold ended', async () => {
    // Prepare
    const { client, sent } = recordingClient();
    await holdWrites(async () => batchWriteAll(client, 'state', [put('first')]));

    // Act
    const again = await holdWrites(async () => {
      await tick();
      await batchWriteAll(client, 'state', [put('second')]);
    });

    // Assess
    expect(again).toEqual({ state: [put('second')] });
    expect(sent).toEqual([]);
  });
});
