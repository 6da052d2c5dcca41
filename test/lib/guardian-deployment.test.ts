import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EC2_READER_IAM_ACTIONS } from '../../lambdas/adapters/aws/ec2/ec2-reader';
import { DEFAULT_DEPLOYMENT } from '../../lambdas/core/config/deployment-schema';
import { ConfigError } from '../../lambdas/core/config/errors';
import { parseConfig } from '../../lambdas/core/config/parse-config';
import { GuardianPropsError } from '../../lib/errors';
import { buildGuardianApp } from '../../lib/guardian-app';
import { cloudTrailEventPattern } from '../../lib/guardian-event-pattern';
import type { MemberAccountStack } from '../../lib/member-account-stack';
import {
  ACCOUNT,
  cdkJsonContext,
  iamStatements,
  ORGANIZATION_CONFIG,
  REGION,
  ORGANIZATION_SLACK_ARN as SLACK_ARN,
  synthGuardian,
  guardianFunctions,
} from './guardian-fixture';

const organizationConfig = parseConfig(ORGANIZATION_CONFIG, 'org.yaml');
const env = (t: Template) =>
  guardianFunctions(t).map((f) => f.Properties.Environment.Variables);
const resourcesOf = (t: Template, action: string) =>
  iamStatements(t)
    .filter((s) => s.actions.includes(action))
    .flatMap((s) => s.resources);

describe("guardian.yaml's deployment keys", () => {
  let synth: ReturnType<typeof synthGuardian>;
  beforeAll(() => {
    synth = synthGuardian({ config: organizationConfig });
  });

  it('default to dry-run, no notifications beyond the topic, this region and no other account', () => {
    // Act
    const config = parseConfig('dependencies: []', 'minimal.yaml');

    // Assess
    expect(config.deployment).toEqual(DEFAULT_DEPLOYMENT);
    expect(DEFAULT_DEPLOYMENT).toEqual({
      mode: 'dry-run',
      emailSubscribers: [],
      regions: [],
      memberRoleName: 'sg-guardian-revert',
    });
  });

  it('set the mode, Slack and email subscribers of the handlers', () => {
    // Act
    const variables = env(synth.template);

    // Assess: evaluator, sweep and (Slack is on) the one-click actions function
    expect(variables).toHaveLength(3);
    for (const v of variables)
      expect(v).toMatchObject({
        SG_GUARDIAN_MODE: 'enforce',
        SG_GUARDIAN_SLACK_SECRET_ARN: SLACK_ARN,
        SG_GUARDIAN_SLACK_CHANNEL: 'C0123456',
      });
    synth.template.hasResourceProperties('AWS::SNS::Subscription', { Endpoint: 'secops@example.com' });
  });

  it('let the evaluator revert in every watched region of its account', () => {
    // Act
    const resources = resourcesOf(synth.template, 'ec2:ReplaceNetworkAclEntry');

    // Assess
    expect(synth.guardian.regions).toEqual([REGION, 'us-east-1']);
    expect(resources).toEqual([
      `arn:\${AWS::Partition}:ec2:${REGION}:${ACCOUNT}:network-acl/*`,
      `arn:\${AWS::Partition}:ec2:us-east-1:${ACCOUNT}:network-acl/*`,
    ]);
  });

  it('tell the sweep every watched region of its account', () => {
    // Act
    const functions = guardianFunctions(synth.template);
    const regions = functions.map((f) => f.Properties.Environment?.Variables?.SG_GUARDIAN_REGIONS);

    // Assess
    expect(regions.length).toBeGreaterThan(1);
    for (const value of regions) expect(value).toBe(`${REGION},us-east-1`);
  });

  it('are overridden by construct props', () => {
    // Act
    const overridden = synthGuardian({ config: organizationConfig, mode: 'dry-run', emailSubscribers: [] });

    // Assess
    expect(env(overridden.template).map((v) => v.SG_GUARDIAN_MODE)).toEqual(['dry-run', 'dry-run', 'dry-run']);
    overridden.template.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('reject an Organization without an external id as a construct prop', () => {
    // Act
    const act = () => synthGuardian({ organizationId: 'o-a1b2c3d4e5' });

    // Assess
    expect(act).toThrow(GuardianPropsError);
    expect(act).toThrow('organizationId needs externalId');
  });
});

describe('SecurityGroupGuardian across an Organization', () => {
  let org: ReturnType<typeof synthGuardian>;
  let single: ReturnType<typeof synthGuardian>;
  beforeAll(() => {
    org = synthGuardian({ config: organizationConfig });
    single = synthGuardian();
  });

  it('lets the evaluator assume the member role, that name only, in accounts of the Organization', () => {
    // Act
    const policies = Object.values(org.template.findResources('AWS::IAM::Policy'));
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement);

    // Assess
    expect(statements.filter((s) => [s.Action].flat().includes('sts:AssumeRole'))).toEqual([
      {
        Sid: 'AssumeMemberRevertRoles',
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: {
          'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::*:role/sg-guardian-revert']],
        },
        Condition: { StringEquals: { 'aws:ResourceOrgID': 'o-a1b2c3d4e5' } },
      },
    ]);
  });

  it('tells both handlers the member role name and the external id', () => {
    // Act
    const variables = env(org.template);

    // Assess
    for (const v of variables)
      expect(v).toMatchObject({
        SG_GUARDIAN_MEMBER_ROLE_NAME: 'sg-guardian-revert',
        SG_GUARDIAN_EXTERNAL_ID: 'sg-guardian-ext-42',
      });
  });

  it("accepts PutEvents on the default bus from the Organization's accounts only", () => {
    // Act
    const policies = Object.values(org.template.findResources('AWS::Events::EventBusPolicy'));

    // Assess
    expect(policies.map((p) => p.Properties)).toEqual([
      {
        EventBusName: 'default',
        StatementId: 'Test-organization-events',
        Statement: {
          Sid: 'Test-organization-events',
          Effect: 'Allow',
          Principal: '*',
          Action: 'events:PutEvents',
          Resource: {
            'Fn::Join': [
              '',
              ['arn:', { Ref: 'AWS::Partition' }, `:events:${REGION}:${ACCOUNT}:event-bus/default`],
            ],
          },
          Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
        },
      },
    ]);
  });

  it('reaches no other account and changes no bus policy without deployment keys', () => {
    // Act
    const actions = iamStatements(single.template).flatMap((s) => s.actions);

    // Assess
    expect(actions).not.toContain('sts:AssumeRole');
    single.template.resourceCountIs('AWS::Events::EventBusPolicy', 0);
    for (const v of env(single.template)) expect(Object.keys(v)).not.toContain('SG_GUARDIAN_EXTERNAL_ID');
  });
});

