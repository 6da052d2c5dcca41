import { Duration, aws_sqs as sqs } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

/** An SSL-only, SQS-encrypted queue keeping messages for the maximum 14 days. */
export function secureQueue(scope: Construct, id: string): sqs.Queue {
  return new sqs.Queue(scope, id, {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
}
