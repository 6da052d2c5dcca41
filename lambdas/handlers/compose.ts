import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { readBundledConfig } from '../adapters/files/bundled-config';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbAuditLog } from '../adapters/aws/dynamodb/dynamodb-audit-log';
import { DynamoDbDecisionStore } from '../adapters/aws/dynamodb/dynamodb-decision-store';
import { dynamoDbStorageCheck } from '../adapters/aws/dynamodb/dynamodb-key-limits';
import { DynamoDbStateCache } from '../adapters/aws/dynamodb/dynamodb-state-cache';
import { createEc2Client, Ec2AccountReader } from '../adapters/aws/ec2/ec2-reader';
import { Ec2Reverter } from '../adapters/aws/ec2/ec2-writer';
import { PowertoolsMetricsSink } from '../adapters/aws/powertools-metrics';
import { systemClock } from '../adapters/local/system-clock';
import { LiveStateSource } from '../app/live-state-source';
import { SignedLinks } from '../app/one-click/signed-link';
import type { Notifier } from '../app/ports';
import type { PipelineDeps } from '../app/process-event';
import type { GuardianConfig } from '../core/config/schema';
import { accountOfArn } from '../adapters/aws/member-account-clients';
import { accountPipelines } from './compose-accounts';
import { LazyNotifier } from './lazy-notifier';
import type { Settings } from './settings';
import { withoutRequestLogging } from '../adapters/aws/no-request-logging';

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
 * Builds every dependency of the pipeline once per cold start (awaited at module top level). SDK
 * clients get no endpoint: the SDK itself honours AWS_ENDPOINT_URL (and AWS_ENDPOINT_URL_<SERVICE>)
 * and the default credential chain. The SNS notifier, like Slack, is not imported at init (most
 * events notify nobody): on the first notification, or earlier by `prepareNotifications` (the
 * evaluator calls it once its first event's calls are on the wire: lazy-notifier.ts).
 */
export async function composePipeline(settings: Settings, metrics: Metrics) {
  const config = await readBundledConfig(settings.SG_GUARDIAN_CONFIG);
  const ec2 = createEc2Client({ requestHandler: keepAliveRequestHandler() });
  const dynamodb = withoutRequestLogging(new DynamoDBClient({ requestHandler: keepAliveRequestHandler() }));
  const reader = new Ec2AccountReader(ec2);
  const cache = new DynamoDbStateCache({ client: dynamodb, tableName: settings.SG_GUARDIAN_STATE_TABLE });
  const state = new LiveStateSource({ reader, cache, config });
  const context = { region: process.env.AWS_REGION };
  const notifiers: Notifier[] = [];
  const topicArn = settings.SG_GUARDIAN_TOPIC_ARN;
  const sns = topicArn
    ? new LazyNotifier('sns', async () => (await import('./compose-sns')).snsNotifier(topicArn, context))
    : undefined;
  if (sns) notifiers.push(sns);
  const slackSecretArn = settings.SG_GUARDIAN_SLACK_SECRET_ARN;
  if (slackSecretArn)
    notifiers.push(
      new LazyNotifier('slack', async () =>
        (await import('./compose-channels')).slackNotifier({ ...settings, SG_GUARDIAN_SLACK_SECRET_ARN: slackSecretArn }, context),
      ),
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
    ...decisionLinks(settings, config),
  };
  const accounts = accountPipelines({ deps, reader, cache }, { settings, homeClient: ec2, dynamodb });
  return {
    deps,
    /**
     * Starts loading the SNS notifier (its client and the notification rendering: a small chunk) ahead
     * of the first notification; Slack, much larger, still loads on its first message.
     */
    prepareNotifications: () => sns?.prepare(),
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
function decisionLinks(settings: Settings, config: GuardianConfig) {
  const publicUrl = config.approvals.publicUrl ?? settings.SG_GUARDIAN_PUBLIC_URL;
  const secretArn = settings.SG_GUARDIAN_LINK_SECRET_ARN;
  if (!publicUrl || !secretArn) return {};
  // The Secrets Manager client loads with the first link (compose-channels.ts); the secret is read once.
  let read: Promise<() => Promise<string>> | undefined;
  const secret = async () => {
    read ??= import('./compose-channels').then((channels) => channels.linkSecret(secretArn));
    return (await read)();
  };
  return { decisionLinks: new SignedLinks({ secret, publicUrl, ttlHours: config.approvals.linkTtlHours }) };
}
