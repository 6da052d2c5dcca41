import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decideUrl,
  formToken,
  SignedLinks,
  signLink,
  verifyFormToken,
  verifyLink,
} from '../../../lambdas/app/one-click/signed-link';

const SECRET = 'link-secret-0123456789abcdef0123456789abcdef';
const NOW = new Date('2026-11-20T20:00:00Z');
const EXP = NOW.getTime() / 1000 + 3600;

function paramsOf(url: string) {
  return Object.fromEntries(new URL(url).searchParams) as { f: string; exp: string; sig: string };
}

describe('signed decision links', () => {
  it('signs a link that verifies until it expires, then reports it expired', async () => {
    // Prepare
    const links = new SignedLinks({
      secret: async () => SECRET,
      publicUrl: 'https://x.lambda-url.aws/',
      ttlHours: 24,
    });

    // Act
    const link = await links.linkFor('fnd-0abc1234', NOW);
    const params = paramsOf(link.url);

    // Assess
    expect(link.url).toMatch(
      /^https:\/\/x\.lambda-url\.aws\/decide\?f=fnd-0abc1234&exp=\d+&sig=[0-9a-f]{64}$/,
    );
    expect(link.expiresAt).toBe('2026-11-21T20:00:00.000Z');
    expect(verifyLink(SECRET, params, new Date('2026-11-21T19:59:59Z'))).toMatchObject({ status: 'valid' });
    expect(verifyLink(SECRET, params, new Date('2026-11-21T20:00:00Z'))).toMatchObject({ status: 'expired' });
  });

  it('reports a forged link as tampered even when it has also expired', () => {
    // Prepare
    const exp = NOW.getTime() / 1000 - 60;
    const params = {
      f: 'fnd-0abc1234',
      exp: String(exp),
      sig: signLink('another-secret', 'fnd-0abc1234', exp),
    };

    // Act
    const check = verifyLink(SECRET, params, NOW);

    // Assess
    expect(check).toEqual({ status: 'tampered', reason: 'the link signature does not match' });
  });

  it('reports a link whose finding, expiry or signature was changed in any way as tampered', () => {
    // Prepare
    const good = paramsOf(decideUrl('https://x', 'fnd-0abc1234', EXP, signLink(SECRET, 'fnd-0abc1234', EXP)));
    const field = fc.constantFrom('f' as const, 'exp' as const, 'sig' as const);
    const mutation = fc.record({ field, at: fc.nat(), char: fc.constantFrom(...'0123456789abcdef-x') });

    // Act / Assess
    fc.assert(
      fc.property(mutation, ({ field: name, at, char }) => {
        const value = good[name];
        const i = at % value.length;
        fc.pre(value[i] !== char);
        const changed = { ...good, [name]: value.slice(0, i) + char + value.slice(i + 1) };
        return verifyLink(SECRET, changed, NOW).status === 'tampered';
      }),
    );
  });

  it.each([
    ['no signature', { f: 'fnd-1', exp: String(EXP) }],
    ['a finding id with markup', { f: '<script>', exp: String(EXP), sig: 'a'.repeat(64) }],
    ['an expiry that is not a number', { f: 'fnd-1', exp: '1e9', sig: 'a'.repeat(64) }],
  ])('reports a link with %s as tampered', (_name, params) => {
    // Act
    const check = verifyLink(SECRET, params, NOW);

    // Assess
    expect(check).toEqual({ status: 'tampered', reason: 'the link is incomplete or malformed' });
  });
});

describe('the confirmation form token', () => {
  const form = {
    findingId: 'fnd-0abc1234',
    eventId: 'ev-1',
    nonce: '0123456789abcdef0123456789abcdef',
    exp: EXP,
  };

  it('verifies for the finding, event, nonce and expiry it was made for', () => {
    // Act
    const token = formToken(SECRET, form);

    // Assess
    expect(verifyFormToken(SECRET, { ...form, token })).toBe(true);
  });

  it.each([
    ['another event', { eventId: 'ev-2' }],
    ['another nonce', { nonce: 'ffffffffffffffffffffffffffffffff' }],
    ['another finding', { findingId: 'fnd-99999999' }],
    ['another expiry', { exp: EXP + 1 }],
    ['no nonce', { nonce: undefined }],
  ])('does not verify for %s', (_name, change) => {
    // Prepare
    const token = formToken(SECRET, form);

    // Act
    const ok = verifyFormToken(SECRET, { ...form, ...change, token });

    // Assess
    expect(ok).toBe(false);
  });

  it('is not a valid link signature (a token cannot be used as a link)', () => {
    // Prepare
    const token = formToken(SECRET, form);

    // Act
    const check = verifyLink(SECRET, { f: form.findingId, exp: String(form.exp), sig: token }, NOW);

    // Assess
    expect(check.status).toBe('tampered');
  });
});
