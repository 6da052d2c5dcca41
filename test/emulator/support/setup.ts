import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { CreateTopicCommand } from '@aws-sdk/client-sns';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AUDIT_TABLE,
  createTableInput,
  IDEMPOTENCY_TABLE,
  STATE_TABLE,
} from '../../../lambdas/adapters/aws/dynamodb/table-schemas';
import { writeBundledPolicy } from '../../support/policy';
import { GUARDIAN_ROLE } from './cloudtrail';
import { buildExampleAccount } from './example-account';
import type { IdMap } from './id-map';
import { type MotoClients, REGION } from './moto';

/** The guardian's DynamoDB tables in moto. */
export const TABLES = { state: 'sg-guardian-state', audit: 'sg-guardian-audit', idempotency: 'sg-guardian-idempotency' };

/**
 * What the emulator suite and `npm run bench:emulator` both start from, in an emptied moto: the
 * guardian's DynamoDB tables and SNS topic, and examples/account built by API calls.
 */
export async function prepareEmulatorAccount(clients: MotoClients): Promise<{ ids: IdMap; topicArn: string }> {
  for (const [key, schema] of [
    ['state', STATE_TABLE],
    ['audit', AUDIT_TABLE],
    ['idempotency', IDEMPOTENCY_TABLE],
  ] as const)
    await clients.dynamodb.send(new CreateTableCommand(createTableInput(schema, TABLES[key])));
  const topic = await clients.sns.send(new CreateTopicCommand({ Name: 'sg-guardian' }));
  const ids = await buildExampleAccount(clients.ec2);
  return { ids, topicArn: topic.TopicArn! };
}

/**
 * The environment the evaluator and sweep handlers run with against the emulator, in enforce mode:
 * every SDK client on `endpoint` (undefined = unset), the bundled policy, the tables and the topic.
 */
export function handlerEnvironment(options: {
  readonly endpoint: string;
  readonly topicArn: string;
  readonly policyJson: string;
}): Record<string, string | undefined> {
  return {
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_ENDPOINT_URL: options.endpoint,
    ...Object.fromEntries(
      ['EC2', 'DYNAMODB', 'SNS', 'STS', 'SECRETS_MANAGER'].map((s) => [`AWS_ENDPOINT_URL_${s}`, undefined]),
    ),
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_TRACE_ENABLED: 'false',
    SG_GUARDIAN_CONFIG: options.policyJson,
    SG_GUARDIAN_MODE: 'enforce',
    SG_GUARDIAN_STATE_TABLE: TABLES.state,
    SG_GUARDIAN_AUDIT_TABLE: TABLES.audit,
    SG_GUARDIAN_IDEMPOTENCY_TABLE: TABLES.idempotency,
    SG_GUARDIAN_TOPIC_ARN: options.topicArn,
    SG_GUARDIAN_ROLE_ARN: GUARDIAN_ROLE,
  };
}

/**
 * guardian.json (as the CDK app bundles it) from examples/guardian.yaml with moto's ids for the
 * example ids it names (e.g. the nginx group). The emulated account has no instances (moto shows an
 * attached ENI with its instance's launch groups too, see moto-gaps.ts), so an endpoint selecting
 * instances by tag selects the group carrying the same tag: in the example account those are the same ENIs.
 */
export function emulatorPolicy(ids: IdMap): string {
  const path = join(mkdtempSync(join(tmpdir(), 'sg-guardian-emulator-')), 'guardian.yaml');
  const policy = readFileSync(join('examples', 'guardian.yaml'), 'utf8').replace(
    /\{ instanceTags: (\{ [^}]* \}) \}/g,
    '{ tags: $1 }',
  );
  writeFileSync(path, ids.toReal(policy));
  return writeBundledPolicy(path);
}
