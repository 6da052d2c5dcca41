import { hmacHex, safeEqual } from './hmac';

/** Slack: reject requests whose timestamp is more than five minutes away from now. */
export const SLACK_MAX_SKEW_SECONDS = 5 * 60;

export type SignatureCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>` under the signing secret. */
export function slackSignature(signingSecret: string, timestamp: string, rawBody: string): string {
  return `v0=${hmacHex(signingSecret, `v0:${timestamp}:${rawBody}`)}`;
}

/**
 * Verifies X-Slack-Signature against the raw body (before any parsing), in constant time, and
 * X-Slack-Request-Timestamp against the clock. Never throws.
 */
export function verifySlackSignature(input: {
  readonly signingSecret: string;
  readonly timestamp: string | undefined;
  readonly signature: string | undefined;
  readonly rawBody: string;
  readonly now: Date;
}): SignatureCheck {
  const { timestamp, signature } = input;
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'missing or bad timestamp' };
  if (!signature?.startsWith('v0=')) return { ok: false, reason: 'missing or unknown signature version' };
  const skew = Math.abs(input.now.getTime() / 1000 - Number(timestamp));
  if (skew > SLACK_MAX_SKEW_SECONDS)
    return { ok: false, reason: `timestamp is ${Math.round(skew)} s away from now (limit 300 s)` };
  const expected = slackSignature(input.signingSecret, timestamp, input.rawBody);
  return safeEqual(expected, signature) ? { ok: true } : { ok: false, reason: 'signature mismatch' };
}
