import { App, aws_iam as iam, type Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../lambdas/core/config/parse-config';
import { MemberAccountStack } from '../../lib/member-account-stack';
import { ACCOUNT, ORGANIZATION_CONFIG, REGION, synthGuardian } from './guardian-fixture';

const EVALUATOR_ROLE = `arn:aws:iam::${ACCOUNT}:role/SgGuardian-GuardianRole1234`;

/** cdk-nag's AwsSolutions pack over a stack: every unacknowledged finding (errors and warnings). */
function findings(stack: Stack): string[] {
  return new AwsSolutionsChecks().validateScope(stack).violations.map((v) => `${v.severity} ${v.ruleName}`);
}

/** Every acknowledgment recorded under `scope`: rule id (as CDK records it) and reason. */
function acknowledgments(scope: IConstruct): [string, string][] {
  return scope.node
    .findAll()
    .flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
    .flatMap((m) => Object.entries(m.data as Record<string, string>));
}

function memberStack(options: { centralRegion?: string; env?: { account: string; region: string } } = {}) {
  const app = new App({ builtinCloudFormationValidation: false });
  return new MemberAccountStack(app, 'Member', {
    env: options.env,
    centralAccount: ACCOUNT,
    centralRegion: options.centralRegion ?? REGION,
    revertRole: {
      centralEvaluatorRoleArn: EVALUATOR_ROLE,
      externalId: 'ext',
      organizationId: 'o-a1b2c3d4e5',
      regions: [REGION, 'us-east-1'],
    },
  });
}

describe('cdk-nag AwsSolutions checks', () => {
  let single: ReturnType<typeof synthGuardian>;
  let organization: ReturnType<typeof synthGuardian>;
  beforeAll(() => {
    single = synthGuardian();
    organization = synthGuardian({ config: parseConfig(ORGANIZATION_CONFIG, 'org.yaml') });
  });

  it('find nothing unacknowledged in the single-account stack', () => {
    // Act
    const found = findings(single.stack);

    // Assess
    expect(found).toEqual([]);
  });

  it('find nothing unacknowledged with Slack, email, two regions and an Organization', () => {
    // Act
    const found = findings(organization.stack);

    // Assess
    expect(found).toEqual([]);
  });

  it('find nothing unacknowledged in the member-account stack and in a forwarding stack', () => {
    // Prepare
    const forwarder = new MemberAccountStack(new App(), 'Forwarder', {
      env: { account: ACCOUNT, region: 'us-east-1' },
      centralAccount: ACCOUNT,
      centralRegion: REGION,
    });

    // Act
    const found = [...findings(memberStack()), ...findings(forwarder)];

    // Assess
    expect(found).toEqual([]);
  });

  it('acknowledge each wildcard resource by name, so that a new wildcard is still reported', () => {
    // Prepare
    const { stack, guardian } = synthGuardian();
    guardian.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['ec2:DeleteVolume'],
        resources: [`arn:aws:ec2:${REGION}:*:volume/*`],
      }),
    );

    // Act
    const found = findings(stack);

    // Assess
    expect(found).toEqual([`error AwsSolutions-IAM5[Resource::arn:aws:ec2:${REGION}:*:volume/*]`]);
  });

  it('acknowledge only specific findings, each with its reason', () => {
    // Act
    const all = [...acknowledgments(organization.stack), ...acknowledgments(memberStack())];

    // Assess
    expect(all.length).toBeGreaterThan(10);
    for (const [id, reason] of all) {
      expect(id).toMatch(/^Annotation::AwsSolutions-(IAM5\[(Resource|Action)::.+\]|SQS3|L1|SMG4)$/);
      expect(reason.length, id).toBeGreaterThan(60);
    }
    expect(Object.fromEntries(acknowledgments(single.stack))).toMatchObject({
      'Annotation::AwsSolutions-IAM5[Resource::*]': expect.stringContaining('no resource-level permissions'),
      [`Annotation::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:${REGION}:${ACCOUNT}:security-group/*]`]:
        expect.stringContaining('never ec2:*'),
      'Annotation::AwsSolutions-IAM5[Action::kms:GenerateDataKey*]':
        expect.stringContaining("topic's own key"),
      'Annotation::AwsSolutions-SQS3': expect.stringContaining('is the dead-letter queue of'),
    });
  });

  it('acknowledge the member role wildcards as the central role does, in the member account', () => {
    // Act
    const ids = acknowledgments(memberStack()).map(([id]) => id);

    // Assess
    expect(ids).toContain('Annotation::AwsSolutions-IAM5[Resource::*]');
    expect(ids).toContain(
      'Annotation::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:us-east-1:<AWS::AccountId>:network-acl/*]',
    );
  });
});
