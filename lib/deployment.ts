import type { aws_secretsmanager as secretsmanager } from 'aws-cdk-lib';
import type { DeploymentConfig, RevertScope } from '../lambdas/core/config/deployment-schema';
import { GuardianPropsError } from './errors';

/** The deployment settings a construct prop may override (guardian.yaml `deployment:` otherwise). */
export interface DeploymentProps {
  /** 'enforce' reverts per policy; 'dry-run' only reports what it would do. @default config, else 'dry-run' */
  readonly mode?: 'enforce' | 'dry-run';
  /** Slack credentials (webhook URL alone, or a bot token when `slackChannel` is set). @default no Slack */
  readonly slackSecret?: secretsmanager.ISecret;
  /** The same as `slackSecret`, by complete ARN (with the 6-character suffix). @default config */
  readonly slackSecretArn?: string;
  /** Slack channel for bot-token mode; needs a Slack secret. @default config, else webhook mode */
  readonly slackChannel?: string;
  /** Email addresses subscribed to the topic. @default config, else none */
  readonly emailSubscribers?: readonly string[];
  /** Regions watched (events of the others are forwarded here). @default config, else this region */
  readonly regions?: readonly string[];
  /** AWS Organizations id: accept member accounts' events and revert there. @default config */
  readonly organizationId?: string;
  /** Role the evaluator assumes in member accounts. @default config, else 'sg-guardian-revert' */
  readonly memberRoleName?: string;
  /** sts:ExternalId the member roles require; setting it enables cross-account reverts. @default config */
  readonly externalId?: string;
  /** Tags and/or VPCs every revert write is limited to (IAM conditions). @default config, else none */
  readonly revertScope?: RevertScope;
}

/** Reverts in other accounts through a role of the same name in each. */
export interface CrossAccountSettings {
  readonly memberRoleName: string;
  readonly externalId: string;
  readonly organizationId?: string;
}

export interface ResolvedDeployment {
  readonly mode: 'enforce' | 'dry-run';
  readonly slackSecretArn?: string;
  readonly slackChannel?: string;
  readonly emailSubscribers: readonly string[];
  /** Empty: this stack's region only. */
  readonly regions: readonly string[];
  readonly crossAccount?: CrossAccountSettings;
  readonly revertScope?: RevertScope;
}

/** Props first, then guardian.yaml's `deployment:` (already validated by its schema). */
export function resolveDeployment(config: DeploymentConfig, props: DeploymentProps): ResolvedDeployment {
  const organizationId = props.organizationId ?? config.organizationId;
  const externalId = props.externalId ?? config.externalId;
  if (organizationId !== undefined && externalId === undefined)
    throw new GuardianPropsError(
      'organizationId needs externalId: the member roles trust the evaluator only with it',
    );
  return {
    mode: props.mode ?? config.mode,
    // A secret object given as a prop replaces the configured ARN (both as props is an error).
    slackSecretArn: props.slackSecretArn ?? (props.slackSecret ? undefined : config.slackSecretArn),
    slackChannel: props.slackChannel ?? config.slackChannel,
    emailSubscribers: props.emailSubscribers ?? config.emailSubscribers,
    regions: props.regions ?? config.regions,
    revertScope: props.revertScope ?? config.revertScope,
    crossAccount:
      externalId === undefined
        ? undefined
        : { memberRoleName: props.memberRoleName ?? config.memberRoleName, externalId, organizationId },
  };
}
