import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromFunctionUrlEvent, functionUrlHandler } from '../../../../lambdas/adapters/aws/lambda/function-url-http';
import { type LocalServer, serveFunctionUrl } from '../../../../lambdas/adapters/local/local-http-server';
import type { HttpRequest } from '../../../../lambdas/app/one-click/http';

const seen: HttpRequest[] = [];
let server: LocalServer;
beforeAll(async () => {
  server = await serveFunctionUrl(
    functionUrlHandler(async (req) => {
      seen.push(req);
      return { status: 201, headers: { 'x-test': 'yes' }, body: `hello ${req.query.name ?? ''}` };
    }),
  );
});
afterAll(async () => {
  await server.close();
});

describe('Function URL events', () => {
  it('serves a handler on loopback as Lambda would call it: query, headers, base64 body, source ip', async () => {
    // Act
    const response = await fetch(`${server.url}/decide?name=a%26b&x=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'X-Slack-Signature': 'v0=1' },
      body: 'payload=%7B%7D&é=1',
    });

    // Assess
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(response.status).toBe(201);
    expect(response.headers.get('x-test')).toBe('yes');
    expect(await response.text()).toBe('hello a&b');
    expect(seen.at(-1)).toMatchObject({
      method: 'POST',
      path: '/decide',
      query: { name: 'a&b', x: '1' },
      headers: { 'x-slack-signature': 'v0=1' },
      body: 'payload=%7B%7D&é=1',
      sourceIp: '127.0.0.1',
    });
  });

  it('reads a plain (not base64) body as it is', () => {
    // Act
    const req = fromFunctionUrlEvent({
      rawPath: '/slack/actions',
      rawQueryString: '',
      headers: { 'Content-Type': 'text/plain' },
      body: 'raw',
      isBase64Encoded: false,
      requestContext: { http: { method: 'POST', path: '/slack/actions', sourceIp: '192.0.2.1' } },
    } as never);

    // Assess
    expect(req).toEqual({
      method: 'POST',
      path: '/slack/actions',
      query: {},
      headers: { 'content-type': 'text/plain' },
      body: 'raw',
      sourceIp: '192.0.2.1',
    });
  });
});
