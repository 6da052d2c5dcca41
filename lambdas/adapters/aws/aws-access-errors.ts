import { EnvironmentError } from '../../core/errors';
import { Ec2ReadError, errorCode } from './ec2/ec2-errors';

/**
 * AWS could not be used for a reason the user fixes: a missing permission, missing or rejected
 * credentials, a missing or unknown region. The message says what to do; `cause` is the SDK error.
 */
export class AwsAccessError extends EnvironmentError {
  override readonly name = 'AwsAccessError';
}

/** What the caller asked for, to name it in messages. */
export interface AccessContext {
  readonly region?: string;
  readonly profile?: string;
  /** The service called, to name it when the failed action is not known (e.g. DynamoDB). */
  readonly service?: string;
  /** Every IAM action the operation needs, listed when one of them is denied. */
  readonly actions?: readonly string[];
}

const DENIED = new Set(['UnauthorizedOperation', 'AccessDenied', 'AccessDeniedException']);
const NO_CREDENTIALS = new Set(['CredentialsProviderError', 'TokenProviderError']);
const REJECTED_CREDENTIALS = new Set([
  'AuthFailure',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'ExpiredTokenException',
  'RequestExpired',
]);
const UNREACHABLE = new Set(['ENOTFOUND', 'EAI_AGAIN']);

/**
 * An AwsAccessError explaining `error` when it is an expected failure (permission, credentials,
 * region), else undefined. `error` may be an Ec2ReadError (its `api` is named) or a bare SDK error.
 */
export function explainAwsFailure(error: unknown, context: AccessContext = {}): AwsAccessError | undefined {
  const api = error instanceof Ec2ReadError ? error.api : undefined;
  const cause = error instanceof Ec2ReadError && error.cause !== undefined ? error.cause : error;
  const message = messageOf(cause);
  const explain = (text: string) => new AwsAccessError(text, { cause });
  const code = errorCode(cause);
  const action = api ? `ec2:${api}` : context.service ? `the ${context.service} call` : 'the AWS call';
  const profile = context.profile ? ` (profile "${context.profile}")` : '';

  if (DENIED.has(code)) {
    const all = context.actions?.length ? ` It needs: ${context.actions.join(', ')}.` : '';
    return explain(
      `${action} was denied (${code}): grant the IAM permission ${action} to the caller${profile}.${all}` +
        ` AWS said: ${message}`,
    );
  }
  if (NO_CREDENTIALS.has(code))
    return explain(
      `no AWS credentials found${profile}: pass --profile, set AWS_PROFILE or AWS_ACCESS_KEY_ID and ` +
        `AWS_SECRET_ACCESS_KEY, or sign in (aws sso login). SDK said: ${message}`,
    );
  if (REJECTED_CREDENTIALS.has(code))
    return explain(
      `AWS rejected the credentials${profile} calling ${action} (${code}): refresh them ` +
        `(e.g. aws sso login) or choose another --profile. AWS said: ${message}`,
    );
  if (code === 'OptInRequired')
    return explain(`region ${context.region ?? '(default)'} is not enabled for this account (OptInRequired)`);
  if (/^Region is missing/.test(message))
    return explain('no AWS region: pass --region, set AWS_REGION, or set region in the AWS profile');
  if (/^Region not accepted|^Invalid region/.test(message))
    return explain(`invalid AWS region (pass --region with a name like eu-west-1): ${message}`);
  if (UNREACHABLE.has(String((cause as { code?: unknown } | null)?.code)))
    return explain(
      `cannot reach ${api ? action : 'AWS'} in region ${context.region ?? '(default)'} (${message}): ` +
        'the DNS lookup failed; check that --region names a real region, AWS_ENDPOINT_URL if set, and that the network is up',
    );
  return undefined;
}

function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message ? message : String(error);
}
