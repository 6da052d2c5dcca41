import { EC2Client, type EC2ClientConfig } from '@aws-sdk/client-ec2';
import { withoutRequestLogging } from '../no-request-logging';

/**
 * An EC2 client for the guardian's adapters. Throttling (RequestLimitExceeded) and 5xx answers are
 * retried by the SDK itself: up to `maxAttempts` (8) tries with the adaptive retry mode, which also
 * slows the client down client-side when EC2 throttles. No endpoint is set (the SDK honours
 * AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_EC2) and the region comes from the SDK's default chain.
 * `options` override the defaults (tests pass fake credentials, a region and a fast retryStrategy).
 * Without the SDK's request logger (no-request-logging.ts).
 */
export function createEc2Client(options: EC2ClientConfig = {}): EC2Client {
  return withoutRequestLogging(new EC2Client({ maxAttempts: 8, retryMode: 'adaptive', ...options }));
}
