import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { linkSecretFromSecret } from '../adapters/aws/secrets-manager/link-secret';
import { slackCredentialsFromSecret } from '../adapters/aws/secrets-manager/secrets';
import { SlackNotifier } from '../adapters/slack/slack-notifier';
import type { Notifier } from '../app/ports';
import type { Settings } from './settings';
import { withoutRequestLogging } from '../adapters/aws/no-request-logging';

// The optional channels of the pipeline: compose.ts imports this module dynamically, on the first
// notification or signed link, so that a cold start compiles neither the Slack client nor the
// Secrets Manager client (the bundle splits them into chunks: BENCHMARKS.md, Bundle).

/** A slow Slack must not hold the revert's Lambda for long: at most 2 tries of 4 s. */
const SLACK_BUDGET = { timeoutMs: 4_000, retries: 1 } as const;

let secretsClient: SecretsManagerClient | undefined;
/** One Secrets Manager client for every channel, built on first use. */
function secrets(): SecretsManagerClient {
  secretsClient ??= withoutRequestLogging(new SecretsManagerClient({}));
  return secretsClient;
}

/** The Slack notifier (bot when a channel is set, webhook otherwise) reading its secret on first use. */
export function slackNotifier(
  settings: Settings & { readonly SG_GUARDIAN_SLACK_SECRET_ARN: string },
  context: { readonly region?: string | undefined },
): Notifier {
  return new SlackNotifier({
    credentials: slackCredentialsFromSecret(secrets(), settings.SG_GUARDIAN_SLACK_SECRET_ARN),
    transport: settings.SG_GUARDIAN_SLACK_CHANNEL
      ? {
          kind: 'bot',
          channel: settings.SG_GUARDIAN_SLACK_CHANNEL,
          slackApiUrl: settings.SG_GUARDIAN_SLACK_API_URL,
          ...SLACK_BUDGET,
        }
      : { kind: 'webhook', ...SLACK_BUDGET },
    context,
  });
}

/** The signing secret of the one-click links, read (and checked) once. */
export function linkSecret(secretArn: string): () => Promise<string> {
  return linkSecretFromSecret(secrets(), secretArn);
}