describe('buildGuardianApp with deployment keys', () => {
  let dir: string;
  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  const app = (context: Record<string, unknown>) =>
    new App({
      builtinCloudFormationValidation: false,
      context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ...context },
    });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sg-guardian-deployment-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['an unknown mode', 'deployment:\n  mode: on\n', 'deployment.mode'],
    [
      'an Organization without external id',
      'deployment:\n  organizationId: o-a1b2c3d4e5\n',
      'deployment.externalId',
    ],
    ['an unknown key', 'deployment:\n  stage: prod\n', 'deployment'],
  ])('fails synth with the ConfigError message for %s', (_name, text, path) => {
    // Prepare
    const file = write('bad.yaml', text);

    // Act
    const act = () => buildGuardianApp(app({ config: file }));

    // Assess
    expect(act).toThrow(ConfigError);
    expect(act).toThrow(new RegExp(`${file}:\\d+: ${path.replace('.', '\\.')}`));
  });

  it('lets the context override the deployment keys', () => {
    // Prepare
    const file = write('org.yaml', ORGANIZATION_CONFIG);

    // Act
    const stack = buildGuardianApp(
      app({ config: file, mode: 'dry-run', regions: REGION, externalId: 'other' }),
      {
        env: { account: ACCOUNT, region: REGION },
      },
    );

    // Assess
    expect(stack.guardian.mode).toBe('dry-run');
    expect(stack.guardian.regions).toEqual([REGION]);
    expect(stack.guardian.crossAccount).toEqual({
      memberRoleName: 'sg-guardian-revert',
      externalId: 'other',
      organizationId: 'o-a1b2c3d4e5',
    });
  });

  it('adds a stack forwarding each other watched region to the central bus', () => {
    // Prepare
    const cdkApp = app({ config: write('org.yaml', ORGANIZATION_CONFIG) });

    // Act
    buildGuardianApp(cdkApp, { env: { account: ACCOUNT, region: REGION } });
    const forwarder = cdkApp.node.findChild('SgGuardianForwarder-us-east-1') as MemberAccountStack;
    const template = Template.fromStack(forwarder);

    // Assess
    expect(cdkApp.node.children.filter(Stack.isStack).map((c) => c.node.id)).toEqual([
      'SgGuardian',
      'SgGuardianForwarder-us-east-1',
    ]);
    expect(forwarder.region).toBe('us-east-1');
    expect(forwarder.revertRole).toBeUndefined();
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.ec2'],
        'detail-type': ['AWS API Call via CloudTrail'],
        detail: cloudTrailEventPattern().detail,
      },
      Targets: [
        {
          Id: 'Target0',
          Arn: {
            'Fn::Join': [
              '',
              ['arn:', { Ref: 'AWS::Partition' }, `:events:${REGION}:${ACCOUNT}:event-bus/default`],
            ],
          },
          RoleArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } },
        },
      ],
    });
    expect(template.toJSON().Conditions).toBeUndefined();
    expect(EC2_READER_IAM_ACTIONS.some((a) => JSON.stringify(template.toJSON()).includes(a))).toBe(false);
  });

  it('refuses watched regions that do not start with the central region', () => {
    // Act
    const act = () =>
      buildGuardianApp(app({ config: write('org.yaml', ORGANIZATION_CONFIG) }), {
        env: { account: ACCOUNT, region: 'us-east-1' },
      });

    // Assess
    expect(act).toThrow(GuardianPropsError);
    expect(act).toThrow(`deployment.regions must start with the central region us-east-1`);
  });

  it('refuses other regions when the central account and region are unknown', () => {
    // Act
    const act = () => buildGuardianApp(app({ config: write('org.yaml', ORGANIZATION_CONFIG) }));

    // Assess
    expect(act).toThrow(GuardianPropsError);
    expect(act).toThrow('deployment.regions needs the central account and region');
  });
});
