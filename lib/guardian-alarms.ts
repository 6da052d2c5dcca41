import {
  ArnFormat,
  aws_cloudwatch as cloudwatch,
  aws_cloudwatch_actions as cloudwatchActions,
  Duration,
  aws_iam as iam,
  type aws_kms as kms,
  type aws_lambda as lambda,
  Stack,
  type aws_sns as sns,
  type aws_sqs as sqs,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** Namespace and `service` dimension of the handlers' Powertools metrics (lambdas/handlers/*.ts). */
export const METRICS_NAMESPACE = 'SgGuardian';
export const METRICS_SERVICE = 'sg-guardian';

export interface GuardianAlarmsProps {
  readonly evaluator: lambda.IFunction;
  readonly sweeper: lambda.IFunction;
  readonly eventsDeadLetterQueue: sqs.IQueue;
  readonly failedInvocationsQueue: sqs.IQueue;
  /** Where alarms notify; CloudWatch is allowed to publish to it (and to use its key). */
  readonly topic: sns.ITopic;
  readonly topicKey: kms.IKey;
}

export type GuardianAlarmName =
  | 'EvaluatorErrors'
  | 'EvaluatorThrottles'
  | 'EventsDeadLetterQueue'
  | 'FailedInvocationsQueue'
  | 'RevertFailures'
  | 'SweepErrors'
  | 'SweepFailures';

const PERIOD = Duration.minutes(5);

/**
 * One alarm per way the guardrail can fail quietly, each firing on the first occurrence (> 0 in five
 * minutes; no data is fine) and notifying the report topic.
 */
export class GuardianAlarms extends Construct {
  readonly alarms: Readonly<Record<GuardianAlarmName, cloudwatch.Alarm>>;

  constructor(scope: Construct, id: string, props: GuardianAlarmsProps) {
    super(scope, id);
    const prefix = `${Stack.of(this).stackName}-`;
    const metrics: Record<GuardianAlarmName, [cloudwatch.IMetric, string]> = {
      EvaluatorErrors: [props.evaluator.metricErrors({ period: PERIOD }), 'the evaluator failed on an event'],
      EvaluatorThrottles: [
        props.evaluator.metricThrottles({ period: PERIOD }),
        'the evaluator was throttled',
      ],
      EventsDeadLetterQueue: [
        queueDepth(props.eventsDeadLetterQueue),
        'CloudTrail events EventBridge could not deliver to the evaluator are waiting in the dead-letter queue',
      ],
      FailedInvocationsQueue: [
        queueDepth(props.failedInvocationsQueue),
        'events the evaluator failed on after its retries are waiting in the failed-invocations queue',
      ],
      RevertFailures: [guardianMetric('RevertFailures'), 'a revert the policy asked for did not apply'],
      SweepErrors: [props.sweeper.metricErrors({ period: PERIOD }), 'the scheduled sweep failed'],
      SweepFailures: [
        guardianMetric('SweepFailures'),
        'the sweep could not read an account or region (e.g. its member role cannot be assumed)',
      ],
    };
    const action = new cloudwatchActions.SnsAction(props.topic);
    const alarms = {} as Record<GuardianAlarmName, cloudwatch.Alarm>;
    for (const [name, [metric, what]] of Object.entries(metrics) as [
      GuardianAlarmName,
      [cloudwatch.IMetric, string],
    ][]) {
      const alarm = new cloudwatch.Alarm(this, name, {
        alarmName: `${prefix}${name}`,
        alarmDescription: `sg-guardian: ${what}`,
        metric,
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(action);
      alarms[name] = alarm;
    }
    this.alarms = alarms;
    allowAlarmsToPublish(this, props, prefix);
  }
}

/** A count the handlers emit through Powertools Metrics (dimension `service`), summed per period. */
function guardianMetric(metricName: string): cloudwatch.IMetric {
  return new cloudwatch.Metric({
    namespace: METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { service: METRICS_SERVICE },
    statistic: cloudwatch.Stats.SUM,
    period: PERIOD,
  });
}

function queueDepth(queue: sqs.IQueue): cloudwatch.IMetric {
  return queue.metricApproximateNumberOfMessagesVisible({
    period: PERIOD,
    statistic: cloudwatch.Stats.MAXIMUM,
  });
}

/**
 * The topic's policy replaces SNS's default one, and its customer-managed key admits nobody by
 * default: CloudWatch needs both to deliver alarms, for this account's alarms of this stack only.
 */
function allowAlarmsToPublish(scope: Construct, props: GuardianAlarmsProps, prefix: string): void {
  const stack = Stack.of(scope);
  const principal = new iam.ServicePrincipal('cloudwatch.amazonaws.com');
  const conditions = {
    StringEquals: { 'aws:SourceAccount': stack.account },
    ArnLike: {
      'aws:SourceArn': stack.formatArn({
        service: 'cloudwatch',
        resource: 'alarm',
        resourceName: `${prefix}*`,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }),
    },
  };
  props.topic.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'CloudWatchAlarms',
      principals: [principal],
      actions: ['sns:Publish'],
      resources: [props.topic.topicArn],
      conditions,
    }),
  );
  props.topicKey.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'CloudWatchAlarms',
      principals: [principal],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions,
    }),
  );
}
