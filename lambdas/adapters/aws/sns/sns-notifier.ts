import { type MessageAttributeValue, PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { GuardrailReport, Notifier } from '../../../app/ports';
import { describeChange } from '../../../app/render/describe-change';
import { type NotificationContext, type NotificationSummary, summarize } from '../../../app/render/notification';
import type { Finding } from '../../../core/verdict/types';

export const SNS_NOTIFIER_IAM_ACTIONS = ['sns:Publish'] as const;

/** SNS takes 262,144 bytes for message and attributes together; the rest is headroom for attributes. */
export const MAX_SNS_MESSAGE_BYTES = 256 * 1024 - 8 * 1024;

export class SnsNotifyError extends Error {
  override name = 'SnsNotifyError';
}

export interface SnsNotifierOptions {
  readonly client: SNSClient;
  readonly topicArn: string;
  readonly context?: NotificationContext;
}

/** Publishes each report as JSON with filterable attributes (severity, kind, account, region, groupId…). */
export class SnsNotifier implements Notifier {
  readonly name = 'sns';
  constructor(private readonly options: SnsNotifierOptions) {}

  async notify(report: GuardrailReport): Promise<void> {
    const { client, topicArn, context = {} } = this.options;
    const summary = summarize(report, context);
    const command = new PublishCommand({
      TopicArn: topicArn,
      Subject: summary.subject,
      Message: snsMessage(report, summary),
      MessageAttributes: snsAttributes(report, summary),
    });
    try {
      await client.send(command);
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new SnsNotifyError(`SNS publish to ${topicArn} failed: ${reason}`, { cause: error });
    }
  }
}

/** Filter-policy attributes; empty values are left out (SNS rejects them). */
export function snsAttributes(
  { verdict, mode }: GuardrailReport,
  s: NotificationSummary,
): Record<string, MessageAttributeValue> {
  const text = (value: string | undefined) =>
    value ? { DataType: 'String', StringValue: value } : undefined;
  const list = (values: readonly string[]) =>
    values.length ? { DataType: 'String.Array', StringValue: JSON.stringify(values) } : undefined;
  const all = {
    severity: text(s.severity),
    kind: list(s.kinds),
    account: text(s.accountId),
    region: text(s.region),
    groupId: list(s.groupIds),
    verdict: text(verdict.verdict),
    action: text(verdict.action),
    outcome: text(s.state),
    mode: text(mode),
  };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined)) as Record<
    string,
    MessageAttributeValue
  >;
}

/** The JSON message: summary, findings, revert plan and outcome, links; shrunk to fit SNS when needed. */
export function snsMessage(report: GuardrailReport, s: NotificationSummary): string {
  const { verdict: v, revert, mode } = report;
  const document: Record<string, unknown> = {
    source: 'sg-guardian',
    version: 1,
    subject: s.subject,
    severity: s.severity,
    kinds: s.kinds,
    groupIds: s.groupIds,
    accountId: s.accountId,
    region: s.region,
    mode,
    state: s.state,
    event: { id: v.eventId, name: v.eventName, time: v.eventTime, actor: v.actor },
    change: v.change ? { ...v.change, description: describeChange(v.change) } : undefined,
    verdict: { status: v.verdict, reason: v.reason, action: v.action, actionReason: v.actionReason },
    notEvaluated: v.notEvaluated,
    findings: v.findings,
    preexisting: v.preexisting,
    revertPlan: v.revert,
    revertOutcome: revert,
    links: s.links,
    ...(s.decisionLinks.length > 0 && { decisionLinks: s.decisionLinks }),
    text: s.body,
  };
  return fitToSns(document);
}

/** Shrinks, in order, until the message fits; each step is named in `truncated`. */
const SHRINK_STEPS: Record<string, (d: Record<string, unknown>) => void> = {
  pairs(d) {
    d.findings = withoutPairs(d.findings);
    d.preexisting = withoutPairs(d.preexisting);
  },
  text(d) {
    d.text = undefined;
  },
  preexisting(d) {
    d.preexisting = (d.preexisting as Finding[]).map(brief);
  },
  findings(d) {
    d.findings = (d.findings as Finding[]).map(brief);
  },
  revertPlan(d) {
    d.revertPlan = stepSummaries(d.revertPlan);
  },
};

function fitToSns(document: Record<string, unknown>): string {
  let json = JSON.stringify(document);
  const truncated: string[] = [];
  for (const [name, shrink] of Object.entries(SHRINK_STEPS)) {
    if (Buffer.byteLength(json) <= MAX_SNS_MESSAGE_BYTES) return json;
    shrink(document);
    truncated.push(name);
    document.truncated = {
      dropped: truncated,
      reason: 'left out to fit the SNS 256 KB message limit; the audit log keeps the full verdict',
    };
    json = JSON.stringify(document);
  }
  const findings = document.findings as unknown[];
  document.findingsTotal = findings.length;
  while (Buffer.byteLength(json) > MAX_SNS_MESSAGE_BYTES && findings.length > 1) {
    findings.length = Math.floor(findings.length / 2);
    document.findingsListed = findings.length;
    json = JSON.stringify(document);
  }
  return json;
}

function withoutPairs(findings: unknown): unknown[] {
  return (findings as Finding[]).map(({ pairs, ...rest }) => ({ ...rest, pairCount: pairs?.length ?? 0 }));
}

function brief(f: Finding) {
  return {
    id: f.id,
    kind: f.kind,
    ruleId: f.ruleId,
    severity: f.severity,
    title: f.title,
    groupId: f.groupId,
  };
}

function stepSummaries(plan: unknown) {
  const p = plan as GuardrailReport['verdict']['revert'];
  return {
    status: p.status,
    reason: p.reason,
    steps: p.steps.map((s) => ({ api: s.api, summary: s.summary })),
  };
}
