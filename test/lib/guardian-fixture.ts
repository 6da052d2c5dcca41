import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { parseConfig } from '../../lambdas/core/config/parse-config';
import type { SecurityGroupGuardianProps } from '../../lib/security-group-guardian';
import { SgGuardianStack } from '../../lib/sg-guardian-stack';

export const CONFIG_FILE = 'examples/guardian.yaml';
export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';
export const ORGANIZATION_SLACK_ARN = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:sg-guardian/slack-AbCdEf`;

/** A guardian.yaml using every `deployment:` key: two regions, an Organization, Slack and email. */
export const ORGANIZATION_CONFIG = `dependencies:
  - name: web-to-app
    from: { groupId: sg-0web }
    to: { groupId: sg-0app }
    port: 8080
deployment:
  mode: enforce
  slackSecretArn: ${ORGANIZATION_SLACK_ARN}
  slackChannel: C0123456
  emailSubscribers: [secops@example.com]
  regions: [${REGION}, us-east-1]
  organizationId: o-a1b2c3d4e5
  externalId: sg-guardian-ext-42
`;

/** The feature flags and defaults of cdk.json, so tests synthesize what `cdk synth` does. */
export function cdkJsonContext(): Record<string, unknown> {
  return JSON.parse(readFileSync('cdk.json', 'utf8')).context;
}

/**
 * Synthesizes SgGuardianStack. Real esbuild bundling takes seconds: only tests about the bundle ask
 * for it; the others skip bundling (the template is the same but for asset hashes). CDK's built-in
 * CloudFormation validation (a WebAssembly linter, ~6 s) runs in guardian-app.test.ts only.
 */
export function synthGuardian(props: Partial<SecurityGroupGuardianProps> = {}, options = { bundle: false }) {
  const app = new App({
    builtinCloudFormationValidation: false,
    context: {
      ...cdkJsonContext(),
      // Bundled: record each function's asset directory in its metadata (as the CLI does).
      ...(options.bundle ? { 'aws:cdk:enable-asset-metadata': true } : { 'aws:cdk:bundling-stacks': [] }),
    },
  });
  const stack = new SgGuardianStack(app, 'Test', {
    env: { account: ACCOUNT, region: REGION },
    guardian: {
      config: parseConfig(readFileSync(CONFIG_FILE, 'utf8'), CONFIG_FILE),
      configFile: CONFIG_FILE,
      ...props,
    },
  });
  return { app, stack, guardian: stack.guardian, template: Template.fromStack(stack) };
}

type Json = unknown;

/** A CloudFormation value as text: Ref and GetAtt become ${Name}, Fn::Join is joined. */
export function cfnText(value: Json): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const v = value as Record<string, Json>;
    if ('Ref' in v) return `\${${String(v.Ref)}}`;
    if ('Fn::GetAtt' in v) return `\${${(v['Fn::GetAtt'] as string[]).join('.')}}`;
    if ('Fn::Join' in v) {
      const [sep, parts] = v['Fn::Join'] as [string, Json[]];
      return parts.map(cfnText).join(sep);
    }
  }
  return JSON.stringify(value);
}

export interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: Json | Json[];
  readonly Condition?: Record<string, Record<string, Json>>;
}

/** Every statement of every IAM policy in the template, with actions and resources as lists. */
export function iamStatements(template: Template) {
  const policies = template.findResources('AWS::IAM::Policy');
  return Object.values(policies).flatMap((p) =>
    (p.Properties.PolicyDocument.Statement as Statement[]).map((s) => ({
      effect: s.Effect,
      actions: [s.Action].flat(),
      resources: [s.Resource].flat().map(cfnText),
      conditions: s.Condition && conditionText(s.Condition),
    })),
  );
}

/** A statement's Condition with every value as a list of texts (see cfnText). */
function conditionText(condition: NonNullable<Statement['Condition']>) {
  return Object.fromEntries(
    Object.entries(condition).map(([operator, keys]) => [
      operator,
      Object.fromEntries(Object.entries(keys).map(([key, value]) => [key, [value].flat().map(cfnText)])),
    ]),
  );
}

type FunctionResource = { Properties: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The guardian's own functions: every AWS::Lambda::Function but CDK's custom resource providers (the
 * trigger that runs the first sweep at deploy time has one, with CDK's `__entrypoint__` handler).
 */
export function guardianFunctions(template: Template): FunctionResource[] {
  return Object.values(template.findResources('AWS::Lambda::Function') as Record<string, FunctionResource>).filter(
    (f) => f.Properties.Handler !== '__entrypoint__.handler',
  );
}
