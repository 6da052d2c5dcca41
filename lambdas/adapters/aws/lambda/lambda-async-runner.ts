import type { AsyncRunner } from '../../../app/ports';

/** The IAM action on the function itself (its own ARN). */
export const LAMBDA_ASYNC_RUNNER_IAM_ACTIONS = ['lambda:InvokeFunction'] as const;

/** The one call this adapter makes: `(input) => lambdaClient.send(new InvokeCommand(input))`. */
export type InvokeAsync = (input: {
  FunctionName: string;
  InvocationType: 'Event';
  Payload: Uint8Array;
}) => Promise<{ StatusCode?: number; FunctionError?: string }>;

/** The event a job arrives as; a Function URL event never has this shape (it has requestContext). */
export interface JobEvent<Job> {
  readonly source: typeof JOB_EVENT_SOURCE;
  readonly job: Job;
}

export const JOB_EVENT_SOURCE = 'sg-guardian.actions';

export class LambdaInvokeError extends Error {
  override name = 'LambdaInvokeError';
}

/** Whether a Lambda event is a job this function sent itself. */
export function isJobEvent<Job>(event: unknown): event is JobEvent<Job> {
  const e = event as Record<string, unknown> | null;
  return (
    !!e && typeof e === 'object' && e.source === JOB_EVENT_SOURCE && 'job' in e && !('requestContext' in e)
  );
}

/**
 * Starts a job by invoking a function (normally this one) asynchronously (InvocationType 'Event':
 * Lambda queues it and answers 202 at once). Needs @aws-sdk/client-lambda for `invoke`.
 */
export class LambdaAsyncRunner<Job> implements AsyncRunner<Job> {
  constructor(private readonly options: { invoke: InvokeAsync; functionName: string }) {}

  async start(job: Job): Promise<void> {
    const event: JobEvent<Job> = { source: JOB_EVENT_SOURCE, job };
    const payload = new TextEncoder().encode(JSON.stringify(event));
    let out: Awaited<ReturnType<InvokeAsync>>;
    try {
      out = await this.options.invoke({
        FunctionName: this.options.functionName,
        InvocationType: 'Event',
        Payload: payload,
      });
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new LambdaInvokeError(`async invoke of ${this.options.functionName} failed: ${reason}`, {
        cause: error,
      });
    }
    if (out.StatusCode !== 202)
      throw new LambdaInvokeError(`async invoke of ${this.options.functionName} answered ${out.StatusCode}`);
  }
}
