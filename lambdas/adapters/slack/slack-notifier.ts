import type { Logger, WebClient } from '@slack/web-api';
import type { GuardrailReport, Notifier } from '../../app/ports';
import type { NotificationContext } from '../../app/render/notification';
import type { SlackCredentials } from '../aws/secrets-manager/secrets';
import { buildSlackMessage } from './slack-blocks';
import {
  createWebClient,
  postToWebhook,
  postWithWebClient,
  type SlackHttpOptions,
  SlackNotifyError,
} from './slack-transport';

export { SlackNotifyError } from './slack-transport';

/** No AWS actions of its own: the token or webhook comes from the credentials provider (see SECRETS_IAM_ACTIONS). */
export const SLACK_NOTIFIER_IAM_ACTIONS = [] as const;

/** Bot token + channel (chat.postMessage); the only transport that can carry Revert / Keep buttons. */
export interface SlackBotTransport extends SlackHttpOptions {
  readonly kind: 'bot';
  /** Channel id (C0123…) or name. */
  readonly channel: string;
  /** Base URL of the Web API; default https://slack.com/api/. */
  readonly slackApiUrl?: string;
  /** Offer Revert / Keep when a violation awaits a decision; default true. Needs the interaction handler. */
  readonly revertButtons?: boolean;
  readonly logger?: Logger;
}

/** Incoming webhook: blocks, never buttons (a webhook message cannot be interactive). */
export interface SlackWebhookTransport extends SlackHttpOptions {
  readonly kind: 'webhook';
}

export interface SlackNotifierOptions {
  /** Fetches the secret; the caller caches it (slackCredentialsFromSecret does). */
  readonly credentials: () => Promise<SlackCredentials>;
  readonly transport: SlackBotTransport | SlackWebhookTransport;
  readonly context?: NotificationContext;
}

/** Posts each report to Slack as a Block Kit message. */
export class SlackNotifier implements Notifier {
  readonly name = 'slack';
  private web?: { token: string; client: WebClient };

  constructor(private readonly options: SlackNotifierOptions) {}

  async notify(report: GuardrailReport): Promise<void> {
    const { transport, context = {} } = this.options;
    const credentials = await this.credentials();
    if (transport.kind === 'webhook') {
      if (!credentials.webhookUrl) throw new SlackNotifyError('Slack credentials have no webhookUrl');
      const message = buildSlackMessage(report, context, { revertButtons: false });
      return postToWebhook(credentials.webhookUrl, message, transport);
    }
    if (!credentials.botToken) throw new SlackNotifyError('Slack credentials have no botToken');
    const message = buildSlackMessage(report, context, { revertButtons: transport.revertButtons ?? true });
    await postWithWebClient(this.clientFor(credentials.botToken, transport), transport.channel, message);
  }

  private async credentials(): Promise<SlackCredentials> {
    try {
      return await this.options.credentials();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new SlackNotifyError(`Slack credentials unavailable: ${reason}`, { cause: error });
    }
  }

  /** One WebClient per token (a rotated secret gets a new one). */
  private clientFor(token: string, transport: SlackBotTransport): WebClient {
    if (this.web?.token !== token) this.web = { token, client: createWebClient(token, transport) };
    return this.web.client;
  }
}
