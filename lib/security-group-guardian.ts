import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Annotations,
  Duration,
  aws_lambda_destinations as destinations,
  aws_events as events,
  aws_iam as iam,
  aws_lambda as lambda,
  Stack,
  type aws_secretsmanager as secretsmanager,
  type aws_sqs as sqs,
  aws_events_targets as targets,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { AUDIT_LOG_IAM_ACTIONS } from '../lambdas/adapters/aws/dynamodb/dynamodb-audit-log';
import { STATE_CACHE_IAM_ACTIONS } from '../lambdas/adapters/aws/dynamodb/dynamodb-state-cache';
import { EVENT_LEDGER_IAM_ACTIONS } from '../lambdas/adapters/aws/dynamodb/event-ledger';
import type { GuardianConfig } from '../lambdas/core/config/schema';
import type { RevertScope } from '../lambdas/core/config/deployment-schema';
import {
  acceptOrganizationEvents,
  assumeMemberRolesStatement,
  crossAccountEnvironment,
} from './cross-account';
import { type CrossAccountSettings, type DeploymentProps, resolveDeployment } from './deployment';
import { ec2Statements } from './ec2-permissions';
import { FirstSweep } from './first-sweep';
import { GuardianPropsError } from './errors';
import { GuardianAlarms } from './guardian-alarms';
import { cloudTrailEventPattern } from './guardian-event-pattern';
import { GuardianFunction } from './guardian-function';
import { GuardianNotifications } from './guardian-notifications';
import { GuardianActions } from './guardian-actions';
import { GuardianTables } from './guardian-tables';
import * as nag from './nag-suppressions';
import { secureQueue } from './secure-queue';

export interface SecurityGroupGuardianProps extends DeploymentProps {
  /**
   * Deploy the one-click endpoint (Slack buttons, signed links).
   * @default true when a Slack secret, approvals.publicUrl or approvals users/groups are configured
   */
  readonly oneClick?: boolean;
  /** The parsed policy (validated at synth), bundled beside each handler as JSON. */
  readonly config: GuardianConfig;
  /** Where `config` was read from, for the record (`sg-guardian` reads nothing else from it). @default none */
  readonly configFile?: string;
  /** When the sweep runs. @default events.Schedule.rate(Duration.minutes(15)) */
  readonly sweepSchedule?: events.Schedule;
  /** Days an audit entry is kept (DynamoDB TTL). @default 365 */
  readonly auditTtlDays?: number;
  /** Reserved concurrency of the evaluator. @default none (the account's unreserved pool) */
  readonly reservedConcurrentExecutions?: number;
  /**
   * Node's source-mapped stack traces for every handler (NODE_OPTIONS=--enable-source-maps, ~25–55 ms of
   * CPU and ~4 MiB of RSS per cold start; see GuardianFunction). Errors thrown out of a handler name the
   * TypeScript sources either way.
   * @default false
   */
  readonly sourceMapStackTraces?: boolean;
}

const handlerPath = (name: string) =>
  fileURLToPath(new URL(`../lambdas/handlers/${name}.ts`, import.meta.url));

/**
 * sg-guardian in one account and region: CloudTrail EC2 calls on the default event bus go to the
 * evaluator, a schedule runs the sweep; both share one role (its ARN is how the evaluator ignores
 * its own reverts), the tables, the notification channels and the alarms. Deployment settings come
 * from the props, else from guardian.yaml's `deployment:`. With an external id the evaluator may
 * assume the member role in other accounts; with an Organization id the default bus accepts the
 * Organization's events. A further handler (e.g. one-click actions from Slack) is one more
 * `GuardianFunction` with `this.role`, `this.environment` and `this.config`, plus its own trigger.
 */
