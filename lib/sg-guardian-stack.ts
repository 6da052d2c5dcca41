import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { SecurityGroupGuardian, type SecurityGroupGuardianProps } from './security-group-guardian';

export interface SgGuardianStackProps extends StackProps {
  readonly guardian: SecurityGroupGuardianProps;
}

/** sg-guardian for one account and region, with the names operators look up as outputs. */
export class SgGuardianStack extends Stack {
  readonly guardian: SecurityGroupGuardian;

  constructor(scope: Construct, id: string, props: SgGuardianStackProps) {
    super(scope, id, props);
    this.guardian = new SecurityGroupGuardian(this, 'Guardian', props.guardian);
    const { tables, notifications, evaluator, role } = this.guardian;
    const outputs: Record<string, [value: string, description: string]> = {
      TopicArn: [notifications.topic.topicArn, 'SNS topic of guardrail reports'],
      StateTableName: [tables.state.tableName, 'Last-known state table'],
      AuditTableName: [tables.audit.tableName, 'Audit trail table'],
      IdempotencyTableName: [tables.idempotency.tableName, 'Idempotency records table'],
      EvaluatorFunctionName: [evaluator.functionName, 'Lambda judging CloudTrail events'],
      EvaluatorRoleArn: [role.roleArn, 'Role of the handlers (-c centralEvaluatorRoleArn of member stacks)'],
      ...(this.guardian.actions && {
        ActionsUrl: [
          this.guardian.actions.url.url,
          'One-click endpoint: Slack Interactivity Request URL = <url>slack/actions; approvals.publicUrl = <url>',
        ] as [string, string],
      }),
      EventsDeadLetterQueueUrl: [this.guardian.eventsDeadLetterQueue.queueUrl, 'Undeliverable events'],
      FailedInvocationsQueueUrl: [this.guardian.failedInvocationsQueue.queueUrl, 'Failed evaluations'],
    };
    for (const [id, [value, description]] of Object.entries(outputs))
      new CfnOutput(this, id, { value, description });
  }
}
