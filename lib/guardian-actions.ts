import { Duration, aws_iam as iam, aws_lambda as lambda, aws_secretsmanager as secretsmanager, Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DECISION_STORE_IAM_ACTIONS } from '../lambdas/adapters/aws/dynamodb/dynamodb-decision-store';
import { REPLAY_GUARD_IAM_ACTIONS } from '../lambdas/adapters/aws/dynamodb/dynamodb-replay-guard';
import { LAMBDA_ASYNC_RUNNER_IAM_ACTIONS } from '../lambdas/adapters/aws/lambda/lambda-async-runner';
import { LINK_SECRET_IAM_ACTIONS } from '../lambdas/adapters/aws/secrets-manager/link-secret';
import type { GuardianConfig } from '../lambdas/core/config/schema';
import { GuardianFunction } from './guardian-function';
import type { GuardianTables } from './guardian-tables';

export interface GuardianActionsProps {
  /** The guardian role: its EC2 writes are recognised by the evaluator as its own (no loop). */
  readonly role: iam.Role;
  /** The environment every handler shares. */
  readonly environment: Readonly<Record<string, string>>;
  /** The validated policy bundled beside the handler. */
  readonly config: GuardianConfig;
  readonly tables: GuardianTables;
  readonly entry: string;
  /** Node's source-mapped stack traces (GuardianFunction's prop of the same name). @default false */
  readonly sourceMapStackTraces?: boolean;
}

/**
 * The one-click endpoint: Slack's Revert / Keep buttons and the signed links of email alerts, behind a
 * Lambda Function URL. Auth is NONE because neither Slack nor a browser can sign an AWS request: every
 * request carries its own proof (Slack's v0 signature, or the link's HMAC and the page's form token).
 */
export class GuardianActions extends Construct {
  /** Signs and verifies one-click links; rotating it invalidates every outstanding link. */
  readonly linkSecret: secretsmanager.Secret;
  readonly function: GuardianFunction;
  readonly url: lambda.FunctionUrl;

  constructor(scope: Construct, id: string, props: GuardianActionsProps) {
    super(scope, id);
    this.linkSecret = new secretsmanager.Secret(this, 'LinkSecret', {
      description: 'sg-guardian: HMAC key of one-click revert links',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(this.linkSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'the link key has no service to rotate it against; rotating it (by hand) invalidates every outstanding ' +
        'revert link, which is the intended way to revoke them all',
    });
    props.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: [...LINK_SECRET_IAM_ACTIONS], resources: [this.linkSecret.secretArn] }),
    );
    props.tables.state.grant(props.role, ...DECISION_STORE_IAM_ACTIONS, ...REPLAY_GUARD_IAM_ACTIONS);
    this.function = new GuardianFunction(this, 'Function', {
      entry: props.entry,
      config: props.config,
      sourceMapStackTraces: props.sourceMapStackTraces,
      role: props.role,
      environment: { ...props.environment, SG_GUARDIAN_LINK_SECRET_ARN: this.linkSecret.secretArn },
      description: 'sg-guardian: one-click revert / keep from Slack buttons and signed links',
      serviceName: 'sg-guardian-actions',
      timeout: Duration.seconds(60),
      tracing: lambda.Tracing.ACTIVE,
      retryAttempts: 0,
    });
    this.url = this.function.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
    // A separate policy (not the role's default one, which the functions depend on) avoids a cycle.
    new iam.Policy(this, 'SelfInvoke', {
      roles: [props.role],
      statements: [
        new iam.PolicyStatement({ actions: [...LAMBDA_ASYNC_RUNNER_IAM_ACTIONS], resources: [this.function.functionArn] }),
      ],
    });
  }
}
