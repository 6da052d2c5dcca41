import { AdaptiveRetryStrategy, ConfiguredRetryStrategy } from '@smithy/core/retry';
import { HttpResponse } from '@smithy/core/transport';
import { describe, expect, it } from 'vitest';
import { createEc2Client, Ec2AccountReader, Ec2ReadError } from '../../../../lambdas/adapters/aws/ec2/ec2-reader';
import { TEST_CLIENT_CONFIG } from './ec2-fake-account';

const GROUPS_XML = `<DescribeSecurityGroupsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
<requestId>r-ok</requestId><securityGroupInfo><item><groupId>sg-0web</groupId><groupName>web</groupName>
</item></securityGroupInfo></DescribeSecurityGroupsResponse>`;

const RULES_XML = `<DescribeSecurityGroupRulesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
<requestId>r-ok</requestId><securityGroupRuleSet/></DescribeSecurityGroupRulesResponse>`;

/** EC2's own throttling answer. */
const THROTTLED_XML = `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error>
<Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors>
<RequestID>r-slow</RequestID></Response>`;

const xml = (statusCode: number, body: string) => ({
  response: new HttpResponse({
    statusCode,
    headers: { 'content-type': 'text/xml' },
    body: Buffer.from(body),
  }),
});

/** A throttling error as the SDK models it: retryable, flagged as throttling. */
function throttlingException(): Error {
  return Object.assign(new Error('Rate exceeded'), {
    name: 'ThrottlingException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
    $retryable: { throttling: true },
  });
}

/**
 * A transport below the SDK's retry middleware: answers DescribeSecurityGroups with `failures`
 * first (thrown errors or HTTP answers), then with success. Counts HTTP attempts per action.
 */
function transport(failures: (() => unknown)[]) {
  const attempts: Record<string, number> = {};
  const handler = {
    handle: async (request: { body?: unknown }) => {
      const action = /Action=(\w+)/.exec(String(request.body))?.[1] ?? '?';
      attempts[action] = (attempts[action] ?? 0) + 1;
      if (action === 'DescribeSecurityGroupRules') return xml(200, RULES_XML);
      const failure = failures[(attempts[action] ?? 1) - 1];
      if (!failure) return xml(200, GROUPS_XML);
      const outcome = failure();
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
  };
  return { handler, attempts };
}

/** A real EC2 client from the factory, with 3 attempts and 1 ms between them. */
function fastClient(handler: ReturnType<typeof transport>['handler']) {
  return createEc2Client({
    ...TEST_CLIENT_CONFIG,
    maxAttempts: 3,
    retryStrategy: new ConfiguredRetryStrategy(3, 1),
    requestHandler: handler as never,
  });
}

describe('Ec2AccountReader under throttling (real SDK client and retry middleware)', () => {
  it('succeeds after two ThrottlingExceptions, counting one call for the retried request', async () => {
    // Prepare
    const { handler, attempts } = transport([throttlingException, throttlingException]);
    const reader = new Ec2AccountReader(fastClient(handler));

    // Act
    const docs = await reader.read({ groupIds: ['sg-0web'] });

    // Assess
    expect(docs.securityGroups.json).toEqual({ SecurityGroups: [{ GroupId: 'sg-0web', GroupName: 'web' }] });
    expect(attempts).toEqual({ DescribeSecurityGroups: 3, DescribeSecurityGroupRules: 1 });
    expect(reader.calls).toBe(2);
  });

  it('succeeds after two RequestLimitExceeded answers from EC2', async () => {
    // Prepare
    const throttled = () => xml(503, THROTTLED_XML);
    const { handler, attempts } = transport([throttled, throttled]);
    const reader = new Ec2AccountReader(fastClient(handler));

    // Act
    const docs = await reader.read({ groupIds: ['sg-0web'] });

    // Assess
    expect(docs.securityGroups.json).toEqual({ SecurityGroups: [{ GroupId: 'sg-0web', GroupName: 'web' }] });
    expect(attempts.DescribeSecurityGroups).toBe(3);
  });

  it('gives up with Ec2ReadError once the attempts are spent', async () => {
    // Prepare
    const throttled = () => xml(503, THROTTLED_XML);
    const { handler, attempts } = transport([throttled, throttled, throttled, throttled]);
    const reader = new Ec2AccountReader(fastClient(handler));

    // Act
    const error = await reader.read({ groupIds: ['sg-0web'] }).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(Ec2ReadError);
    expect((error as Error).message).toMatch(/^ec2:DescribeSecurityGroups failed: RequestLimitExceeded/);
    expect(attempts.DescribeSecurityGroups).toBe(3);
  });

  it('builds clients with 8 attempts in adaptive retry mode by default', async () => {
    // Prepare
    const client = createEc2Client(TEST_CLIENT_CONFIG);

    // Act
    const maxAttempts = await client.config.maxAttempts();
    const strategy = await client.config.retryStrategy();

    // Assess
    expect(maxAttempts).toBe(8);
    expect(client.config.retryMode).toBe('adaptive');
    expect(strategy).toBeInstanceOf(AdaptiveRetryStrategy);
  });
});
