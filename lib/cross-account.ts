import { aws_events as events, aws_iam as iam, Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { MEMBER_ACCOUNT_IAM_ACTIONS } from '../lambdas/adapters/aws/member-account-clients';
import type { CrossAccountSettings } from './deployment';

/** May assume the member role — that name only — in any account (of the Organization). */
export function assumeMemberRolesStatement(
  scope: Construct,
  settings: CrossAccountSettings,
): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'AssumeMemberRevertRoles',
    actions: [...MEMBER_ACCOUNT_IAM_ACTIONS],
    resources: [memberRoleArnPattern(scope, settings.memberRoleName)],
    conditions: settings.organizationId
      ? { StringEquals: { 'aws:ResourceOrgID': settings.organizationId } }
      : undefined,
  });
}

/** `arn:<partition>:iam::*:role/<name>`: the member role in every account. */
export function memberRoleArnPattern(scope: Construct, memberRoleName: string): string {
  return Stack.of(scope).formatArn({
    service: 'iam',
    region: '',
    account: '*',
    resource: 'role',
    resourceName: memberRoleName,
  });
}

/** The variables the evaluator reads to reach member accounts (lambdas/adapters/aws/member-account-clients.ts). */
export function crossAccountEnvironment(settings: CrossAccountSettings): Record<string, string> {
  return {
    SG_GUARDIAN_MEMBER_ROLE_NAME: settings.memberRoleName,
    SG_GUARDIAN_EXTERNAL_ID: settings.externalId,
  };
}

/**
 * Lets every account of the Organization put events on this account's default bus (the member
 * stacks forward their CloudTrail EC2 events there). One statement of the bus policy, named after
 * the stack so that other statements and other stacks' statements stay untouched. (The L1 resource:
 * events.EventBusPolicy cannot render a statement with an AnyPrincipal.)
 */
export function acceptOrganizationEvents(scope: Construct, organizationId: string): events.CfnEventBusPolicy {
  const stack = Stack.of(scope);
  const statementId = `${stack.stackName}-organization-events`.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 64);
  return new events.CfnEventBusPolicy(scope, 'OrganizationEvents', {
    eventBusName: 'default',
    statementId,
    statement: {
      Sid: statementId,
      Effect: 'Allow',
      Principal: '*',
      Action: 'events:PutEvents',
      Resource: stack.formatArn({ service: 'events', resource: 'event-bus', resourceName: 'default' }),
      Condition: { StringEquals: { 'aws:PrincipalOrgID': organizationId } },
    },
  });
}
