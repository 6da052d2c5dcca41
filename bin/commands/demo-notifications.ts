import { buildSlackMessage } from '../../lambdas/adapters/slack/slack-blocks';
import type { GuardrailReport, Notifier } from '../../lambdas/app/ports';
import { type NotificationContext, summarize } from '../../lambdas/app/render/notification';
import { renderSlackText } from '../../lambdas/app/render/slack-text';

/** One notification as the Lambda would send it: the SNS subject and the Slack message as text. */
export interface SentNotification {
  readonly subject: string;
  readonly severity: string;
  readonly state: string;
  /** The Slack bot message (chat.postMessage) rendered as plain text. */
  readonly slack: string;
}

/**
 * The demo's view of the notification channels: builds each message with the same code the SNS and
 * Slack notifiers use (summarize, buildSlackMessage with the bot transport's Revert / Keep buttons),
 * writes it and keeps it for the JSON output.
 */
export class PreviewNotifier implements Notifier {
  readonly name = 'preview';
  /** What was sent, by CloudTrail event id. */
  readonly sent = new Map<string, SentNotification>();

  constructor(
    private readonly write: (text: string) => void,
    private readonly context: NotificationContext = {},
  ) {}

  async notify(report: GuardrailReport): Promise<void> {
    const summary = summarize(report, this.context);
    const slack = renderSlackText(buildSlackMessage(report, this.context, { revertButtons: true }));
    const sent = { subject: summary.subject, severity: summary.severity, state: summary.state, slack };
    this.sent.set(report.verdict.eventId, sent);
    this.write(renderPreview(sent));
  }
}

/** "✉ SNS subject" and the Slack message in a box, indented like the verdict above it. */
export function renderPreview(n: SentNotification): string {
  const body = n.slack.split('\n').map((line) => `   │ ${line}`.trimEnd());
  return [
    `   ✉ SNS subject: ${n.subject}`,
    '   ┌─ Slack message ─────────────────────────────',
    ...body,
    '   └─────────────────────────────────────────────',
  ].join('\n');
}
