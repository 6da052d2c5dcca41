import { SNSClient } from '@aws-sdk/client-sns';
import { SnsNotifier } from '../adapters/aws/sns/sns-notifier';
import type { Notifier } from '../app/ports';
import { withoutRequestLogging } from '../adapters/aws/no-request-logging';

// compose.ts imports this module dynamically, on the first notification: most events notify nobody
// (allowed changes), and a cold start then compiles neither the SNS client nor the notification
// rendering (the bundle splits them into a chunk: BENCHMARKS.md, Cold start).

/** The SNS notifier of the topic, with its own client. */
export function snsNotifier(topicArn: string, context: { readonly region?: string | undefined }): Notifier {
  return new SnsNotifier({ client: withoutRequestLogging(new SNSClient({})), topicArn, context });
}
