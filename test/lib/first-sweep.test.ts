import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthGuardian } from './guardian-fixture';

describe('the first sweep', () => {
  let synth: ReturnType<typeof synthGuardian>;
  beforeAll(() => {
    synth = synthGuardian();
  });

  it('runs the sweep once, asynchronously, when the stack is deployed or its code changes', () => {
    // Prepare
    const sweeper = synth.stack.getLogicalId(synth.guardian.sweeper.node.defaultChild as never);

    // Act
    const triggers = synth.template.findResources('Custom::Trigger');

    // Assess: one trigger, on a version of the sweep function (a new version = a new run)
    expect(Object.keys(triggers)).toHaveLength(1);
    synth.template.hasResourceProperties('Custom::Trigger', {
      HandlerArn: Match.objectLike({ Ref: Match.stringLikeRegexp('SweepCurrentVersion') }),
      InvocationType: 'Event',
    });
    const versions = synth.template.findResources('AWS::Lambda::Version', {
      Properties: { FunctionName: { Ref: sweeper } },
    });
    expect(Object.keys(versions)).toHaveLength(1);
  });

  it('lets the trigger invoke the versions of the sweep function and nothing else', () => {
    // Prepare
    const sweeper = synth.stack.getLogicalId(synth.guardian.sweeper.node.defaultChild as never);

    // Act
    const roles = synth.template.findResources('AWS::IAM::Role');
    const provider = Object.entries(roles).find(([id]) => id.startsWith('AWSCDKTriggerCustomResourceProvider'))?.[1];

    // Assess
    expect(provider?.Properties.Policies).toEqual([
      {
        PolicyName: 'Inline',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['lambda:InvokeFunction'],
              Resource: [{ 'Fn::Join': ['', [{ 'Fn::GetAtt': [sweeper, 'Arn'] }, ':*']] }],
            },
          ],
        },
      },
    ]);
  });

  it('waits for the state table and the role it writes with', () => {
    // Prepare
    const table = synth.stack.getLogicalId(synth.guardian.tables.state.node.defaultChild as never);

    // Act
    const [trigger] = Object.values(synth.template.findResources('Custom::Trigger')) as { DependsOn?: string[] }[];

    // Assess
    expect(trigger?.DependsOn).toEqual(expect.arrayContaining([table]));
  });
});
