import { describe, expect, it } from 'vitest';
import { InProcessRunner } from '../../../../lambdas/adapters/local/in-process-runner';
import { isJobEvent, JOB_EVENT_SOURCE, LambdaAsyncRunner } from '../../../../lambdas/adapters/aws/lambda/lambda-async-runner';

describe('async runners', () => {
  it('invokes the function asynchronously with the job as an event only it recognises', async () => {
    // Prepare
    const calls: { FunctionName: string; InvocationType: string; Payload: Uint8Array }[] = [];
    const runner = new LambdaAsyncRunner<{ kind: string }>({
      functionName: 'sg-guardian-actions',
      invoke: async (input) => {
        calls.push(input);
        return { StatusCode: 202 };
      },
    });

    // Act
    await runner.start({ kind: 'revert' });

    // Assess
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ FunctionName: 'sg-guardian-actions', InvocationType: 'Event' });
    const event = JSON.parse(new TextDecoder().decode(calls[0]!.Payload));
    expect(event).toEqual({ source: JOB_EVENT_SOURCE, job: { kind: 'revert' } });
    expect(isJobEvent(event)).toBe(true);
  });

  it('fails when Lambda does not accept the invocation', async () => {
    // Prepare
    const runner = new LambdaAsyncRunner({ functionName: 'f', invoke: async () => ({ StatusCode: 500 }) });

    // Act / Assess
    await expect(runner.start({})).rejects.toThrow('async invoke of f answered 500');
  });

  it('never takes a Function URL request for a job, whatever its body says', () => {
    // Prepare
    const urlEvent = { source: JOB_EVENT_SOURCE, job: {}, requestContext: { http: { method: 'POST' } } };

    // Act / Assess
    expect(isJobEvent(urlEvent)).toBe(false);
    expect(isJobEvent(null)).toBe(false);
    expect(isJobEvent({ source: 'aws.ec2', job: {} })).toBe(false);
  });

  it('runs background jobs after start() returns, reports failures, and waits for them on idle()', async () => {
    // Prepare
    const done: number[] = [];
    const errors: unknown[] = [];
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const runner = new InProcessRunner<number>(
      async (n) => {
        await gate;
        if (n === 2) throw new Error('job 2 failed');
        done.push(n);
      },
      { onError: (e) => errors.push(e) },
    );

    // Act
    await runner.start(1);
    await runner.start(2);
    const before = [...done];
    release();
    await runner.idle();

    // Assess
    expect(before).toEqual([]);
    expect(done).toEqual([1]);
    expect(errors).toEqual([new Error('job 2 failed')]);
  });

  it('runs a job before start() returns when inline', async () => {
    // Prepare
    const done: number[] = [];
    const runner = new InProcessRunner<number>(async (n) => void done.push(n), { inline: true });

    // Act
    await runner.start(7);

    // Assess
    expect(done).toEqual([7]);
  });
});
