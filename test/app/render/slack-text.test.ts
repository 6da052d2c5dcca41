import { beforeAll, describe, expect, it } from 'vitest';
import { buildSlackMessage } from '../../../lambdas/adapters/slack/slack-blocks';
import { mrkdwnToText, renderSlackText } from '../../../lambdas/app/render/slack-text';
import type { Verdict } from '../../../lambdas/core/verdict/types';
import { CONTEXT, exampleVerdicts, reportOf } from './report-fixtures';

let revoke: Verdict;

beforeAll(async () => {
  ({ revoke } = await exampleVerdicts());
});

describe('Slack mrkdwn as plain text', () => {
  it.each([
    ['bold, italic and strike markers are dropped', '*Verdict:* violation _rule · id_ ~old~', 'Verdict: violation rule · id old'],
    ['underscores and stars inside words stay', 'nginx-to-backend_sg-0a_from_sg-0b 2*3*4', 'nginx-to-backend_sg-0a_from_sg-0b 2*3*4'],
    ['a labelled link reads as label and address', '<https://example.com/a?b=1|Security group sg-0a>', 'Security group sg-0a ‹https://example.com/a?b=1›'],
    ['a bare link reads as its address', 'see <https://example.com/x>', 'see https://example.com/x'],
    ['mentions read as @name and #channel', '<!channel> <@U0123|alice> <#C0123|ops>', '@channel @alice #ops'],
    ['entities are decoded after the links are read', 'a &lt;b&gt; &amp;lt; <https://x.test|x &amp; y>', 'a <b> &lt; x & y ‹https://x.test›'],
    ['the emoji the notifier uses become emoji; others stay codes', ':rotating_light: :white_check_mark: :tada:', '🚨 ✅ :tada:'],
    ['a code span loses its backticks, its content untouched', 'run `a_b_ *c* &amp;`', 'run a_b_ *c* &'],
    ['a code block stands on its own indented lines', 'Fix:\n```aws ec2 x --y _z_```\nnext', 'Fix:\n    aws ec2 x --y _z_\nnext'],
    ['a code block inside a line is moved to lines of its own', 'Fix: ```a\nb``` done', 'Fix:\n    a\n    b\n done'],
  ])('%s', (_name, mrkdwn, text) => {
    // Act
    const plain = mrkdwnToText(mrkdwn);

    // Assess
    expect(plain).toBe(text);
  });
});

describe('a Block Kit message as plain text', () => {
  it('renders each block in order, separated by a blank line', () => {
    // Prepare
    const blocks = [
      { type: 'header', text: { type: 'plain_text', text: ':red_circle: HIGH: tcp/22 open', emoji: true } },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: '*What changed:* sg-0a' },
        fields: [
          { type: 'mrkdwn', text: '*Account:* 123' },
          { type: 'plain_text', text: 'Region: eu-west-1' },
        ],
        accessory: { type: 'button', text: { type: 'plain_text', text: 'Open' }, url: 'https://x.test' },
      },
      { type: 'divider' },
      { type: 'context', elements: [{ type: 'mrkdwn', text: '_a_' }, { type: 'image', image_url: 'https://x.test/i.png', alt_text: 'logo' }] },
      {
        type: 'actions',
        elements: [
          { type: 'button', text: { type: 'plain_text', text: 'Revert' }, style: 'danger', action_id: 'r' },
          { type: 'button', text: { type: 'plain_text', text: 'Keep' }, action_id: 'k' },
          { type: 'static_select', placeholder: { type: 'plain_text', text: 'Snooze' }, action_id: 's', options: [] },
        ],
      },
      { type: 'image', image_url: 'https://x.test/g.png', alt_text: 'graph' },
      { type: 'rich_text', elements: [] },
    ];

    // Act
    const text = renderSlackText({ text: 'fallback', blocks });

    // Assess
    expect(text.split('\n')).toEqual([
      '🔴 HIGH: tcp/22 open',
      '',
      'What changed: sg-0a',
      'Account: 123',
      'Region: eu-west-1',
      '[ Open ]',
      '',
      '─'.repeat(40),
      '',
      'a  ·  [image: logo]',
      '',
      '[ Revert ]  [ Keep ]  [ Snooze ▾ ]',
      '',
      '[image: graph]',
      '',
      '[rich_text block]',
    ]);
  });

  it('puts long context elements on lines of their own', () => {
    // Prepare
    const link = (n: number) => ({ type: 'mrkdwn', text: `<https://eu-west-1.console.aws.amazon.com/ec2/home#SecurityGroup:groupId=sg-0${n}|Security group sg-0${n}>` });

    // Act
    const text = renderSlackText({ blocks: [{ type: 'context', elements: [link(1), link(2)] }] });

    // Assess
    expect(text.split('\n')).toHaveLength(2);
  });

  it('shows the fallback text when the message has no blocks', () => {
    // Act
    const text = renderSlackText({ text: '[high] sg-guardian: a &amp; b', blocks: [] });

    // Assess
    expect(text).toBe('[high] sg-guardian: a & b');
  });

  it('reads the message the Slack notifier builds: header, summary, finding, plan, links and the decision buttons', () => {
    // Prepare
    const message = buildSlackMessage(reportOf(revoke), CONTEXT, { revertButtons: true });

    // Act
    const text = renderSlackText(message);

    // Assess
    const lines = text.split('\n');
    expect(lines[0]).toBe('🚨 CRITICAL: nginx-to-backend broken by RevokeSecurityGroupIngress on sg-0backend123 — awaiting decision');
    expect(lines).toContain('What changed: sg-0backend123: removed ingress tcp/8080 from sg-0nginx456');
    expect(lines).toContain('🚨 [critical] nginx-to-backend: tcp/8080 blocked by sg-ingress');
    expect(lines).toContain('Revert plan:');
    expect(lines.some((l) => l.startsWith('    aws ec2 authorize-security-group-ingress --group-id sg-0backend123 '))).toBe(true);
    expect(lines.at(-1)).toBe('[ Revert ]  [ Keep ]');
    expect(text).not.toMatch(/:rotating_light:|\*What changed|```|&gt;|<https/);
  });
});
