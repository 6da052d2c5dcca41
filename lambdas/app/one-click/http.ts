/** A request to the actions endpoint, independent of Lambda (Function URL) or node:http. */
export interface HttpRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The raw body, decoded from base64 when the transport encoded it. */
  readonly body: string;
  readonly sourceIp?: string;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * Pages are never framed (no clickjacking of the Revert button), never cached, send no Referer (with
 * the signed URL) to another site, run no script and post forms only to this origin. `same-origin`
 * rather than `no-referrer`: with the latter, browsers send `Origin: null` on the form's POST.
 */
export const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
} as const;

export function htmlResponse(status: number, body: string): HttpResponse {
  return { status, headers: PAGE_HEADERS, body };
}

export function textResponse(status: number, body: string): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    body,
  };
}

/** Slack's acknowledgement: 200 and nothing else. */
export function emptyResponse(status = 200): HttpResponse {
  return { status, headers: { 'cache-control': 'no-store' }, body: '' };
}

/** Fields of an application/x-www-form-urlencoded body (the last value of a repeated name wins). */
export function formFields(body: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body));
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
