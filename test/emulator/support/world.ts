import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { CreateTopicCommand } from '@aws-sdk/client-sns';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import {
  AUDIT_TABLE,
  createTableInput,
  IDEMPOTENCY_TABLE,
  STATE_TABLE,
} from '../../../lambdas/adapters/aws/dynamodb/table-schemas';
import { writeBundledPolicy } from '../../support/policy';
import { type AccountView, readAccount } from './account-view';
import { makeChange } from './changes';
import { exampleEvent, GUARDIAN_ROLE, recordOf } from './cloudtrail';
import { lambdaContext } from './lambda-context';
import { buildExampleAccount } from './example-account';
import type { IdMap } from './id-map';
import { MOTO_URL, motoClients, REGION, resetMoto } from './moto';
import { motoGapFixer } from './moto-gaps';
import { startRecordingProxy } from './recording-proxy';
import { subscribeHttp } from './sns-subscriber';

const TABLES = { state: 'sg-guardian-state', audit: 'sg-guardian-audit', idempotency: 'sg-guardian-idempotency' };

/**
 * A fresh moto account (examples/account built by API calls), the guardian's DynamoDB tables and SNS
 * topic in moto, an HTTP subscriber on the topic, and the real evaluator and sweep handlers, cold
 * started against it with their real SDK clients (AWS_ENDPOINT_URL -> a recording pass-through to moto).
 * The sweep has run once, so the state cache holds the account before any incident, as in production.
 */
export async function startEmulatorWorld() {
  await resetMoto();
  const clients = motoClients();
  for (const [key, schema] of [
    ['state', STATE_TABLE],
    ['audit', AUDIT_TABLE],
    ['idempotency', IDEMPOTENCY_TABLE],
  ] as const)
    await clients.dynamodb.send(new CreateTableCommand(createTableInput(schema, TABLES[key])));
  const topic = await clients.sns.send(new CreateTopicCommand({ Name: 'sg-guardian' }));
  const topicArn = topic.TopicArn!;
  const subscriber = await subscribeHttp(clients.sns, topicArn);
  const ids = await buildExampleAccount(clients.ec2);
  const proxy = await startRecordingProxy(MOTO_URL, motoGapFixer(clients.ec2));

  vi.stubEnv('AWS_REGION', REGION);
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'testing');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'testing');
  vi.stubEnv('AWS_ENDPOINT_URL', proxy.url);
  for (const service of ['EC2', 'DYNAMODB', 'SNS', 'STS', 'SECRETS_MANAGER']) vi.stubEnv(`AWS_ENDPOINT_URL_${service}`, undefined);
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
  vi.stubEnv('POWERTOOLS_TRACE_ENABLED', 'false');
  vi.stubEnv('SG_GUARDIAN_CONFIG', writeBundledPolicy(policyFor(ids)));
  vi.stubEnv('SG_GUARDIAN_MODE', 'enforce');
  vi.stubEnv('SG_GUARDIAN_STATE_TABLE', TABLES.state);
  vi.stubEnv('SG_GUARDIAN_AUDIT_TABLE', TABLES.audit);
  vi.stubEnv('SG_GUARDIAN_IDEMPOTENCY_TABLE', TABLES.idempotency);
  vi.stubEnv('SG_GUARDIAN_TOPIC_ARN', topicArn);
  vi.stubEnv('SG_GUARDIAN_ROLE_ARN', GUARDIAN_ROLE);
  vi.resetModules();
  const evaluator = await import('../../../lambdas/handlers/evaluate');
  const sweeper = await import('../../../lambdas/handlers/sweep');
  const first = await sweeper.handler({}, lambdaContext);
  if (first.failed > 0) throw new Error(`the first sweep failed: ${JSON.stringify(first.targets)}`);
  proxy.calls.length = 0;

  return {
    ids,
    ec2: clients.ec2,
    topicArn,
    /** SNS notifications the subscriber received. */
    notifications: subscriber.deliveries,
    /** EC2 writes the handlers sent. */
    writes: () => proxy.ec2Writes(),
    evaluate: (event: unknown) => evaluator.handler(event, lambdaContext),
    sweep: () => sweeper.handler({}, lambdaContext),
    readAccount: () => readAccount(clients.ec2, ids),
    /**
     * Makes an example incident's call in moto (as its user would) and returns the CloudTrail event
     * of that call as EventBridge delivers it, and the account just after the call.
     */
    async happen(name: string): Promise<{ event: Record<string, unknown>; changed: AccountView }> {
      const example = exampleEvent(name);
      const made = await makeChange(clients.ec2, ids.toReal(example.detail as Record<string, unknown>));
      return { event: recordOf(example, ids, made), changed: await readAccount(clients.ec2, ids) };
    },
    async stop() {
      vi.unstubAllEnvs();
      await proxy.close();
      await subscriber.close();
      for (const client of Object.values(clients)) client.destroy();
    },
  };
}

export type EmulatorWorld = Awaited<ReturnType<typeof startEmulatorWorld>>;

/**
 * examples/guardian.yaml with moto's ids for the example ids it names (e.g. the nginx group). The
 * emulated account has no instances (moto shows an attached ENI with its instance's launch groups too,
 * see moto-gaps.ts), so an endpoint selecting instances by tag selects the group carrying the same tag:
 * in the example account those are the same ENIs.
 */
function policyFor(ids: IdMap): string {
  const path = join(mkdtempSync(join(tmpdir(), 'sg-guardian-emulator-')), 'guardian.yaml');
  const policy = readFileSync(join('examples', 'guardian.yaml'), 'utf8').replace(
    /\{ instanceTags: (\{ [^}]* \}) \}/g,
    '{ tags: $1 }',
  );
  writeFileSync(path, ids.toReal(policy));
  return path;
}
