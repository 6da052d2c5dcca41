/** An EC2 read failed (after the SDK's retries); `cause` is the SDK error, `api` the failed action. */
export class Ec2ReadError extends Error {
  override name = 'Ec2ReadError';
  readonly api: string | undefined;

  constructor(message: string, options?: { cause?: unknown; api?: string }) {
    super(message, options);
    this.api = options?.api;
  }
}

interface SdkErrorShape {
  readonly name?: unknown;
  readonly Code?: unknown;
  readonly message?: unknown;
  readonly $fault?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown };
}

/** The EC2 error code of an SDK error (e.g. InvalidPermission.NotFound), else the error's name. */
export function errorCode(error: unknown): string {
  const e = (error ?? {}) as SdkErrorShape;
  if (typeof e.Code === 'string') return e.Code;
  return typeof e.name === 'string' ? e.name : 'UnknownError';
}

/** `Code: message` of an SDK error, with the HTTP status when the server failed. */
export function describeError(error: unknown): string {
  const e = (error ?? {}) as SdkErrorShape;
  const message = typeof e.message === 'string' && e.message ? e.message : String(error);
  const status = e.$metadata?.httpStatusCode;
  const http = typeof status === 'number' && status >= 500 ? ` (HTTP ${status})` : '';
  return `${errorCode(error)}${http}: ${message}`;
}
