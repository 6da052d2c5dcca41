import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { synthGuardian } from './guardian-fixture';

const SLACK = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:sg-guardian/slack-AbCdEf';

describe('the one-click endpoint', () => {
  it('is deployed with Slack: a Function URL without AWS auth, the link secret, and the self-invoke grant', () => {
    // Act
    const { template, guardian } = synthGuardian({ slackSecretArn: SLACK, slackChannel: 'C0123456' });

    // Assess
    template.hasResourceProperties('AWS::Lambda::Url', { AuthType: 'NONE' });
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('one-click'),
      Runtime: 'nodejs22.x',
      Environment: { Variables: Match.objectLike({ SG_GUARDIAN_LINK_SECRET_ARN: Match.anyValue() }) },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('judges one CloudTrail'),
      Environment: {
        Variables: Match.objectLike({ SG_GUARDIAN_PUBLIC_URL: Match.anyValue(), SG_GUARDIAN_LINK_SECRET_ARN: Match.anyValue() }),
      },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [Match.objectLike({ Action: 'lambda:InvokeFunction', Resource: Match.objectLike({ 'Fn::GetAtt': Match.anyValue() }) })],
      },
    });
    expect(guardian.actions).toBeDefined();
    template.hasOutput('ActionsUrl', {});
  });

  it('is not deployed when nothing can click (no Slack, no approvals)', () => {
    // Act
    const { template, guardian } = synthGuardian();

    // Assess
    expect(guardian.actions).toBeUndefined();
    template.resourceCountIs('AWS::Lambda::Url', 0);
  });
});
