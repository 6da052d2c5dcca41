import { existsSync, readFileSync } from 'node:fs';
import { Annotations, type App, type Environment } from 'aws-cdk-lib';
import { ConfigError } from '../lambdas/core/config/errors';
import { parseConfig } from '../lambdas/core/config/parse-config';
import type { GuardianConfig } from '../lambdas/core/config/schema';
import { GuardianPropsError } from './errors';
import { SgGuardianStack } from './sg-guardian-stack';

/** `-c config=FILE` when not given (cdk.json sets the same default). */
export const DEFAULT_CONFIG_FILE = 'guardian.yaml';
/** Used, with a warning, when the default config file does not exist. */
export const EXAMPLE_CONFIG_FILE = 'examples/guardian.yaml';

const MODES = ['enforce', 'dry-run'] as const;

/**
 * Builds the sg-guardian app from CDK context: `config` (guardian.yaml path), and optionally `mode`
 * (enforce | dry-run), `slackSecretArn`, `slackChannel`, `emailSubscribers` (comma-separated).
 * Throws ConfigError (file, path, line) for an invalid config, GuardianPropsError for bad context.
 */
export function buildGuardianApp(app: App, env?: Environment): SgGuardianStack {
  const requested = contextString(app, 'config') ?? DEFAULT_CONFIG_FILE;
  const fallback = requested === DEFAULT_CONFIG_FILE && !existsSync(requested);
  const configFile = fallback ? EXAMPLE_CONFIG_FILE : requested;
  const stack = new SgGuardianStack(app, 'SgGuardian', {
    env,
    description: 'sg-guardian: guardrail for security groups, ENIs and network ACLs',
    guardian: {
      config: loadConfig(configFile),
      configFile,
      mode: modeOf(contextString(app, 'mode')),
      slackSecretArn: contextString(app, 'slackSecretArn'),
      slackChannel: contextString(app, 'slackChannel'),
      emailSubscribers: contextString(app, 'emailSubscribers')
        ?.split(',')
        .map((e) => e.trim())
        .filter((e) => e !== ''),
    },
  });
  if (fallback)
    Annotations.of(stack).addWarningV2(
      'sg-guardian:example-config',
      `${DEFAULT_CONFIG_FILE} not found: deploying the example policy ${EXAMPLE_CONFIG_FILE}. ` +
        'Write your own guardian.yaml or pass -c config=FILE.',
    );
  return stack;
}

function loadConfig(file: string): GuardianConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, [{ path: '', message: `cannot read file (${(error as Error).message})` }], {
      cause: error,
    });
  }
  return parseConfig(text, file);
}

function contextString(app: App, key: string): string | undefined {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new GuardianPropsError(`context ${key} must be a string`);
  return value;
}

function modeOf(value: string | undefined): (typeof MODES)[number] | undefined {
  if (value === undefined) return undefined;
  const mode = MODES.find((m) => m === value);
  if (!mode) throw new GuardianPropsError(`context mode must be ${MODES.join(' or ')}, got "${value}"`);
  return mode;
}
