import {
  Duration,
  aws_iam as iam,
  aws_kms as kms,
  RemovalPolicy,
  aws_secretsmanager as secretsmanager,
  aws_sns as sns,
  aws_sns_subscriptions as subscriptions,
  Token,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { SECRETS_IAM_ACTIONS } from '../lambdas/adapters/aws/secrets-manager/secrets';
import { GuardianPropsError } from './errors';

export interface GuardianNotificationsProps {
  /** Slack credentials (webhook URL alone, or a bot token when `slackChannel` is set). @default no Slack */
  readonly slackSecret?: secretsmanager.ISecret;
  /** The same as `slackSecret`, by complete ARN (with the 6-character suffix). @default no Slack */
  readonly slackSecretArn?: string;
  /** Slack channel for bot-token mode; needs a Slack secret. @default webhook mode */
  readonly slackChannel?: string;
  /** Email addresses subscribed to the topic. @default none */
  readonly emailSubscribers?: readonly string[];
}

/** Loose shape check; SNS itself asks each address to confirm. */
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Where reports go: an SSL-only SNS topic encrypted with its own rotating KMS key, and Slack. */
export class GuardianNotifications extends Construct {
  readonly topic: sns.Topic;
  readonly topicKey: kms.Key;
  readonly slackSecret?: secretsmanager.ISecret;
  readonly slackChannel?: string;

  constructor(scope: Construct, id: string, props: GuardianNotificationsProps) {
    super(scope, id);
    validate(props);
    // The key only protects messages in flight: it goes with the stack (after the shortest waiting
    // period) rather than costing $1 a month forever.
    this.topicKey = new kms.Key(this, 'TopicKey', {
      description: 'sg-guardian: encrypts the notification topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'sg-guardian',
      masterKey: this.topicKey,
      enforceSSL: true,
    });
    for (const email of props.emailSubscribers ?? [])
      this.topic.addSubscription(new subscriptions.EmailSubscription(email));
    this.slackSecret =
      props.slackSecret ??
      (props.slackSecretArn
        ? secretsmanager.Secret.fromSecretCompleteArn(this, 'SlackSecret', props.slackSecretArn)
        : undefined);
    this.slackChannel = props.slackChannel;
  }

  /** Publish on the topic (with its key) and read the Slack secret — that secret only. */
  grantNotify(grantee: iam.IGrantable): void {
    this.topic.grantPublish(grantee);
    this.topicKey.grant(grantee, 'kms:GenerateDataKey*', 'kms:Decrypt');
    if (!this.slackSecret) return;
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: [...SECRETS_IAM_ACTIONS], resources: [this.slackSecret.secretArn] }),
    );
    this.slackSecret.encryptionKey?.grantDecrypt(grantee);
  }

  /** The notifier part of the Lambda environment. */
  environment(): Record<string, string> {
    return {
      SG_GUARDIAN_TOPIC_ARN: this.topic.topicArn,
      ...(this.slackSecret && { SG_GUARDIAN_SLACK_SECRET_ARN: this.slackSecret.secretArn }),
      ...(this.slackChannel && { SG_GUARDIAN_SLACK_CHANNEL: this.slackChannel }),
    };
  }
}

function validate(props: GuardianNotificationsProps): void {
  if (props.slackSecret && props.slackSecretArn)
    throw new GuardianPropsError('give either slackSecret or slackSecretArn, not both');
  if (props.slackChannel !== undefined && !props.slackSecret && !props.slackSecretArn)
    throw new GuardianPropsError('slackChannel needs a Slack bot token: set slackSecret or slackSecretArn');
  if (props.slackChannel !== undefined && props.slackChannel.trim() === '')
    throw new GuardianPropsError('slackChannel must not be empty');
  const bad = (props.emailSubscribers ?? []).filter((e) => !Token.isUnresolved(e) && !EMAIL.test(e));
  if (bad.length > 0) throw new GuardianPropsError(`not an email address: ${bad.join(', ')}`);
}
