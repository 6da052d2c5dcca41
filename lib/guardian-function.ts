import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import {
  AssetHashType,
  DockerImage,
  type Duration,
  type aws_iam as iam,
  aws_lambda as lambda,
  aws_logs as logs,
} from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { GuardianConfig } from '../lambdas/core/config/schema';
import { toPolicyJson } from '../lambdas/core/config/validate-config';
import { writeValidatedPolicy } from './bundling/policy-asset';
import { GuardianBundlingError } from './errors';
import { acknowledgePinnedRuntime } from './nag-suppressions';

/** The name the handlers read their policy from (SG_GUARDIAN_CONFIG, relative to /var/task). */
export const BUNDLED_CONFIG_NAME = 'guardian.json';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUNDLE_CLI = fileURLToPath(new URL('./bundling/bundle-cli.ts', import.meta.url));

export interface GuardianFunctionProps {
  /** The handler's TypeScript file (exports `handler`). */
  readonly entry: string;
  /** The validated policy, written beside the bundle as JSON (BUNDLED_CONFIG_NAME): no YAML parser at run time. */
  readonly config: GuardianConfig;
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
  /**
   * Node's own source-mapped stack traces (NODE_OPTIONS=--enable-source-maps): every stack trace, logged
   * or thrown, names the TypeScript sources, but Node decodes the source map of each bundle file it
   * loads and scans its line lengths at load: ~25–55 ms of CPU and ~4 MiB of peak RSS per cold start
   * (BENCHMARKS.md). Off, an error that leaves a handler is still mapped to the sources when it is
   * thrown (lambdas/handlers/mapped-stacks.ts, from the `.map` files shipped in the asset), at no cost
   * until then; other stack traces keep minified positions.
   * @default false
   */
  readonly sourceMapStackTraces?: boolean;
}

/** NODE_OPTIONS of a function with source-mapped stack traces. */
export const SOURCE_MAPS_NODE_OPTIONS = '--enable-source-maps';

/**
 * A sg-guardian handler: Node.js 22 on ARM, bundled locally by esbuild (no Docker) as minified ESM
 * with the AWS SDK v3 inside (the versions we pinned), split into `index.mjs` and the `chunks/` its
 * dynamic imports load on first use, source maps, and the policy beside it as JSON.
 * The bundle is built by lib/bundling/handler-bundle.ts (esbuild plus a tree-shaking plugin, which
 * NodejsFunction's esbuild command line cannot load).
 */
export class GuardianFunction extends lambda.Function {
  constructor(scope: Construct, id: string, props: GuardianFunctionProps) {
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, { retention: logs.RetentionDays.ONE_YEAR });
    super(scope, id, {
      code: bundledCode(props.entry, props.config),
      handler: 'index.handler',
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
        ...((props.sourceMapStackTraces ?? false) && { NODE_OPTIONS: SOURCE_MAPS_NODE_OPTIONS }),
      },
    });
    // The role is shared and given (no managed policy): it may write to this log group only.
    logGroup.grantWrite(props.role);
    acknowledgePinnedRuntime(this);
  }
}

/** The handler bundled at synth (skipped, as for any asset, when the stack is not being bundled). */
function bundledCode(entry: string, config: GuardianConfig): lambda.Code {
  const policyHash = createHash('sha256').update(toPolicyJson(config)).digest('hex');
  const args = ['--import', 'tsx', BUNDLE_CLI, entry];
  return lambda.Code.fromAsset(PROJECT_ROOT, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Never run (local bundling always answers); it also keys CDK's asset cache by entry and policy.
      image: DockerImage.fromRegistry('local-bundling-only'),
      command: ['node', ...args, '/asset-output', `policy-sha256=${policyHash}`],
      local: {
        tryBundle(outputDir) {
          // stdout is the template when `cdk synth` prints it: esbuild reports on stderr only.
          const run = spawnSync(process.execPath, [...args, outputDir], {
            cwd: PROJECT_ROOT,
            stdio: ['ignore', 2, 2],
          });
          if (run.status !== 0)
            throw new GuardianBundlingError(`bundling ${entry} failed (${run.status ?? run.signal})`);
          // The policy and its stamp: validated here, the handlers need not validate it again.
          writeValidatedPolicy(outputDir, BUNDLED_CONFIG_NAME, config);
          return true;
        },
      },
    },
  });
}
