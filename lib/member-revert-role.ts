import { aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { RevertScope } from '../lambdas/core/config/deployment-schema';
import { ec2Statements } from './ec2-permissions';
import * as nag from './nag-suppressions';

export interface MemberRevertRoleProps {
  /** The central evaluator's role: the only principal trusted. */
  readonly centralEvaluatorRoleArn: string;
  /** @default 'sg-guardian-revert' */
  readonly roleName?: string;
  /** Required as sts:ExternalId by the trust policy. */
  readonly externalId: string;
  /** When set, the caller must also belong to this Organization (aws:PrincipalOrgID). */
  readonly organizationId?: string;
  /** Regions the role may revert in (the write ARNs); IAM roles are global. */
  readonly regions: readonly string[];
  /** Tags and/or VPCs the EC2 writes are limited to. @default no conditions */
  readonly revertScope?: RevertScope;
}

/**
 * The role the central evaluator assumes in a member account: the same EC2 read and write actions,
 * scoped the same way (writes on this account's ARNs in the watched regions), as the central role.
 */
export class MemberRevertRole extends Construct {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: MemberRevertRoleProps) {
    super(scope, id);
    const conditions = {
      StringEquals: {
        'sts:ExternalId': props.externalId,
        ...(props.organizationId && { 'aws:PrincipalOrgID': props.organizationId }),
      },
    };
    const ec2 = ec2Statements(this, { regions: props.regions, revertScope: props.revertScope });
    this.role = new iam.Role(this, 'Role', {
      roleName: props.roleName ?? 'sg-guardian-revert',
      description: 'sg-guardian: the central evaluator reads and reverts EC2 network changes here',
      assumedBy: new iam.ArnPrincipal(props.centralEvaluatorRoleArn).withConditions(conditions),
      inlinePolicies: { Ec2ReadRevert: new iam.PolicyDocument({ statements: ec2 }) },
    });
    nag.acknowledgeEc2Writes(this.role, ec2);
  }
}
