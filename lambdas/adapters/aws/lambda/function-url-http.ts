import type { LambdaFunctionURLEvent, LambdaFunctionURLResult } from 'aws-lambda';
import type { HttpRequest, HttpResponse } from '../../../app/one-click/http';

/** A Lambda Function URL event (payload format 2.0) as a plain request; the body is decoded from base64. */
export function fromFunctionUrlEvent(event: LambdaFunctionURLEvent): HttpRequest {
  const raw = event.body ?? '';
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.headers ?? {}))
    if (value !== undefined) headers[name.toLowerCase()] = value;
  const query: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(event.rawQueryString ?? '')) query[name] = value;
  return {
    method: event.requestContext.http.method,
    path: event.rawPath || event.requestContext.http.path || '/',
    query,
    headers,
    body: event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw,
    ...(event.requestContext.http.sourceIp && { sourceIp: event.requestContext.http.sourceIp }),
  };
}

export function toFunctionUrlResult(response: HttpResponse): LambdaFunctionURLResult {
  return {
    statusCode: response.status,
    headers: { ...response.headers },
    body: response.body,
    isBase64Encoded: false,
  };
}

/** A Function URL handler around a plain request handler (the Lambda, and the local server via serveFunctionUrl). */
export function functionUrlHandler(handle: (req: HttpRequest) => Promise<HttpResponse>) {
  return async (event: LambdaFunctionURLEvent): Promise<LambdaFunctionURLResult> =>
    toFunctionUrlResult(await handle(fromFunctionUrlEvent(event)));
}