export class SecurityGroupGuardian extends Construct {
  /** The policy bundled (as JSON) with every handler. */
  readonly config: GuardianConfig;
  /** Absolute path of the guardian.yaml `config` was read from, when given. */
  readonly configFile?: string;
  readonly mode: 'enforce' | 'dry-run';
  /** Regions whose changes this guardian judges (this stack's region first). */
  readonly regions: readonly string[];
  /** Set when the evaluator may revert in member accounts. */
  readonly crossAccount?: CrossAccountSettings;
  /** Tags and/or VPCs the EC2 write permissions are limited to (none: the whole account). */
  readonly revertScope?: RevertScope;
  readonly tables: GuardianTables;
  readonly notifications: GuardianNotifications;
  readonly role: iam.Role;
  /** Lambda environment shared by every handler (settings.ts). */
  readonly environment: Readonly<Record<string, string>>;
  readonly evaluator: GuardianFunction;
  readonly sweeper: GuardianFunction;
  readonly rule: events.Rule;
  /** CloudTrail events EventBridge could not deliver to the evaluator. */
  readonly eventsDeadLetterQueue: sqs.Queue;
  /** Evaluator invocations that failed after Lambda's retries. */
  readonly failedInvocationsQueue: sqs.Queue;
  readonly alarms: GuardianAlarms;
  readonly slackSecret?: secretsmanager.ISecret;
  /** The one-click endpoint, when deployed. */
  readonly actions?: GuardianActions;

