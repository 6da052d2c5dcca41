import { readBundledConfig } from '../adapters/files/bundled-config';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoDbAuditLog } from '../adapters/aws/dynamodb/dynamodb-audit-log';
import { DynamoDbDecisionStore } from '../adapters/aws/dynamodb/dynamodb-decision-store';
import { DynamoDbReplayGuard } from '../adapters/aws/dynamodb/dynamodb-replay-guard';
import { createEc2Client } from '../adapters/aws/ec2/ec2-reader';
import { Ec2Reverter } from '../adapters/aws/ec2/ec2-writer';
import { AccountRoutingReverter } from '../adapters/aws/ec2/account-routing-reverter';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { Reverter } from '../app/ports';
import { InProcessRunner } from '../adapters/local/in-process-runner';
import { type InvokeAsync, LambdaAsyncRunner } from '../adapters/aws/lambda/lambda-async-runner';
import { linkSecretFromSecret } from '../adapters/aws/secrets-manager/link-secret';
import { slackCredentialsFromSecret } from '../adapters/aws/secrets-manager/secrets';
import { parseSlackClick } from '../adapters/slack/slack-interaction-payload';
import { SLACK_RESPONSE_URL_PREFIXES, SlackResponseUrl } from '../adapters/slack/slack-response-url';
import { SlackUserGroups } from '../adapters/slack/slack-user-groups';
import { systemClock } from '../adapters/local/system-clock';
import type { DecideDeps } from '../app/one-click/decide';
import { type DecisionJob, runDecisionJob } from '../app/one-click/decision-job';
import type { ActionsDeps } from '../app/one-click/router';
import type { AsyncRunner } from '../app/ports';
import { accountClients } from './compose-accounts';
import type { Settings } from './settings';
import { withoutRequestLogging } from '../adapters/aws/no-request-logging';

/** A user-group lookup must leave room in Slack's 3 s: one try of 1.5 s. */
const DIRECTORY_BUDGET = { timeoutMs: 1_500, retries: 0 } as const;

export interface ComposeActionsOptions {
  /** Async self-invoke (`(input) => new LambdaClient({}).send(new InvokeCommand(input))`); without it jobs run inline. */
  readonly invoke?: InvokeAsync;
  /** This function's name (AWS_LAMBDA_FUNCTION_NAME), the target of the self-invoke. */
  readonly functionName?: string;
  readonly log?: (message: string, detail?: Record<string, unknown>) => void;
}

/** Every dependency of the actions function (Slack interactivity and signed links), once per cold start. */
export async function composeActions(settings: Settings, options: ComposeActionsOptions = {}) {
  const config = await readBundledConfig(settings.SG_GUARDIAN_CONFIG);
  const ec2 = createEc2Client();
  const dynamodb = withoutRequestLogging(new DynamoDBClient({}));
  const secrets = withoutRequestLogging(new SecretsManagerClient({}));
  const table = settings.SG_GUARDIAN_STATE_TABLE;
  const decide: DecideDeps = {
    decisions: new DynamoDbDecisionStore({ client: dynamodb, tableName: table }),
    reverter: routedReverter(settings, ec2),
    audit: new DynamoDbAuditLog({
      client: dynamodb,
      tableName: settings.SG_GUARDIAN_AUDIT_TABLE,
      ttlDays: settings.SG_GUARDIAN_AUDIT_TTL_DAYS,
    }),
    clock: systemClock,
    mode: settings.SG_GUARDIAN_MODE,
  };
  const responder = new SlackResponseUrl({ allowedPrefixes: responseUrlPrefixes(settings) });
  const runJob = (job: DecisionJob) => runDecisionJob(job, { ...decide, responder });
  const slack = settings.SG_GUARDIAN_SLACK_SECRET_ARN
    ? slackCredentialsFromSecret(secrets, settings.SG_GUARDIAN_SLACK_SECRET_ARN)
    : undefined;
  const linkSecret = settings.SG_GUARDIAN_LINK_SECRET_ARN
    ? linkSecretFromSecret(secrets, settings.SG_GUARDIAN_LINK_SECRET_ARN)
    : undefined;
  const publicUrl = config.approvals.publicUrl ?? settings.SG_GUARDIAN_PUBLIC_URL;
  const deps: ActionsDeps = {
    ...decide,
    signingSecret: async () => (slack ? (await slack()).signingSecret : undefined),
    replay: new DynamoDbReplayGuard({ client: dynamodb, tableName: table }),
    approvals: config.approvals,
    ...(slack && {
      userGroups: new SlackUserGroups({
        token: async () => (await slack()).botToken,
        slackApiUrl: settings.SG_GUARDIAN_SLACK_API_URL,
        ...DIRECTORY_BUDGET,
      }),
    }),
    runner: jobRunner(runJob, options),
    parseClick: parseSlackClick,
    linkSecret: async () => linkSecret?.(),
    ...(publicUrl && { publicOrigin: new URL(publicUrl).origin }),
    ...(options.log && { log: options.log }),
  };
  return { deps, runJob, dynamodb };
}

/** The self-invoke when wired; else inline (the answer to Slack then waits for the revert). */
function jobRunner(runJob: (job: DecisionJob) => Promise<unknown>, options: ComposeActionsOptions) {
  const { invoke, functionName, log } = options;
  if (invoke && functionName) return new LambdaAsyncRunner<DecisionJob>({ invoke, functionName });
  const onError = (error: unknown) => log?.('decision job failed', { error: (error as Error).message });
  return new InProcessRunner<DecisionJob>(runJob, { inline: true, onError }) as AsyncRunner<DecisionJob>;
}

/** Slack's hosts, and the origin of a custom Slack API URL (GovSlack, or a test server). */
function responseUrlPrefixes(settings: Settings): string[] {
  const custom = settings.SG_GUARDIAN_SLACK_API_URL;
  return [...SLACK_RESPONSE_URL_PREFIXES, ...(custom ? [`${new URL(custom).origin}/`] : [])];
}

/** Reverts in the account and region of the decision's event (member accounts through their role). */
function routedReverter(settings: Settings, ec2: EC2Client): Reverter {
  const { homeAccountId, homeRegion, clientFor } = accountClients(settings, ec2);
  return new AccountRoutingReverter({ home: new Ec2Reverter(ec2), homeAccountId, homeRegion, clientFor });
}
