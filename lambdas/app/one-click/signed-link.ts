import { randomBytes } from 'node:crypto';
import type { DecisionLink, DecisionLinkSigner } from '../ports';
import { hmacHex, safeEqual } from './hmac';

/** Finding ids are `fnd-<hex>`; anything else in a link is not ours. */
const FINDING_ID = /^[A-Za-z0-9_-]{1,128}$/;
const EPOCH = /^\d{1,12}$/;
const HEX = /^[0-9a-f]{64}$/;
const NONCE = /^[0-9a-f]{32}$/;

export const DECIDE_PATH = '/decide';

export type LinkCheck =
  | { readonly status: 'valid'; readonly findingId: string; readonly exp: number }
  | { readonly status: 'tampered'; readonly reason: string }
  | { readonly status: 'expired'; readonly findingId: string; readonly exp: number };

/** The link signature: HMAC-SHA256 over `<findingId>.<exp>` (exp in epoch seconds). */
export function signLink(secret: string, findingId: string, exp: number): string {
  return hmacHex(secret, `${findingId}.${exp}`);
}

export function decideUrl(publicUrl: string, findingId: string, exp: number, sig: string): string {
  const query = new URLSearchParams({ f: findingId, exp: String(exp), sig });
  return `${publicUrl.replace(/\/+$/, '')}${DECIDE_PATH}?${query}`;
}

/** Checks the signature first (a forged link is "tampered" even when its exp is past), then the expiry. */
export function verifyLink(
  secret: string,
  params: { f?: string; exp?: string; sig?: string },
  now: Date,
): LinkCheck {
  const { f, exp, sig } = params;
  if (!f || !FINDING_ID.test(f) || !exp || !EPOCH.test(exp) || !sig || !HEX.test(sig))
    return { status: 'tampered', reason: 'the link is incomplete or malformed' };
  if (!safeEqual(signLink(secret, f, Number(exp)), sig))
    return { status: 'tampered', reason: 'the link signature does not match' };
  const expires = Number(exp);
  if (expires * 1000 <= now.getTime()) return { status: 'expired', findingId: f, exp: expires };
  return { status: 'valid', findingId: f, exp: expires };
}

/**
 * The confirmation form's anti-forgery token: HMAC over `form:<findingId>.<eventId>.<nonce>.<exp>`. The
 * event id binds the form to the change the page showed: a newer change of the same finding is not it.
 */
export function formToken(secret: string, form: FormBinding): string {
  return hmacHex(secret, `form:${form.findingId}.${form.eventId}.${form.nonce}.${form.exp}`);
}

export interface FormBinding {
  readonly findingId: string;
  readonly eventId: string;
  readonly nonce: string;
  readonly exp: number;
}

export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

export function verifyFormToken(
  secret: string,
  fields: { findingId: string; exp: number; eventId?: string; nonce?: string; token?: string },
): boolean {
  const { eventId, nonce, token } = fields;
  if (!eventId || !nonce || !NONCE.test(nonce) || !token || !HEX.test(token)) return false;
  return safeEqual(
    formToken(secret, { findingId: fields.findingId, eventId, nonce, exp: fields.exp }),
    token,
  );
}

export interface SignedLinksOptions {
  /** The link secret (fetched once and cached by the caller). */
  readonly secret: () => Promise<string>;
  /** Base URL of the actions endpoint. */
  readonly publicUrl: string;
  readonly ttlHours: number;
}

/** Signs `<publicUrl>/decide?f=…&exp=…&sig=…` links that expire ttlHours after the decision was saved. */
export class SignedLinks implements DecisionLinkSigner {
  constructor(private readonly options: SignedLinksOptions) {}

  async linkFor(findingId: string, createdAt: Date): Promise<DecisionLink> {
    const secret = await this.options.secret();
    const exp = Math.floor(createdAt.getTime() / 1000 + this.options.ttlHours * 3600);
    return {
      findingId,
      url: decideUrl(this.options.publicUrl, findingId, exp, signLink(secret, findingId, exp)),
      expiresAt: new Date(exp * 1000).toISOString(),
    };
  }
}
