#!/usr/bin/env node
// The CDK app (cdk.json: `npx tsx bin/app.ts`). Deploy with `npx cdk deploy -c config=guardian.yaml`;
// `-c member=true -c centralAccount=… -c centralEvaluatorRoleArn=…` synthesizes the member-account stack.
import { App } from 'aws-cdk-lib';
import { ConfigError } from '../lambdas/core/config/errors';
import { GuardianBundlingError, GuardianPropsError } from '../lib/errors';
import { buildApp } from '../lib/guardian-app';

const app = new App();
try {
  buildApp(app, {
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  });
  app.synth();
} catch (error) {
  if (
    !(
      error instanceof ConfigError ||
      error instanceof GuardianPropsError ||
      error instanceof GuardianBundlingError
    )
  )
    throw error;
  process.stderr.write(`${error.name}: ${error.message}\n`);
  process.exitCode = 1;
}
