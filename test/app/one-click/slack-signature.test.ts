import { describe, expect, it } from 'vitest';
import { slackSignature, verifySlackSignature } from '../../../lambdas/app/one-click/slack-signature';

// Slack's worked example ("Verifying requests from Slack", api.slack.com/authentication/verifying-requests-from-slack).
const SLACK_DOC = {
  signingSecret: '8f742231b10e8888abcd99yyyzzz85a5',
  timestamp: '1531420618',
  rawBody:
    'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
} as const;
const AT_THE_TIMESTAMP = new Date(1531420618 * 1000 + 30_000);

describe('Slack request signature', () => {
  it('computes the signature of Slack’s documented example', () => {
    // Act
    const signature = slackSignature(SLACK_DOC.signingSecret, SLACK_DOC.timestamp, SLACK_DOC.rawBody);

    // Assess
    expect(signature).toBe(SLACK_DOC.signature);
  });

  it('accepts Slack’s documented example within five minutes of its timestamp', () => {
    // Act
    const check = verifySlackSignature({ ...SLACK_DOC, now: AT_THE_TIMESTAMP });

    // Assess
    expect(check).toEqual({ ok: true });
  });

  it.each([
    ['a forged signature', { signature: `v0=${'0'.repeat(64)}` }, 'signature mismatch'],
    ['a signature of another length', { signature: 'v0=a2114d57' }, 'signature mismatch'],
    ['a tampered body', { rawBody: SLACK_DOC.rawBody.replace('roadrunner', 'coyote') }, 'signature mismatch'],
    ['another signing secret', { signingSecret: 'not-the-secret' }, 'signature mismatch'],
    [
      'an unknown version',
      { signature: SLACK_DOC.signature.replace('v0=', 'v1=') },
      'unknown signature version',
    ],
    ['no signature', { signature: undefined }, 'missing or unknown signature version'],
    ['no timestamp', { timestamp: undefined }, 'missing or bad timestamp'],
    ['a timestamp that is not a number', { timestamp: '1531420618abc' }, 'missing or bad timestamp'],
  ])('refuses %s', (_name, change, reason) => {
    // Act
    const check = verifySlackSignature({ ...SLACK_DOC, ...change, now: AT_THE_TIMESTAMP });

    // Assess
    expect(check.ok).toBe(false);
    expect(check).toMatchObject({ reason: expect.stringContaining(reason) });
  });

  it.each([
    ['more than five minutes old', 301],
    ['more than five minutes in the future', -301],
  ])('refuses a correctly signed request %s', (_name, secondsLater) => {
    // Prepare
    const now = new Date((1531420618 + secondsLater) * 1000);

    // Act
    const check = verifySlackSignature({ ...SLACK_DOC, now });

    // Assess
    expect(check).toEqual({ ok: false, reason: expect.stringMatching(/^timestamp is 301 s away/) });
  });
});
