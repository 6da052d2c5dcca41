import { ErrorCode, type Logger, LogLevel, WebClient } from '@slack/web-api';
import type { SlackMessage } from './slack-blocks';

export class SlackNotifyError extends Error {
  override name = 'SlackNotifyError';
}

export interface SlackHttpOptions {
  /** Per-request timeout; default 10 s. */
  readonly timeoutMs?: number;
  /** Retries after a failed request (5xx, network, timeout); default 2. Tests use 0. */
  readonly retries?: number;
}

export interface SlackWebClientOptions extends SlackHttpOptions {
  /** Base URL of the Web API (default https://slack.com/api/); tests point it at a loopback server. */
  readonly slackApiUrl?: string;
  readonly logger?: Logger;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_RETRIES = 2;

/** A WebClient with a bounded retry policy and a timeout, quiet unless something is wrong. */
export function createWebClient(token: string, options: SlackWebClientOptions): WebClient {
  return new WebClient(token, {
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retryConfig: {
      retries: options.retries ?? DEFAULT_RETRIES,
      factor: 2,
      minTimeout: 250,
      maxTimeout: 2000,
    },
    ...(options.logger ? { logger: options.logger } : { logLevel: LogLevel.ERROR }),
  });
}

export async function postWithWebClient(
  web: WebClient,
  channel: string,
  message: SlackMessage,
): Promise<void> {
  try {
    await web.chat.postMessage({ channel, text: message.text, blocks: message.blocks });
  } catch (error) {
    throw new SlackNotifyError(`Slack chat.postMessage to ${channel} failed: ${describeSlackError(error)}`, {
      cause: error,
    });
  }
}

/** Why a Web API call failed, without the token (the SDK's errors never carry it). */
function describeSlackError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const e = error as Error & {
    code?: string;
    data?: { error?: string };
    statusCode?: number;
    original?: Error;
  };
  if (e.code === ErrorCode.PlatformError) return `Slack answered ${e.data?.error ?? 'an error'}`;
  if (e.code === ErrorCode.HTTPError) return `HTTP ${e.statusCode}`;
  if (e.code === ErrorCode.RateLimitedError) return 'rate limited';
  if (e.code === ErrorCode.RequestError && e.original)
    return e.original.name === 'TimeoutError' ? 'request timed out' : `request failed: ${e.original.message}`;
  return error.message;
}

/**
 * POSTs the message to an incoming webhook. The URL is a credential: errors never show it.
 * Retries network errors, timeouts, 429 and 5xx; a 4xx answer (invalid_blocks, no_service) is final.
 */
export async function postToWebhook(url: string, message: SlackMessage, options: SlackHttpOptions = {}) {
  const attempts = (options.retries ?? DEFAULT_RETRIES) + 1;
  let last = 'no attempt made';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) await sleep(250 * 2 ** (attempt - 2));
    const result = await postOnce(url, message, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    if (result.ok) return;
    last = result.reason;
    if (!result.retryable) break;
  }
  throw new SlackNotifyError(`Slack webhook POST failed: ${last}`);
}

async function postOnce(url: string, message: SlackMessage, timeoutMs: number) {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ text: message.text, blocks: message.blocks }),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    if (response.ok) return { ok: true } as const;
    const body = (await response.text()).slice(0, 200);
    const retryable = response.status === 429 || response.status >= 500;
    return { ok: false, retryable, reason: `HTTP ${response.status}${body ? ` ${body}` : ''}` } as const;
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    const code = (error as { cause?: { code?: unknown } }).cause?.code;
    const reason = timedOut
      ? `timed out after ${timeoutMs} ms`
      : `network error${typeof code === 'string' ? ` (${code})` : ''}`;
    return { ok: false, retryable: true, reason } as const;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
