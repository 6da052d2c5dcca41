import { readFileSync } from 'node:fs';
import {
  App,
  Duration,
  aws_events as events,
  aws_kms as kms,
  Stack,
  aws_secretsmanager as sm,
} from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../lambdas/core/config/parse-config';
import { GuardianPropsError } from '../../lib/errors';
import { SecurityGroupGuardian, type SecurityGroupGuardianProps } from '../../lib/security-group-guardian';
import { CONFIG_FILE, cdkJsonContext, iamStatements, synthGuardian, guardianFunctions } from './guardian-fixture';

const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:sg-guardian/slack-AbCdEf';
const config = parseConfig(readFileSync(CONFIG_FILE, 'utf8'), CONFIG_FILE);

/** Builds the construct in a fresh stack without synthesizing (for props rejected up front). */
function build(props: Partial<SecurityGroupGuardianProps>) {
  const app = new App({ builtinCloudFormationValidation: false, context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Props');
  return new SecurityGroupGuardian(stack, 'Guardian', { config, configFile: CONFIG_FILE, ...props });
}

describe('SecurityGroupGuardian props', () => {
  it.each<[string, Partial<SecurityGroupGuardianProps>, RegExp]>([
    [
      'a Slack channel without a secret',
      { slackChannel: 'C0123456' },
      /slackChannel needs a Slack bot token/,
    ],
    ['an empty Slack channel', { slackSecretArn: SECRET_ARN, slackChannel: ' ' }, /must not be empty/],
    ['an email address without a domain', { emailSubscribers: ['ops'] }, /not an email address: ops/],
    ['zero audit days', { auditTtlDays: 0 }, /auditTtlDays must be a positive whole number/],
    ['fractional audit days', { auditTtlDays: 1.5 }, /auditTtlDays must be a positive whole number/],
    ['zero reserved concurrency', { reservedConcurrentExecutions: 0 }, /reservedConcurrentExecutions/],
  ])('rejects %s at synth', (_name, props, message) => {
    // Act
    const act = () => build(props);

    // Assess
    expect(act).toThrow(GuardianPropsError);
    expect(act).toThrow(message);
  });

  it('rejects a Slack secret given twice', () => {
    // Prepare
    const stack = new Stack(new App(), 'Twice');
    const secret = sm.Secret.fromSecretCompleteArn(stack, 'Secret', SECRET_ARN);

    // Act
    const act = () =>
      new SecurityGroupGuardian(stack, 'Guardian', {
        config,
        configFile: CONFIG_FILE,
        slackSecret: secret,
        slackSecretArn: SECRET_ARN,
      });

    // Assess
    expect(act).toThrow(/either slackSecret or slackSecretArn, not both/);
  });

  describe('with every option set', () => {
    let synth: ReturnType<typeof synthGuardian>;
    const id = (construct: { node: { defaultChild?: unknown } }) =>
      synth.stack.getLogicalId(construct.node.defaultChild as never);

    beforeAll(() => {
      synth = synthGuardian({
        mode: 'enforce',
        auditTtlDays: 30,
        sweepSchedule: events.Schedule.rate(Duration.hours(1)),
        emailSubscribers: ['secops@example.com', 'netops@example.com'],
        slackSecretArn: SECRET_ARN,
        slackChannel: 'C0123456',
        reservedConcurrentExecutions: 5,
      });
    });

    it('passes mode, audit retention and Slack settings to the handlers', () => {
      // Act
      const envs = guardianFunctions(synth.template).map(
        (f) => f.Properties.Environment.Variables,
      );

      // Assess: evaluator, sweep and (Slack is on) the one-click actions function
      expect(envs).toHaveLength(3);
      for (const env of envs)
        expect(env).toMatchObject({
          SG_GUARDIAN_MODE: 'enforce',
          SG_GUARDIAN_AUDIT_TTL_DAYS: '30',
          SG_GUARDIAN_SLACK_SECRET_ARN: SECRET_ARN,
          SG_GUARDIAN_SLACK_CHANNEL: 'C0123456',
        });
    });

    it('subscribes each email address to the topic', () => {
      // Act
      const subscriptions = Object.values(synth.template.findResources('AWS::SNS::Subscription'));

      // Assess
      expect(subscriptions.map((s) => s.Properties)).toEqual([
        {
          Protocol: 'email',
          Endpoint: 'secops@example.com',
          TopicArn: { Ref: id(synth.guardian.notifications.topic) },
        },
        {
          Protocol: 'email',
          Endpoint: 'netops@example.com',
          TopicArn: { Ref: id(synth.guardian.notifications.topic) },
        },
      ]);
    });

    it('sweeps on the given schedule and reserves the evaluator concurrency', () => {
      // Assess
      synth.template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 hour)' });
      synth.template.hasResourceProperties('AWS::Lambda::Function', {
        Timeout: 60,
        ReservedConcurrentExecutions: 5,
      });
      synth.template.hasResourceProperties('AWS::Lambda::Function', {
        Timeout: 300,
        ReservedConcurrentExecutions: Match.absent(),
      });
    });

    it('says nothing about dry-run when enforcing', () => {
      // Act
      const infos = Annotations.fromStack(synth.stack).findInfo('*', Match.stringLikeRegexp('dry-run'));

      // Assess
      expect(infos).toEqual([]);
    });
  });

  it('notes that reverts are only reported in dry-run mode', () => {
    // Prepare
    const { stack } = synthGuardian();

    // Act
    const infos = Annotations.fromStack(stack).findInfo('*', Match.stringLikeRegexp('dry-run'));

    // Assess
    expect(infos).toHaveLength(1);
  });

  it.each([
    [undefined, undefined],
    [true, '--enable-source-maps'],
  ])('passes sourceMapStackTraces %s to every handler, one-click included (NODE_OPTIONS %s)', (flag, expected) => {
    // Prepare
    const { template } = synthGuardian({ slackSecretArn: SECRET_ARN, slackChannel: 'C0123456', sourceMapStackTraces: flag });

    // Act
    const options = guardianFunctions(template).map((f) => f.Properties.Environment?.Variables?.NODE_OPTIONS);

    // Assess: evaluator, sweep and the one-click function
    expect(options).toHaveLength(3);
    expect(options).toEqual([expected, expected, expected]);
  });

  it('reads a Slack secret object, and decrypts it with its own key', () => {
    // Prepare
    const app = new App({
      builtinCloudFormationValidation: false,
      context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] },
    });
    const stack = new Stack(app, 'OwnSecret');
    const key = new kms.Key(stack, 'SecretKey');
    const secret = new sm.Secret(stack, 'Slack', { encryptionKey: key });

    // Act
    new SecurityGroupGuardian(stack, 'Guardian', { config, configFile: CONFIG_FILE, slackSecret: secret });
    const statements = iamStatements(Template.fromStack(stack));

    // Assess
    const secretRef = `\${${stack.getLogicalId(secret.node.defaultChild as never)}}`;
    const keyArn = `\${${stack.getLogicalId(key.node.defaultChild as never)}.Arn}`;
    expect(statements.filter((s) => s.actions.some((a) => a.startsWith('secretsmanager:')))).toEqual([
      {
        effect: 'Allow',
        actions: ['secretsmanager:GetSecretValue'],
        resources: expect.arrayContaining([secretRef, expect.stringMatching(/LinkSecret/)]),
      },
    ]);
    expect(statements.filter((s) => s.resources.includes(keyArn)).flatMap((s) => s.actions)).toEqual([
      'kms:Decrypt',
    ]);
  });
});
