import { writeBundledPolicy } from '../support/policy';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { vi } from 'vitest';
import { loadSnapshotModel } from '../../lambdas/adapters/files/snapshot-files';
import { parseDocument } from '../../lambdas/core/events/parse';
import { applyChange } from '../../lambdas/core/state/apply-change';
import { type Dynalite, startDynalite } from '../support/dynalite';
import { FakeEc2 } from '../support/fake-ec2';
import { startSlackServer } from '../support/slack-server';

export const GUARDIAN_ROLE = 'arn:aws:iam::123456789012:role/sg-guardian-evaluator';
export const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:sg-guardian';
const SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:sg-guardian/slack-AbCdEf';

/** The example event file as EventBridge delivers it. */
export function exampleEvent(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join('examples/events', `${name}.json`), 'utf8'));
}

export const lambdaContext = {
  functionName: 'sg-guardian-evaluator',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:sg-guardian-evaluator',
  memoryLimitInMB: '512',
  awsRequestId: 'req-1',
  logGroupName: '/aws/lambda/sg-guardian-evaluator',
  logStreamName: 'stream',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 60_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
} as unknown as Context;

/**
 * Everything the evaluator talks to, on this machine: dynalite (DynamoDB through AWS_ENDPOINT_URL_DYNAMODB),
 * an in-memory EC2 and SNS/Secrets Manager behind aws-sdk-client-mock, Slack on a loopback server.
 */
export async function startWorld(
  options: {
    mode?: 'enforce' | 'dry-run';
    slack?: Parameters<typeof startSlackServer>[0];
    /** More environment for the handlers (set before their cold start). */
    env?: Record<string, string>;
  } = {},
) {
  const dynamo: Dynalite = await startDynalite();
  const tables = await dynamo.freshTables();
  const ec2 = new FakeEc2(await loadSnapshotModel('examples/account'));
  const sns = mockClient(SNSClient);
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
  const secrets = mockClient(SecretsManagerClient);
  secrets
    .on(GetSecretValueCommand)
    .resolves({ SecretString: JSON.stringify({ botToken: 'xoxb-test-token', signingSecret: 's3cr3t' }) });
  const slack = await startSlackServer(options.slack);
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
  vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', dynamo.endpoint);
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
  vi.stubEnv('POWERTOOLS_TRACE_ENABLED', 'false');
  vi.stubEnv('SG_GUARDIAN_CONFIG', writeBundledPolicy());
  vi.stubEnv('SG_GUARDIAN_MODE', options.mode ?? 'enforce');
  vi.stubEnv('SG_GUARDIAN_STATE_TABLE', tables.state);
  vi.stubEnv('SG_GUARDIAN_AUDIT_TABLE', tables.audit);
  vi.stubEnv('SG_GUARDIAN_IDEMPOTENCY_TABLE', tables.idempotency);
  vi.stubEnv('SG_GUARDIAN_TOPIC_ARN', TOPIC);
  vi.stubEnv('SG_GUARDIAN_SLACK_SECRET_ARN', SECRET);
  vi.stubEnv('SG_GUARDIAN_SLACK_CHANNEL', 'C0SECURITY');
  vi.stubEnv('SG_GUARDIAN_SLACK_API_URL', slack.url);
  vi.stubEnv('SG_GUARDIAN_ROLE_ARN', GUARDIAN_ROLE);
  for (const [name, value] of Object.entries(options.env ?? {})) vi.stubEnv(name, value);
  vi.resetModules();
  const evaluator = await import('../../lambdas/handlers/evaluate');
  const sweeper = await import('../../lambdas/handlers/sweep');
  return {
    dynamo,
    tables,
    ec2,
    sns,
    secrets,
    slack,
    evaluate: (event: unknown, context: Context = lambdaContext) => evaluator.handler(event, context),
    /** The evaluator's SDK clients (add middleware to count or fail its calls). */
    clients: evaluator.clients,
    /** A new evaluator instance (a fresh Lambda sandbox, e.g. after a crash), with its own clients. */
    async coldStart() {
      vi.resetModules();
      const fresh = await import('../../lambdas/handlers/evaluate');
      return { evaluate: (event: unknown) => fresh.handler(event, lambdaContext), clients: fresh.clients };
    },
    sweep: () => sweeper.handler({}, lambdaContext),
    /** Makes the user's change of an example event happen in the account, as AWS would before the event. */
    land(event: Record<string, unknown>) {
      const [parsed] = parseDocument(event);
      if (parsed?.status === 'parsed') ec2.model = applyChange(ec2.model, parsed.change).model;
    },
    async stop() {
      ec2.restore();
      sns.restore();
      secrets.restore();
      vi.unstubAllEnvs();
      await slack.close();
      await dynamo.close();
    },
  };
}
