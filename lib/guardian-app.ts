import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Annotations, type App, type Environment } from 'aws-cdk-lib';
import { ConfigError } from '../lambdas/core/config/errors';
import { parseConfig } from '../lambdas/core/config/parse-config';
import type { GuardianConfig } from '../lambdas/core/config/schema';
import { GuardianPropsError } from './errors';
import { SgGuardianStack } from './sg-guardian-stack';

/** `-c config=FILE` when not given (cdk.json sets the same default). */
export const DEFAULT_CONFIG_FILE = 'guardian.yaml';
/** Used, with a warning, when the default config file does not exist. */
export const EXAMPLE_CONFIG_FILE = fileURLToPath(new URL('../examples/guardian.yaml', import.meta.url));

export interface GuardianAppOptions {
  /** Stack environment. @default env-agnostic */
  readonly env?: Environment;
  /** Directory a relative `config` path is resolved from. @default process.cwd() */
  readonly cwd?: string;
}

const MODES = ['enforce', 'dry-run'] as const;

/**
 * Builds the sg-guardian app from CDK context: `config` (guardian.yaml path), and optionally `mode`
 * (enforce | dry-run), `slackSecretArn`, `slackChannel`, `emailSubscribers` (comma-separated).
 * Throws ConfigError (file, path, line) for an invalid config, GuardianPropsError for bad context.
 */
export function buildGuardianApp(app: App, options: GuardianAppOptions = {}): SgGuardianStack {
  const cwd = options.cwd ?? process.cwd();
  const requested = contextString(app, 'config') ?? DEFAULT_CONFIG_FILE;
  const fallback = requested === DEFAULT_CONFIG_FILE && !existsSync(resolve(cwd, requested));
  const configFile = fallback ? relative(cwd, EXAMPLE_CONFIG_FILE) : requested;
  const config = loadConfig(configFile, cwd);
  const stack = new SgGuardianStack(app, 'SgGuardian', {
    env: options.env,
    description: 'sg-guardian: guardrail for security groups, ENIs and network ACLs',
    guardian: {
      config,
      configFile: resolve(cwd, configFile),
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
      `${DEFAULT_CONFIG_FILE} not found: deploying the example policy ${configFile}. ` +
        'Write your own guardian.yaml or pass -c config=FILE.',
    );
  return stack;
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
