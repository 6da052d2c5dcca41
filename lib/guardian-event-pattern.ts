import type { aws_events as events } from 'aws-cdk-lib';
import { SUPPORTED_EVENT_NAMES } from '../lambdas/core/events/parser-table';

/** CloudTrail records of exactly the EC2 calls the event parsers understand. */
export function cloudTrailEventPattern(): events.EventPattern {
  return {
    source: ['aws.ec2'],
    detailType: ['AWS API Call via CloudTrail'],
    detail: {
      eventSource: ['ec2.amazonaws.com'],
      eventName: [...SUPPORTED_EVENT_NAMES],
    },
  };
}
