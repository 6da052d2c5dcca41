import { aws_dynamodb as dynamodb, RemovalPolicy } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import {
  AUDIT_TABLE,
  IDEMPOTENCY_TABLE,
  type KeyAttribute,
  STATE_TABLE,
  type TableSchema,
} from '../lambdas/adapters/aws/dynamodb/table-schemas';

const ATTRIBUTE_TYPES: Record<KeyAttribute['type'], dynamodb.AttributeType> = {
  S: dynamodb.AttributeType.STRING,
  N: dynamodb.AttributeType.NUMBER,
  B: dynamodb.AttributeType.BINARY,
};

/**
 * The three DynamoDB tables of the pipeline, built from the key schemas the adapters share
 * (lambdas/adapters/aws/dynamodb/table-schemas.ts): on-demand, point-in-time recovery, AWS-managed encryption.
 */
export class GuardianTables extends Construct {
  /** Last-known state (a cache the sweep rebuilds): destroyed with the stack. */
  readonly state: dynamodb.Table;
  /** Audit trail: retained when the stack is deleted. */
  readonly audit: dynamodb.Table;
  /** The evaluator's event ledger, one item per CloudTrail event (24 h): destroyed with the stack. */
  readonly idempotency: dynamodb.Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.state = tableFromSchema(this, 'State', STATE_TABLE, RemovalPolicy.DESTROY);
    this.audit = tableFromSchema(this, 'Audit', AUDIT_TABLE, RemovalPolicy.RETAIN);
    this.idempotency = tableFromSchema(this, 'Idempotency', IDEMPOTENCY_TABLE, RemovalPolicy.DESTROY);
  }
}

function tableFromSchema(
  scope: Construct,
  id: string,
  schema: TableSchema,
  removalPolicy: RemovalPolicy,
): dynamodb.Table {
  const table = new dynamodb.Table(scope, id, {
    partitionKey: attribute(schema.partitionKey),
    sortKey: schema.sortKey && attribute(schema.sortKey),
    timeToLiveAttribute: schema.timeToLiveAttribute,
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    encryption: dynamodb.TableEncryption.AWS_MANAGED,
    removalPolicy,
  });
  for (const index of schema.globalSecondaryIndexes ?? [])
    table.addGlobalSecondaryIndex({
      indexName: index.indexName,
      partitionKey: attribute(index.partitionKey),
      sortKey: index.sortKey && attribute(index.sortKey),
      projectionType: dynamodb.ProjectionType.ALL,
    });
  return table;
}

function attribute(key: KeyAttribute): dynamodb.Attribute {
  return { name: key.name, type: ATTRIBUTE_TYPES[key.type] };
}