  constructor(scope: Construct, id: string, props: SecurityGroupGuardianProps) {
    super(scope, id);
    const deployment = resolveDeployment(props.config.deployment, props);
    const auditTtlDays = props.auditTtlDays ?? 365;
    validate(props, auditTtlDays);
    this.mode = deployment.mode;
    this.regions = [...new Set([Stack.of(this).region, ...deployment.regions])];
    this.crossAccount = deployment.crossAccount;
    this.revertScope = deployment.revertScope;
    this.config = props.config;
    this.configFile = props.configFile === undefined ? undefined : resolve(props.configFile);
    this.tables = new GuardianTables(this, 'Tables');
    this.notifications = new GuardianNotifications(this, 'Notifications', {
      slackSecret: props.slackSecret,
      slackSecretArn: deployment.slackSecretArn,
      slackChannel: deployment.slackChannel,
      emailSubscribers: deployment.emailSubscribers,
    });
    this.slackSecret = this.notifications.slackSecret;
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'sg-guardian handlers: read EC2 network state, revert, record, notify',
    });
    this.grantPermissions();
    this.environment = {
      SG_GUARDIAN_MODE: this.mode,
      SG_GUARDIAN_STATE_TABLE: this.tables.state.tableName,
      SG_GUARDIAN_AUDIT_TABLE: this.tables.audit.tableName,
      SG_GUARDIAN_IDEMPOTENCY_TABLE: this.tables.idempotency.tableName,
      SG_GUARDIAN_AUDIT_TTL_DAYS: String(auditTtlDays),
      SG_GUARDIAN_ROLE_ARN: this.role.roleArn,
      SG_GUARDIAN_REGIONS: this.regions.join(','),
      ...this.notifications.environment(),
      ...(this.crossAccount && crossAccountEnvironment(this.crossAccount)),
    };

    this.failedInvocationsQueue = secureQueue(this, 'FailedInvocations');
    this.evaluator = new GuardianFunction(this, 'Evaluator', {
      entry: handlerPath('evaluate'),
      config: props.config,
      sourceMapStackTraces: props.sourceMapStackTraces,
      role: this.role,
      environment: this.environment,
      description: 'sg-guardian: judges one CloudTrail security group / ENI / NACL change',
      serviceName: 'sg-guardian',
      timeout: Duration.seconds(60),
      tracing: lambda.Tracing.ACTIVE,
      retryAttempts: 2,
      onFailure: new destinations.SqsDestination(this.failedInvocationsQueue),
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
    });
    this.eventsDeadLetterQueue = secureQueue(this, 'EventsDeadLetter');
    const approvals = props.config.approvals;
    const oneClick =
      props.oneClick ??
      (this.slackSecret !== undefined ||
        approvals.publicUrl !== undefined ||
        approvals.slackUsers.length + approvals.slackUserGroups.length > 0);
    if (oneClick) {
      this.actions = new GuardianActions(this, 'Actions', {
        role: this.role,
        environment: this.environment,
        config: props.config,
        tables: this.tables,
        entry: handlerPath('actions'),
        sourceMapStackTraces: props.sourceMapStackTraces,
      });
      this.evaluator.addEnvironment('SG_GUARDIAN_LINK_SECRET_ARN', this.actions.linkSecret.secretArn);
      this.evaluator.addEnvironment('SG_GUARDIAN_PUBLIC_URL', approvals.publicUrl ?? this.actions.url.url);
    }

    this.rule = new events.Rule(this, 'CloudTrailRule', {
      description: 'sg-guardian: EC2 network changes recorded by CloudTrail',
      eventPattern: cloudTrailEventPattern(),
      targets: [
        new targets.LambdaFunction(this.evaluator, {
          retryAttempts: 8,
          maxEventAge: Duration.hours(2),
          deadLetterQueue: this.eventsDeadLetterQueue,
        }),
      ],
    });
    if (this.crossAccount?.organizationId) acceptOrganizationEvents(this, this.crossAccount.organizationId);

    // The next scheduled run replaces a failed sweep: no asynchronous retries.
    this.sweeper = new GuardianFunction(this, 'Sweep', {
      entry: handlerPath('sweep'),
      config: props.config,
      sourceMapStackTraces: props.sourceMapStackTraces,
      role: this.role,
      environment: this.environment,
      description: 'sg-guardian: refreshes the last-known state and judges drift',
      serviceName: 'sg-guardian-sweep',
      timeout: Duration.minutes(5),
      retryAttempts: 0,
    });
    new events.Rule(this, 'SweepSchedule', {
      description: 'sg-guardian: periodic sweep',
      schedule: props.sweepSchedule ?? events.Schedule.rate(Duration.minutes(15)),
      targets: [new targets.LambdaFunction(this.sweeper)],
    });
    // Protected from minute one: the state cache is filled when the stack is deployed or updated.
    new FirstSweep(this, 'FirstSweep', { sweeper: this.sweeper, after: [this.tables.state, this.role] });

    this.alarms = new GuardianAlarms(this, 'Alarms', {
      evaluator: this.evaluator,
      sweeper: this.sweeper,
      eventsDeadLetterQueue: this.eventsDeadLetterQueue,
      failedInvocationsQueue: this.failedInvocationsQueue,
      topic: this.notifications.topic,
      topicKey: this.notifications.topicKey,
    });
    nag.acknowledgeDeadLetterQueue(this.eventsDeadLetterQueue, 'the CloudTrail rule (undeliverable events)');
    nag.acknowledgeDeadLetterQueue(this.failedInvocationsQueue, 'the evaluator (failed invocations)');

    if (this.mode === 'dry-run' && Object.values(props.config.actions).includes('revert'))
      Annotations.of(this).addInfo('sg-guardian runs in dry-run mode: reverts are reported, not applied');
  }

  private grantPermissions(): void {
    const ec2 = ec2Statements(this, { regions: this.regions, revertScope: this.revertScope });
    for (const statement of ec2) this.role.addToPrincipalPolicy(statement);
    nag.acknowledgeEc2Writes(this.role, ec2);
    this.tables.state.grant(this.role, ...STATE_CACHE_IAM_ACTIONS);
    this.tables.audit.grant(this.role, ...AUDIT_LOG_IAM_ACTIONS);
    this.tables.idempotency.grant(this.role, ...EVENT_LEDGER_IAM_ACTIONS);
    this.notifications.grantNotify(this.role);
    nag.acknowledgeGuardianRole(this.role, this.tables.state.tableArn);
    if (!this.crossAccount) return;
    const assume = assumeMemberRolesStatement(this, this.crossAccount);
    this.role.addToPrincipalPolicy(assume);
    nag.acknowledgeMemberRoles(this.role, assume);
  }
}

function validate(props: SecurityGroupGuardianProps, auditTtlDays: number): void {
  if (!Number.isInteger(auditTtlDays) || auditTtlDays < 1)
    throw new GuardianPropsError(`auditTtlDays must be a positive whole number of days, got ${auditTtlDays}`);
  const reserved = props.reservedConcurrentExecutions;
  if (reserved !== undefined && (!Number.isInteger(reserved) || reserved < 1))
    throw new GuardianPropsError(`reservedConcurrentExecutions must be a positive integer, got ${reserved}`);
}
