import { readFileSync } from 'node:fs';
import { App, Duration, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lambdas/core/config/parse-config';
import { GuardianFunction, type GuardianFunctionProps, SOURCE_MAPS_NODE_OPTIONS } from '../../lib/guardian-function';
import { CONFIG_FILE, cdkJsonContext } from './guardian-fixture';

/** The NODE_OPTIONS of one GuardianFunction synthesized (without bundling) with these props. */
function nodeOptionsOf(props: Partial<GuardianFunctionProps>): unknown {
  const app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
  new GuardianFunction(stack, 'Fn', {
    entry: 'lambdas/handlers/evaluate.ts',
    config: parseConfig(readFileSync(CONFIG_FILE, 'utf8'), CONFIG_FILE),
    role: new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }),
    environment: { SG_GUARDIAN_MODE: 'dry-run' },
    description: 'probe',
    serviceName: 'probe',
    timeout: Duration.seconds(10),
    ...props,
  });
  const [fn] = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function'));
  return fn?.Properties.Environment.Variables.NODE_OPTIONS;
}

describe('GuardianFunction source-mapped stack traces', () => {
  it.each([
    { sourceMapStackTraces: undefined, expected: undefined },
    { sourceMapStackTraces: true, expected: SOURCE_MAPS_NODE_OPTIONS },
    { sourceMapStackTraces: false, expected: undefined },
  ])('sets NODE_OPTIONS to $expected when sourceMapStackTraces is $sourceMapStackTraces', ({ sourceMapStackTraces, expected }) => {
    // Prepare
    const props = sourceMapStackTraces === undefined ? {} : { sourceMapStackTraces };

    // Act
    const nodeOptions = nodeOptionsOf(props);

    // Assess
    expect(nodeOptions).toBe(expected);
  });
});
