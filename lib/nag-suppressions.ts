// Every cdk-nag (AwsSolutions) finding sg-guardian accepts, each with why. cdk-nag 3 records them with
// CDK's own `Validations.of(construct).acknowledge()` (its replacement for NagSuppressions); a finding
// on one wildcard resource is acknowledged by that exact resource, so a new wildcard still fails.
import { type aws_iam as iam, Stack, type aws_sqs as sqs, Validations } from 'aws-cdk-lib';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import type { IConstruct } from 'constructs';

const NO_RESOURCE_LEVEL_PERMISSIONS =
  "ec2:Describe* / ec2:Get* (the reader) and xray:PutTraceSegments / xray:PutTelemetryRecords (active tracing) support no resource-level permissions: IAM only accepts '*' for them.";

/** `AwsSolutions-IAM5[Resource::…]` for each wildcard resource of the statements, with one reason. */
export function acknowledgeWildcardResources(
  principal: IConstruct,
  statements: readonly iam.PolicyStatement[],
  reason: string,
): void {
  const stack = Stack.of(principal);
  const wildcards = new Set(
    statements
      .flatMap((s) => s.resources)
      .filter((r) => r !== '*')
      .map((r) => flattenCfnReference(stack.resolve(r)))
      .filter((r) => r.includes('*')),
  );
  for (const resource of wildcards)
    Validations.of(principal).acknowledge({ id: `AwsSolutions-IAM5[Resource::${resource}]`, reason });
}

/** The describe calls and X-Ray, which IAM only grants on '*'. */
export function acknowledgeReadOnlyWildcard(principal: IConstruct): void {
  Validations.of(principal).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: NO_RESOURCE_LEVEL_PERMISSIONS,
  });
}

/** The revert writes: every listed EC2 write action on any resource of its types in the watched scope. */
export function acknowledgeEc2Writes(principal: IConstruct, ec2: readonly iam.PolicyStatement[]): void {
  acknowledgeReadOnlyWildcard(principal);
  acknowledgeWildcardResources(
    principal,
    ec2,
    'Reverts must reach any security group, rule, ENI, NACL, subnet association or instance attachment ' +
      'a change touched; each write action is listed by name (never ec2:*) and limited to the ARNs of ' +
      'its resource types in this account and the watched regions (and, with deployment.revertScope, ' +
      'to the tags and VPCs configured there).',
  );
}

/** The central role's remaining wildcards: the state table's indexes and the topic key's data keys. */
export function acknowledgeGuardianRole(role: iam.IRole, stateTableArn: string): void {
  const index = flattenCfnReference(Stack.of(role).resolve(`${stateTableArn}/index/*`));
  Validations.of(role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::${index}]`,
    reason:
      "The state cache queries its own table's byScope and byKind indexes; Table.grant() names the table's indexes as index/*.",
  });
  Validations.of(role).acknowledge({
    id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
    reason:
      "Publishing to the KMS-encrypted topic: SNS asks for a data key per message (AWS documents kms:GenerateDataKey* for publishers); granted on the topic's own key only.",
  });
}

/** The evaluator's sts:AssumeRole on the member role of every member account. */
export function acknowledgeMemberRoles(role: iam.IRole, statement: iam.PolicyStatement): void {
  acknowledgeWildcardResources(
    role,
    [statement],
    'The revert role exists in every member account (account "*"); only that role name, which trusts this ' +
      'role with an external id, and with organizationId only in accounts of the Organization (aws:ResourceOrgID).',
  );
}

/** Queues that are themselves the dead-letter queues (cdk-nag only knows SQS redrive DLQs). */
export function acknowledgeDeadLetterQueue(queue: sqs.IQueue, of: string): void {
  Validations.of(queue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason: `This queue is the dead-letter queue of ${of}; a dead-letter queue of a dead-letter queue would only move the same messages.`,
  });
}

/** AwsSolutions-L1 wants the newest runtime; the team deploys on nodejs22.x on purpose. */
export function acknowledgePinnedRuntime(fn: IConstruct): void {
  Validations.of(fn).acknowledge({
    id: 'AwsSolutions-L1',
    reason:
      'Lambdas are pinned to nodejs22.x (DEVELOPERS.md): the code is built and tested for Node 20/22; a runtime ' +
      'upgrade is a deliberate change with its own test run, not a side effect of a linter rule',
  });
}
