import type { SlackResponder, SlackResponse } from '../../app/ports';

export const SLACK_RESPONSE_URL_IAM_ACTIONS = [] as const;

/** Slack's response URLs live here (commercial and GovSlack). */
export const SLACK_RESPONSE_URL_PREFIXES = [
  'https://hooks.slack.com/',
  'https://hooks.slack-gov.com/',
] as const;

export class SlackResponseError extends Error {
  override name = 'SlackResponseError';
}

export interface SlackResponseUrlOptions {
  /** URLs must start with one of these; default SLACK_RESPONSE_URL_PREFIXES (tests add a loopback one). */
  readonly allowedPrefixes?: readonly string[];
  readonly timeoutMs?: number;
}

/**
 * POSTs a follow-up to an interaction's response_url. Only Slack's hosts are called: the URL comes from
 * a verified payload, and this keeps a leaked job from turning the function into a proxy.
 */
export class SlackResponseUrl implements SlackResponder {
  constructor(private readonly options: SlackResponseUrlOptions = {}) {}

  async respond(responseUrl: string, message: SlackResponse): Promise<void> {
    const allowed = this.options.allowedPrefixes ?? SLACK_RESPONSE_URL_PREFIXES;
    if (!allowed.some((prefix) => responseUrl.startsWith(prefix)))
      throw new SlackResponseError('response_url is not a Slack URL');
    let response: Response;
    try {
      response = await fetch(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5_000),
        redirect: 'error',
      });
    } catch (error) {
      throw new SlackResponseError(`response_url POST failed: ${(error as Error).name}`, { cause: error });
    }
    if (!response.ok)
      throw new SlackResponseError(
        `response_url answered HTTP ${response.status} ${(await response.text()).slice(0, 200)}`,
      );
  }
}
