import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * Key schemas of the DynamoDB tables, shared by the CDK stack and the tests (dynalite). Attribute
 * types use DynamoDB's letters, which are also the values of CDK's `AttributeType` enum.
 */
export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N' | 'B';
}

export interface IndexSchema {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
}

export interface TableSchema {
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  /** Epoch-seconds attribute DynamoDB's TTL deletes by (enable it on the table). */
  readonly timeToLiveAttribute?: string;
  /** Global secondary indexes; all project every attribute. */
  readonly globalSecondaryIndexes?: readonly IndexSchema[];
}

/**
 * Last-known state. One item per resource: `pk` = `group#sg-..` | `eni#eni-..` | `nacl#acl-..` | ...
 * (prefixed `<account>/<region>|` in a member's scope), `kind` (`group`, or `group@<scope>`),
 * `stateScope` (`home` or `<account>/<region>`), `updatedAt` (ISO) and the core object's JSON in `data`
 * (string) — or gzip-compressed in `dataGzip` (binary) when the JSON exceeds ~300 KB.
 *
 * GSI `byScope` (stateScope, pk): loadAll — the cold start's and the sweep's full read — is ONE Query
 * of the scope's partition, page by page (1 MB a page), instead of one Query per kind (8, each its own
 * request: a cold start paid 8 round trips, served one at a time by an emulator). Chosen over snapshot
 * items (the whole state in a few large compressed items read by one BatchGetItem) because every
 * resource stays its own item: concurrent saves from two containers never rewrite a shared item, load()
 * of specific ids and remove() touch exactly the items loadAll reads (an index is a projection of the
 * table), and no save ever reads before it writes. Cost: a second index on every state write.
 * A table written before `stateScope` existed keeps working: loadAll trusts byScope only when the
 * scope's coverage item says `layout` 2, otherwise (or while the index is missing or backfilling) it
 * Queries GSI `byKind` (kind, pk) per kind as before; the first full save (the sweep, every 15 minutes,
 * or a cold start's full read) after which no item read without `stateScope` is left marks the
 * coverage item (see DynamoDbStateCache). `byKind` also lists the member scopes (`kind` `scope`).
 * Each added index is one CloudFormation update (one GSI at a time), backfilled by DynamoDB.
 *
 * The one-click actions keep two more item kinds here: `decision#<findingId>` (kind `decision`) and
 * `replay#<signature>` (no kind); both carry `expiresAt` (epoch seconds), the table's TTL attribute.
 */
export const STATE_TABLE = {
  partitionKey: { name: 'pk', type: 'S' },
  timeToLiveAttribute: 'expiresAt',
  globalSecondaryIndexes: [
    { indexName: 'byKind', partitionKey: { name: 'kind', type: 'S' }, sortKey: { name: 'pk', type: 'S' } },
    { indexName: 'byScope', partitionKey: { name: 'stateScope', type: 'S' }, sortKey: { name: 'pk', type: 'S' } },
  ],
} as const satisfies TableSchema;

/**
 * Audit trail. An entry names several groups and `audit --group` lists a group's entries newest
 * first, so each entry is written denormalised (full entry JSON in every item, one Query answers):
 *  - per group:  pk `group#<groupId>`, sk `<recordedAt ISO>#<eventId>` (sorts chronologically);
 *  - per event:  pk `event#<eventId>`, sk `<recordedAt ISO>` (every record of one CloudTrail event).
 * Recording the same event again (e.g. an approval) adds items with a later recordedAt: history.
 * `expiresAt` (epoch seconds) is the TTL attribute.
 */
export const AUDIT_TABLE = {
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  timeToLiveAttribute: 'expiresAt',
} as const satisfies TableSchema;

/**
 * The evaluator's event ledger (event-ledger.ts): key `id` (`event#<eventID>`), TTL `expiration`
 * (epoch seconds); the schema Powertools idempotency used, so an existing table is kept.
 */
export const IDEMPOTENCY_TABLE = {
  partitionKey: { name: 'id', type: 'S' },
  timeToLiveAttribute: 'expiration',
} as const satisfies TableSchema;

/** A CreateTable request (on-demand billing) for a schema: used by tests against dynalite. */
export function createTableInput(schema: TableSchema, tableName: string): CreateTableCommandInput {
  const indexes = schema.globalSecondaryIndexes ?? [];
  const keys = [schema.partitionKey, schema.sortKey, ...indexes.flatMap((i) => [i.partitionKey, i.sortKey])];
  const definitions = new Map<string, KeyAttribute>();
  for (const key of keys) if (key) definitions.set(key.name, key);
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...definitions.values()].map((k) => ({
      AttributeName: k.name,
      AttributeType: k.type,
    })),
    KeySchema: keySchema(schema.partitionKey, schema.sortKey),
    ...(indexes.length > 0 && {
      GlobalSecondaryIndexes: indexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: keySchema(index.partitionKey, index.sortKey),
        Projection: { ProjectionType: 'ALL' },
      })),
    }),
  };
}

function keySchema(partition: KeyAttribute, sort: KeyAttribute | undefined) {
  return [
    { AttributeName: partition.name, KeyType: 'HASH' as const },
    ...(sort ? [{ AttributeName: sort.name, KeyType: 'RANGE' as const }] : []),
  ];
}
