import { describe, expect, it } from 'vitest';
import { encodeDecisionValue } from '../../../lambdas/adapters/slack/slack-decision';
import { parseSlackClick } from '../../../lambdas/adapters/slack/slack-interaction-payload';

const VALUE = encodeDecisionValue({ eventId: 'ev-1', findingIds: ['fnd-1', 'fnd-2'] });
const body = (payload: unknown) => `payload=${encodeURIComponent(JSON.stringify(payload))}`;
const click = (action_id: string, value = VALUE) => ({
  type: 'block_actions',
  user: { id: 'U0ALICE', username: 'alice', team_id: 'T1' },
  response_url: 'https://hooks.slack.com/actions/T1/1/x',
  message: { text: 'alert', blocks: [{ type: 'divider' }] },
  actions: [{ action_id, block_id: 'sg-guardian:decision', value, type: 'button' }],
});

describe('Slack interactivity payload', () => {
  it('reads a Revert click: who, which event and findings, where to answer', () => {
    // Act
    const parsed = parseSlackClick(body(click('sg-guardian:revert')));

    // Assess
    expect(parsed).toEqual({
      status: 'click',
      click: {
        action: 'revert',
        user: { id: 'U0ALICE', username: 'alice' },
        eventId: 'ev-1',
        findingIds: ['fnd-1', 'fnd-2'],
        responseUrl: 'https://hooks.slack.com/actions/T1/1/x',
        original: { text: 'alert', blocks: [{ type: 'divider' }] },
      },
    });
  });

  it('reads a Keep click', () => {
    // Act
    const parsed = parseSlackClick(body(click('sg-guardian:keep')));

    // Assess
    expect(parsed).toMatchObject({ status: 'click', click: { action: 'keep' } });
  });

  it('reads an Apply fix click', () => {
    // Act
    const parsed = parseSlackClick(body(click('sg-guardian:apply-fix')));

    // Assess
    expect(parsed).toMatchObject({ status: 'click', click: { action: 'apply-fix', eventId: 'ev-1' } });
  });

  it('ignores another app’s action', () => {
    // Act
    const parsed = parseSlackClick(body(click('someone-else:approve', 'their-own-value')));

    // Assess
    expect(parsed).toEqual({ status: 'ignore' });
  });

  it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf', 'someone-else:approve'])(
    'reads our decision value under the action_id %s as an unknown action, never as a decision',
    (actionId) => {
      // Act
      const parsed = parseSlackClick(body(click(actionId)));

      // Assess
      expect(parsed).toEqual({
        status: 'unknown-action',
        actionId,
        user: { id: 'U0ALICE', username: 'alice' },
        findingIds: ['fnd-1', 'fnd-2'],
      });
    },
  );

  it.each([
    ['no payload field', 'foo=bar', 'no payload field'],
    ['a payload that is not JSON', 'payload=%7Bnope', 'payload is not JSON'],
    [
      'a view submission',
      body({ type: 'view_submission', user: { id: 'U1' }, actions: [] }),
      'not a block_actions payload',
    ],
    [
      'a button value that is not ours',
      body(click('sg-guardian:revert', '{"x":1}')),
      'the button value names no finding',
    ],
    [
      'a button value without finding ids',
      body(click('sg-guardian:revert', '{"eventId":"e","findingIds":[]}')),
      'the button value names no finding',
    ],
  ])('rejects %s', (_name, raw, reason) => {
    // Act
    const parsed = parseSlackClick(raw);

    // Assess
    expect(parsed).toEqual({ status: 'invalid', reason });
  });
});
