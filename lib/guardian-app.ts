import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Annotations, type App, type Environment, Token, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ConfigError } from '../lambdas/core/config/errors';
import { parseConfig } from '../lambdas/core/config/parse-config';
import type { GuardianConfig } from '../lambdas/core/config/schema';
import { contextFlag, contextList, contextMode, contextString } from './app-context';
import { GuardianPropsError } from './errors';
import { MemberAccountStack } from './member-account-stack';
import { SgGuardianStack } from './sg-guardian-stack';

/** `-c config=FILE` when not given (cdk.json sets the same default). */
export const DEFAULT_CONFIG_FILE = 'guardian.yaml';
/** Used, with a warning, when the default config file does not exist. */
export const EXAMPLE_CONFIG_FILE = fileURLToPath(new URL('../examples/guardian.yaml', import.meta.url));

export interface GuardianAppOptions {
  /** Stack environment (of the central stack). @default env-agnostic */
  readonly env?: Environment;
  /** Directory a relative `config` path is resolved from. @default process.cwd() */
  readonly cwd?: string;
}

/**
 * Builds the central sg-guardian app from CDK context: `config` (guardian.yaml path) and, overriding
 * its `deployment:` keys, `mode`, `slackSecretArn`, `slackChannel`, `emailSubscribers` and `regions`
 * (comma-separated), `organizationId`, `memberRoleName`, `externalId`. Each watched region other than
 * the stack's gets a `SgGuardianForwarder-<region>` stack. `-c nag=true` runs cdk-nag (AwsSolutions).
 * Throws ConfigError (file, path, line) for an invalid config, GuardianPropsError for bad context.
 */
export function buildGuardianApp(app: App, options: GuardianAppOptions = {}): SgGuardianStack {
  const { config, configFile, fallback } = loadAppConfig(app, options.cwd ?? process.cwd());
  const stack = new SgGuardianStack(app, 'SgGuardian', {
    env: options.env,
    description: 'sg-guardian: guardrail for security groups, ENIs and network ACLs',
    guardian: {
      config,
      configFile,
      mode: contextMode(app),
      slackSecretArn: contextString(app, 'slackSecretArn'),
      slackChannel: contextString(app, 'slackChannel'),
      emailSubscribers: contextList(app, 'emailSubscribers'),
      regions: contextList(app, 'regions'),
      organizationId: contextString(app, 'organizationId'),
      memberRoleName: contextString(app, 'memberRoleName'),
      externalId: contextString(app, 'externalId'),
    },
  });
  if (fallback)
    Annotations.of(stack).addWarningV2(
      'sg-guardian:example-config',
      `${DEFAULT_CONFIG_FILE} not found: deploying the example policy ${relative(options.cwd ?? process.cwd(), configFile)}. ` +
        'Write your own guardian.yaml or pass -c config=FILE.',
    );
  const configured = contextList(app, 'regions') ?? config.deployment.regions;
  if (configured[0] !== undefined && !Token.isUnresolved(stack.region) && configured[0] !== stack.region)
    throw new GuardianPropsError(
      `deployment.regions must start with the central region ${stack.region} (member stacks forward to the first), got ${configured.join(', ')}`,
    );
  const otherRegions = stack.guardian.regions.filter((r) => r !== stack.region);
  if (otherRegions.length > 0 && (Token.isUnresolved(stack.account) || Token.isUnresolved(stack.region)))
    throw new GuardianPropsError(
      'deployment.regions needs the central account and region: synthesize with AWS credentials and a region',
    );
  for (const region of otherRegions)
    new MemberAccountStack(app, `SgGuardianForwarder-${region}`, {
      env: { account: stack.account, region },
      description: `sg-guardian: forwards ${region} EC2 network changes to ${stack.region}`,
      centralAccount: stack.account,
      centralRegion: stack.region,
    });
  addNagChecks(app);
  return stack;
}

/**
 * Builds the member-account stack (`-c member=true`): `centralAccount`, `centralEvaluatorRoleArn`
 * (the SgGuardian output EvaluatorRoleArn) and `centralRegion` (default: the first of
 * deployment.regions, else the CLI's region) from the context; role name, external id, Organization
 * and regions from guardian.yaml's `deployment:` or the context. Env-agnostic: one template for
 * every member account and region (`cdk deploy` with each account's profile, or a StackSet).
 */
export function buildMemberApp(app: App, options: GuardianAppOptions = {}): MemberAccountStack {
  const { deployment } = loadAppConfig(app, options.cwd ?? process.cwd()).config;
  const regions = contextList(app, 'regions') ?? deployment.regions;
  const centralAccount = requiredContext(app, 'centralAccount', /^\d{12}$/, 'a 12-digit account id');
  const centralEvaluatorRoleArn = requiredContext(
    app,
    'centralEvaluatorRoleArn',
    new RegExp(`^arn:aws[a-z-]*:iam::${centralAccount}:role/.+$`),
    `a role ARN of account ${centralAccount} (the SgGuardian output EvaluatorRoleArn)`,
  );
  const centralRegion = contextString(app, 'centralRegion') ?? regions[0] ?? options.env?.region;
  if (!centralRegion) throw new GuardianPropsError('the member stack needs -c centralRegion=REGION');
  const externalId = contextString(app, 'externalId') ?? deployment.externalId;
  if (!externalId)
    throw new GuardianPropsError(
      'the member stack needs deployment.externalId in guardian.yaml or -c externalId=…',
    );
  const stack = new MemberAccountStack(app, 'SgGuardianMember', {
    description:
      'sg-guardian member account: forwards EC2 network changes, lets the central evaluator revert',
    centralAccount,
    centralRegion,
    revertRole: {
      centralEvaluatorRoleArn,
      roleName: contextString(app, 'memberRoleName') ?? deployment.memberRoleName,
      externalId,
      organizationId: contextString(app, 'organizationId') ?? deployment.organizationId,
      regions: [...new Set([centralRegion, ...regions])],
      revertScope: deployment.revertScope,
    },
  });
  addNagChecks(app);
  return stack;
}

/** `-c member=true` builds the member stack, anything else the central app. */
export function buildApp(app: App, options: GuardianAppOptions = {}): SgGuardianStack | MemberAccountStack {
  return contextFlag(app, 'member') ? buildMemberApp(app, options) : buildGuardianApp(app, options);
}

function addNagChecks(app: App): void {
  if (contextFlag(app, 'nag')) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}

function loadAppConfig(app: App, cwd: string) {
  const requested = contextString(app, 'config') ?? DEFAULT_CONFIG_FILE;
  const fallback = requested === DEFAULT_CONFIG_FILE && !existsSync(resolve(cwd, requested));
  const file = fallback ? relative(cwd, EXAMPLE_CONFIG_FILE) : requested;
  return { config: loadConfig(file, cwd), configFile: resolve(cwd, file), fallback };
}

/** Parses the config; errors name `file` as the user wrote it. */
function loadConfig(file: string, cwd: string): GuardianConfig {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new ConfigError(file, [{ path: '', message: `cannot read file (${(error as Error).message})` }], {
      cause: error,
    });
  }
  return parseConfig(text, file);
}

function requiredContext(app: App, key: string, pattern: RegExp, what: string): string {
  const value = contextString(app, key);
  if (value === undefined) throw new GuardianPropsError(`the member stack needs -c ${key}=… (${what})`);
  if (!pattern.test(value)) throw new GuardianPropsError(`context ${key} must be ${what}, got "${value}"`);
  return value;
}
