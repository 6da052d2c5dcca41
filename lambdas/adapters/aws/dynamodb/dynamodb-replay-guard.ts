import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { ReplayGuard } from '../../../app/ports';

export const REPLAY_GUARD_IAM_ACTIONS = ['dynamodb:PutItem'] as const;

export interface DynamoDbReplayGuardOptions {
  readonly client: DynamoDBClient;
  /** The state table: items `replay#<key>` with `expiresAt` (its TTL attribute). */
  readonly tableName: string;
  readonly clock?: () => Date;
}

/**
 * One conditional PutItem per request key: it succeeds only when the key is new or its record has
 * expired (TTL deletes lazily, so the expiry is checked in the condition too).
 */
export class DynamoDbReplayGuard implements ReplayGuard {
  constructor(private readonly options: DynamoDbReplayGuardOptions) {}

  async firstUse(key: string, expiresAt: Date): Promise<boolean> {
    const now = Math.floor((this.options.clock ?? (() => new Date()))().getTime() / 1000);
    try {
      await this.options.client.send(
        new PutItemCommand({
          TableName: this.options.tableName,
          Item: {
            pk: { S: `replay#${key}` },
            expiresAt: { N: String(Math.ceil(expiresAt.getTime() / 1000)) },
          },
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
          ExpressionAttributeValues: { ':now': { N: String(now) } },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }
}
