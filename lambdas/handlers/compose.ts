import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { readBundledConfig } from '../adapters/files/bundled-config';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDbAuditLog } from '../adapters/aws/dynamodb/dynamodb-audit-log';
import { DynamoDbDecisionStore } from '../adapters/aws/dynamodb/dynamodb-decision-store';
import { dynamoDbStorageCheck } from '../adapters/aws/dynamodb/dynamodb-key-limits';
import { DynamoDbStateCache } from '../adapters/aws/dynamodb/dynamodb-state-cache';
import { createEc2Client, Ec2AccountReader } from '../adapters/aws/ec2/ec2-reader';
import { Ec2Reverter } from '../adapters/aws/ec2/ec2-writer';
import { linkSecretFromSecret } from '../adapters/aws/secrets-manager/link-secret';
import { PowertoolsMetricsSink } from '../adapters/aws/powertools-metrics';
import { slackCredentialsFromSecret } from '../adapters/aws/secrets-manager/secrets';
import { SlackNotifier } from '../adapters/slack/slack-notifier';
import { SnsNotifier } from '../adapters/aws/sns/sns-notifier';
import { systemClock } from '../adapters/local/system-clock';
import { LiveStateSource } from '../app/live-state-source';
import { SignedLinks } from '../app/one-click/signed-link';
import type { Notifier } from '../app/ports';
import type { PipelineDeps } from '../app/process-event';
import type { GuardianConfig } from '../core/config/schema';
import { accountOfArn } from '../adapters/aws/member-account-clients';
import { accountPipelines } from './compose-accounts';
import type { Settings } from './settings';

/** A slow Slack must not hold the revert's Lambda for long: at most 2 tries of 4 s. */
const SLACK_BUDGET = { timeoutMs: 4_000, retries: 1 } as const;

/**
 * Keep-alive connections for the SDK clients, explicitly: an event's calls (claim, reads, revert, final
 * write) reuse the connections of the previous one instead of a TCP (and TLS) handshake each.
 */
export function keepAliveRequestHandler() {
  return {
    httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 50 }),
    httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: 50 }),
  };
}

/**
 * Builds every dependency of the pipeline once per cold start. SDK clients get no endpoint: the SDK
 * itself honours AWS_ENDPOINT_URL (and AWS_ENDPOINT_URL_<SERVICE>) and the default credential chain.
 */
export function composePipeline(settings: Settings, metrics: Metrics) {
  const config = readBundledConfig(settings.SG_GUARDIAN_CONFIG);
  const ec2 = createEc2Client({ requestHandler: keepAliveRequestHandler() });
  const dynamodb = new DynamoDBClient({ requestHandler: keepAliveRequestHandler() });
  const reader = new Ec2AccountReader(ec2);
  const cache = new DynamoDbStateCache({ client: dynamodb, tableName: settings.SG_GUARDIAN_STATE_TABLE });
  const state = new LiveStateSource({ reader, cache, config });
  const context = { region: process.env.AWS_REGION };
  const sns = new SNSClient({});
  const secrets = new SecretsManagerClient({});
  const notifiers: Notifier[] = [];
  if (settings.SG_GUARDIAN_TOPIC_ARN)
    notifiers.push(new SnsNotifier({ client: sns, topicArn: settings.SG_GUARDIAN_TOPIC_ARN, context }));
  if (settings.SG_GUARDIAN_SLACK_SECRET_ARN)
    notifiers.push(
      new SlackNotifier({
        credentials: slackCredentialsFromSecret(secrets, settings.SG_GUARDIAN_SLACK_SECRET_ARN),
        transport: settings.SG_GUARDIAN_SLACK_CHANNEL
          ? {
              kind: 'bot',
              channel: settings.SG_GUARDIAN_SLACK_CHANNEL,
              slackApiUrl: settings.SG_GUARDIAN_SLACK_API_URL,
              ...SLACK_BUDGET,
            }
          : { kind: 'webhook', ...SLACK_BUDGET },
        context,
      }),
    );
  const deps: PipelineDeps = {
    config,
    state,
    reverter: new Ec2Reverter(ec2),
    notifiers,
    clock: systemClock,
    mode: settings.SG_GUARDIAN_MODE,
    audit: new DynamoDbAuditLog({
      client: dynamodb,
      tableName: settings.SG_GUARDIAN_AUDIT_TABLE,
      ttlDays: settings.SG_GUARDIAN_AUDIT_TTL_DAYS,
    }),
    metrics: new PowertoolsMetricsSink(metrics),
    guardianRoleArn: settings.SG_GUARDIAN_ROLE_ARN,
    commit: (s, gone) => state.commit(s, gone),
    ec2Calls: () => reader.calls,
    homeAccountId: settings.SG_GUARDIAN_ROLE_ARN ? accountOfArn(settings.SG_GUARDIAN_ROLE_ARN) : undefined,
    decisions: new DynamoDbDecisionStore({ client: dynamodb, tableName: settings.SG_GUARDIAN_STATE_TABLE }),
    storable: dynamoDbStorageCheck,
    ...decisionLinks(settings, config, secrets),
  };
  const accounts = accountPipelines({ deps, reader, cache }, { settings, homeClient: ec2, dynamodb });
  return {
    deps,
    depsFor: accounts.depsFor,
    sweepTargets: accounts.sweepTargets,
    state,
    reader,
    cache,
    dynamodb,
    ec2,
  };
}

/** Signed links in notifications, when a public URL and a link secret are both configured. */
function decisionLinks(settings: Settings, config: GuardianConfig, secrets: SecretsManagerClient) {
  const publicUrl = config.approvals.publicUrl ?? settings.SG_GUARDIAN_PUBLIC_URL;
  if (!publicUrl || !settings.SG_GUARDIAN_LINK_SECRET_ARN) return {};
  const secret = linkSecretFromSecret(secrets, settings.SG_GUARDIAN_LINK_SECRET_ARN);
  return { decisionLinks: new SignedLinks({ secret, publicUrl, ttlHours: config.approvals.linkTtlHours }) };
}
