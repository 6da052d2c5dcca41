import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  AUDIT_TABLE,
  createTableInput,
  IDEMPOTENCY_TABLE,
  STATE_TABLE,
  type TableSchema,
} from '../../lambdas/adapters/aws/dynamodb/table-schemas';

// dynalite is CommonJS without type declarations.
const dynalite = createRequire(import.meta.url)('dynalite') as (options: { createTableMs: number }) => Server;

export interface TableNames {
  readonly state: string;
  readonly audit: string;
  readonly idempotency: string;
}

export interface Dynalite {
  /** A client for dynalite on 127.0.0.1, with fake credentials. */
  readonly client: DynamoDBClient;
  readonly endpoint: string;
  /** Tables created at start. */
  readonly tables: TableNames;
  /** Creates another, empty set of the three tables (for tests that need a clean slate). */
  freshTables(): Promise<TableNames>;
  close(): Promise<void>;
}

const SCHEMAS: Record<keyof TableNames, TableSchema> = {
  state: STATE_TABLE,
  audit: AUDIT_TABLE,
  idempotency: IDEMPOTENCY_TABLE,
};

export const TEST_AWS = {
  region: 'eu-west-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
} as const;

/** Starts dynalite in memory on a random loopback port and creates the tables of table-schemas.ts. */
export async function startDynalite(): Promise<Dynalite> {
  const server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({ ...TEST_AWS, endpoint });
  let sets = 0;
  const freshTables = () => createTables(client, `t${++sets}`);
  const tables = await freshTables();
  return {
    client,
    endpoint,
    tables,
    freshTables,
    close: async () => {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function createTables(client: DynamoDBClient, suffix: string): Promise<TableNames> {
  const names: TableNames = {
    state: `state-${suffix}`,
    audit: `audit-${suffix}`,
    idempotency: `idempotency-${suffix}`,
  };
  for (const key of Object.keys(SCHEMAS) as (keyof TableNames)[]) {
    await client.send(new CreateTableCommand(createTableInput(SCHEMAS[key], names[key])));
    await untilActive(client, names[key]);
  }
  return names;
}

async function untilActive(client: DynamoDBClient, tableName: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const out = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const indexesReady = (out.Table?.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === 'ACTIVE');
    if (out.Table?.TableStatus === 'ACTIVE' && indexesReady) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`table ${tableName} did not become ACTIVE`);
}
