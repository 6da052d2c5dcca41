import type { Context } from 'aws-lambda';

/** The Lambda context the handlers get (Powertools reads the function name and remaining time). */
export const lambdaContext = {
  functionName: 'sg-guardian-evaluator',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:sg-guardian-evaluator',
  memoryLimitInMB: '512',
  awsRequestId: 'emulator-request',
  logGroupName: '/aws/lambda/sg-guardian-evaluator',
  logStreamName: 'stream',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 60_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
} as unknown as Context;
