import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, LambdaFunctionURLEvent, LambdaFunctionURLResult } from 'aws-lambda';
import { fromFunctionUrlEvent, toFunctionUrlResult } from '../adapters/aws/lambda/function-url-http';
import { isJobEvent, type JobEvent } from '../adapters/aws/lambda/lambda-async-runner';
import type { DecisionJob, JobResult } from '../app/one-click/decision-job';
import { routeAction } from '../app/one-click/router';
import { composeActions } from './compose-actions';
import { readSettings } from './settings';
import { withoutRequestLogging } from '../adapters/aws/no-request-logging';
import { withMappedStacks } from './mapped-stacks';

const logger = new Logger({ serviceName: 'sg-guardian-actions' });
const lambda = withoutRequestLogging(new LambdaClient({}));
const { deps, runJob } = await composeActions(readSettings(process.env), {
  invoke: (input) => lambda.send(new InvokeCommand(input)),
  functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
  log: (message, detail) => logger.info(message, detail ?? {}),
});

/**
 * Behind a Lambda Function URL (auth NONE: Slack and browsers cannot sign requests; every request is
 * authenticated by its Slack signature or link HMAC): Slack interactivity and the signed-link pages.
 * Also receives the jobs it sends itself asynchronously (the revert after Slack got its answer).
 */
export async function handler(
  event: LambdaFunctionURLEvent | JobEvent<DecisionJob>,
  context: Context,
): Promise<LambdaFunctionURLResult | JobResult> {
  logger.addContext(context);
  return withMappedStacks(() => handle(event));
}

async function handle(event: LambdaFunctionURLEvent | JobEvent<DecisionJob>): Promise<LambdaFunctionURLResult | JobResult> {
  if (isJobEvent<DecisionJob>(event)) {
    const result = await runJob(event.job);
    logger.info('decision job', { kind: event.job.kind, ...result });
    return result;
  }
  const request = fromFunctionUrlEvent(event);
  const response = await routeAction(request, deps);
  logger.info('actions request', { method: request.method, path: request.path, status: response.status });
  return toFunctionUrlResult(response);
}
