import { existsSync } from 'node:fs';
import { type Duration, type aws_iam as iam, aws_lambda as lambda, aws_logs as logs } from 'aws-cdk-lib';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Construct } from 'constructs';
import { GuardianPropsError } from './errors';

/** Lets bundled CommonJS dependencies call `require` inside the ESM bundle. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'module';const require = createRequire(import.meta.url);";

/** The name the handlers read their policy from (SG_GUARDIAN_CONFIG, relative to /var/task). */
export const BUNDLED_CONFIG_NAME = 'guardian.yaml';

export interface GuardianFunctionProps {
  /** The handler's TypeScript file (exports `handler`). */
  readonly entry: string;
  /** guardian.yaml to copy next to the bundle as BUNDLED_CONFIG_NAME. */
  readonly configFile: string;
  readonly role: iam.IRole;
  readonly environment: Record<string, string>;
  readonly description: string;
  /** Powertools service name of this function. */
  readonly serviceName: string;
  readonly timeout: Duration;
  /** @default 512 */
  readonly memorySize?: number;
  /** @default lambda.Tracing.DISABLED */
  readonly tracing?: lambda.Tracing;
  /** Retries of a failed asynchronous invocation. @default 2 */
  readonly retryAttempts?: number;
  /** Where failed asynchronous invocations go. @default none */
  readonly onFailure?: lambda.IDestination;
  /** @default no reserved concurrency */
  readonly reservedConcurrentExecutions?: number;
}

/**
 * A sg-guardian handler: Node.js 22 on ARM, bundled locally by esbuild (no Docker) as minified ESM
 * with the AWS SDK v3 inside (the versions we pinned), source maps, and guardian.yaml beside it.
 */
export class GuardianFunction extends nodejs.NodejsFunction {
  constructor(scope: Construct, id: string, props: GuardianFunctionProps) {
    if (!existsSync(props.configFile))
      throw new GuardianPropsError(`configFile not found: ${props.configFile}`);
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, { retention: logs.RetentionDays.ONE_YEAR });
    super(scope, id, {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout,
      role: props.role,
      tracing: props.tracing,
      retryAttempts: props.retryAttempts ?? 2,
      onFailure: props.onFailure,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      logGroup,
      environment: {
        ...props.environment,
        SG_GUARDIAN_CONFIG: BUNDLED_CONFIG_NAME,
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        forceDockerBundling: false,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        target: 'node22',
        format: nodejs.OutputFormat.ESM,
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        externalModules: [],
        commandHooks: copyAfterBundling(props.configFile, BUNDLED_CONFIG_NAME),
      },
    });
    // The role is shared and given (no managed policy): it may write to this log group only.
    logGroup.grantWrite(props.role);
  }
}

function copyAfterBundling(file: string, name: string): nodejs.ICommandHooks {
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (_inputDir, outputDir) => [`cp ${shellQuote(file)} ${shellQuote(`${outputDir}/${name}`)}`],
  };
}

/** POSIX single-quoting: the command runs in a local shell. */
function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
