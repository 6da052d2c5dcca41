import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withoutRequestLogging } from '../../../lambdas/adapters/aws/no-request-logging';
import { type Dynalite, startDynalite, TEST_AWS } from '../../support/dynalite';

let db: Dynalite;
beforeAll(async () => {
  db = await startDynalite();
});
afterAll(async () => {
  await db.close();
});

/** A DynamoDB client on dynalite whose logger counts what the SDK hands it. */
function clientWithLogger() {
  const logged: unknown[] = [];
  const record = (entry: unknown) => void logged.push(entry);
  const client = new DynamoDBClient({
    ...TEST_AWS,
    endpoint: db.endpoint,
    logger: { trace: record, debug: record, info: record, warn: record, error: record },
  });
  return { client, logged };
}

/** The request logger's entry (the SDK also logs plain strings while it resolves its configuration). */
const isCallLog = (entry: unknown) => typeof entry === 'object' && entry !== null && 'commandName' in entry;

describe('withoutRequestLogging', () => {
  it('stops the SDK from copying each request and answer for its logger, and the call still answers', async () => {
    // Prepare
    const plain = clientWithLogger();
    const quiet = clientWithLogger();
    withoutRequestLogging(quiet.client);

    // Act
    await plain.client.send(new ListTablesCommand({}));
    const answer = await quiet.client.send(new ListTablesCommand({}));

    // Assess
    expect(plain.logged).toContainEqual(expect.objectContaining({ commandName: 'ListTablesCommand', output: expect.anything() }));
    expect(plain.logged.filter(isCallLog)).toHaveLength(1);
    expect(quiet.logged.filter(isCallLog)).toEqual([]);
    expect(answer.TableNames).toEqual(expect.any(Array));
  });
});
