import type { ActionsBlock, Button, KnownBlock, SectionBlock } from '@slack/types';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSlackMessage } from '../../../lambdas/adapters/slack/slack-blocks';
import { decodeDecisionValue, SLACK_ACTION_IDS } from '../../../lambdas/adapters/slack/slack-decision';
import { SLACK_LIMITS, withinBlockLimit } from '../../../lambdas/adapters/slack/slack-limits';
import type { Verdict } from '../../../lambdas/core/verdict/types';
import {
  bigVerdict,
  CONTEXT,
  exampleVerdicts,
  reportOf,
  revertedOutcome,
} from '../../app/render/report-fixtures';

let revoke: Verdict;
let ssh: Verdict;

beforeAll(async () => {
  ({ revoke, ssh } = await exampleVerdicts());
});

const BUTTONS = { revertButtons: true };

function sections(blocks: readonly KnownBlock[]): string[] {
  return blocks.filter((b): b is SectionBlock => b.type === 'section').map((b) => b.text?.text ?? '');
}

function buttons(blocks: readonly KnownBlock[]): Button[] {
  return blocks
    .filter((b): b is ActionsBlock => b.type === 'actions')
    .flatMap((b) => b.elements.filter((e): e is Button => e.type === 'button'));
}

describe('buildSlackMessage: content', () => {
  it('opens with a header of severity and headline and says what changed, who, from where and via', () => {
    // Act
    const { text, blocks } = buildSlackMessage(reportOf(revoke, revertedOutcome(revoke)), CONTEXT, BUTTONS);

    // Assess
    expect(blocks[0]).toMatchObject({
      type: 'header',
      text: {
        type: 'plain_text',
        text: expect.stringContaining('CRITICAL: nginx-to-backend broken by RevokeSecurityGroupIngress'),
      },
    });
    expect(sections(blocks)[0]).toContain('*What changed:* sg-0backend123: removed ingress tcp/8080');
    expect(sections(blocks)[0]).toContain('user/alice (IAMUser) from 203.0.113.45 via console');
    expect(text).toBe(
      '[critical] sg-guardian: nginx-to-backend broken by RevokeSecurityGroupIngress on sg-0backend123 — reverted',
    );
  });

  it('shows each broken path with its blocking layer, capped, and the fix command in a code block', () => {
    // Act
    const { blocks } = buildSlackMessage(reportOf(revoke, revertedOutcome(revoke)), CONTEXT, BUTTONS);

    // Assess
    const finding = sections(blocks).find((t) => t.includes('nginx-to-backend: tcp/8080 blocked'))!;
    expect(finding).toContain('*Broken paths* (6, blocked by sg-ingress):');
    expect(finding).toContain(
      '• eni-0nginx1a (10.0.1.10) → eni-0backend1a (10.0.2.10): sg-ingress: no ingress rule',
    );
    expect(finding).toContain('• … and 3 more ENI pair(s)');
    expect(finding).toMatch(/```aws ec2 authorize-security-group-ingress --group-id sg-0backend123 .*```/);
  });

  it('after an auto-revert shows what was reverted, each step outcome, and no buttons', () => {
    // Act
    const { blocks } = buildSlackMessage(reportOf(ssh, revertedOutcome(ssh)), CONTEXT, BUTTONS);

    // Assess
    const texts = sections(blocks).join('\n');
    expect(texts).toContain('*Revert plan:*');
    expect(texts).toContain(
      '`RevokeSecurityGroupIngress` `{"GroupId":"sg-0backend123","SecurityGroupRuleIds"',
    );
    expect(texts).toContain(':white_check_mark: *Auto-revert: reverted*');
    expect(texts).toContain(
      '`RevokeSecurityGroupIngress` *applied* — Revoke ingress rule(s) sgr-0a41d7c3e9b2f5802',
    );
    expect(buttons(blocks)).toEqual([]);
  });

  it('reports a failed step with its error', () => {
    // Prepare
    const step = ssh.revert.steps[0]!;
    const outcome = {
      status: 'failed',
      steps: [{ step, status: 'failed', error: 'UnauthorizedOperation' }],
    } as const;

    // Act
    const { blocks } = buildSlackMessage(reportOf(ssh, outcome), CONTEXT, BUTTONS);

    // Assess
    expect(sections(blocks).join('\n')).toContain(
      ':x: `RevokeSecurityGroupIngress` *failed*: UnauthorizedOperation',
    );
  });

  it('links the CloudTrail event and the group in a context block', () => {
    // Act
    const { blocks } = buildSlackMessage(reportOf(revoke), CONTEXT, BUTTONS);

    // Assess
    expect(blocks).toContainEqual({
      type: 'context',
      elements: expect.arrayContaining([
        {
          type: 'mrkdwn',
          text: '<https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#SecurityGroup:groupId=sg-0backend123|Security group sg-0backend123>',
        },
      ]),
    });
  });

  it('escapes mrkdwn control characters so data cannot mention @channel or forge links', () => {
    // Prepare
    const verdict: Verdict = {
      ...ssh,
      findings: ssh.findings.map((f) => ({
        ...f,
        explanation: 'see <!channel> & <https://evil.example|docs>',
      })),
    };

    // Act
    const { blocks } = buildSlackMessage(reportOf(verdict), CONTEXT, BUTTONS);

    // Assess
    const texts = sections(blocks).join('\n');
    expect(texts).toContain('see &lt;!channel&gt; &amp; &lt;https://evil.example|docs&gt;');
    expect(texts).not.toContain('<!channel>');
  });
});

describe('buildSlackMessage: Revert / Keep buttons', () => {
  it('offers Revert (danger) and Keep when a notified violation awaits a decision', () => {
    // Act
    const { blocks } = buildSlackMessage(reportOf({ ...revoke, action: 'notify' }), CONTEXT, BUTTONS);

    // Assess
    const [revert, keep] = buttons(blocks);
    expect(revert).toMatchObject({ action_id: SLACK_ACTION_IDS.revert, style: 'danger' });
    expect(keep).toMatchObject({ action_id: SLACK_ACTION_IDS.keep });
    expect(decodeDecisionValue(revert!.value!)).toEqual({
      eventId: revoke.eventId,
      findingIds: [revoke.findings[0]!.id],
    });
    expect(blocks.at(-1)?.type).toBe('actions');
  });

  it('leaves buttons out when asked to (webhooks) and when the plan is not ready and no fix is one call', () => {
    // Prepare
    const notified: Verdict = { ...revoke, action: 'notify' };
    const unknownPrior: Verdict = {
      ...withoutOneCallFixes(notified),
      revert: { status: 'unknown-prior', steps: [] },
    };

    // Act
    const webhook = buildSlackMessage(reportOf(notified), CONTEXT, { revertButtons: false });
    const noPlan = buildSlackMessage(reportOf(unknownPrior), CONTEXT, BUTTONS);

    // Assess
    expect(buttons(webhook.blocks)).toEqual([]);
    expect(buttons(noPlan.blocks)).toEqual([]);
  });

  it('writes the signed links without buttons (webhooks), and only the buttons when it has them', () => {
    // Prepare
    const notified: Verdict = { ...revoke, action: 'notify' };
    const findingId = notified.findings[0]!.id;
    const url = `https://guardian.example.com/decide?f=${findingId}&exp=1&sig=s`;
    const report = { ...reportOf(notified), decisionLinks: [{ findingId, url, expiresAt: '2026-11-21T00:00:00Z' }] };

    // Act
    const webhook = buildSlackMessage(report, CONTEXT, { revertButtons: false });
    const bot = buildSlackMessage(report, CONTEXT, BUTTONS);

    // Assess
    expect(sections(webhook.blocks).join('\n')).toContain(
      `• ${notified.findings[0]!.title}: <${url}|Revert> · <${url}&choice=keep|Keep>`,
    );
    expect(sections(bot.blocks).join('\n')).not.toContain(url);
    expect(buttons(bot.blocks).map((b) => b.text.text)).toEqual(['Revert', 'Keep']);
  });

  it('offers Revert and Keep in dry run too, where a pending decision is saved and links are sent', () => {
    // Act
    const dryRun = buildSlackMessage(reportOf({ ...revoke, action: 'notify' }, undefined, 'dry-run'), CONTEXT, BUTTONS);

    // Assess
    const [revert, keep] = buttons(dryRun.blocks);
    expect(revert).toMatchObject({ action_id: SLACK_ACTION_IDS.revert });
    expect(keep).toMatchObject({ action_id: SLACK_ACTION_IDS.keep });
    expect(JSON.stringify(dryRun.blocks)).toContain('Dry run: nothing was changed.');
  });
});

/** The verdict with every fix's one-call apply removed (fixes still shown, nothing to apply in one click). */
function withoutOneCallFixes(v: Verdict): Verdict {
  return {
    ...v,
    findings: v.findings.map((f) => ({ ...f, fixes: f.fixes?.map(({ apply: _apply, ...fix }) => fix) })),
  };
}

describe('buildSlackMessage: Apply fix / Keep buttons', () => {
  /** The revoke incident as a notify-only violation that cannot be reverted (the prior state is unknown). */
  const notifyOnly = (): Verdict => ({
    ...revoke,
    action: 'notify',
    revert: { status: 'unknown-prior', steps: [], reason: 'the prior rules are not known' },
  });

  it('offers Apply fix and Keep when the only fix is one EC2 call and nothing can be reverted', () => {
    // Prepare
    const verdict = notifyOnly();
    const fix = verdict.findings[0]!.fixes![0]!;

    // Act
    const { blocks } = buildSlackMessage(reportOf(verdict), CONTEXT, BUTTONS);

    // Assess
    expect(fix.apply?.api).toBe('AuthorizeSecurityGroupIngress');
    const [apply, keep, ...rest] = buttons(blocks);
    expect(rest).toEqual([]);
    expect(apply).toMatchObject({
      action_id: SLACK_ACTION_IDS.applyFix,
      text: { text: 'Apply fix' },
      style: 'primary',
      confirm: { title: { text: 'Apply this fix?' }, confirm: { text: 'Apply fix' } },
    });
    expect(apply?.confirm?.text.text).toContain(fix.apply!.summary);
    expect(keep).toMatchObject({ action_id: SLACK_ACTION_IDS.keep });
    expect(decodeDecisionValue(apply!.value!)).toEqual({
      eventId: verdict.eventId,
      findingIds: verdict.findings.map((f) => f.id),
    });
  });

  it('offers no Apply fix when two different fixes are each one call (ambiguous), but still shows both', () => {
    // Prepare
    const base = notifyOnly();
    const [finding] = base.findings;
    const fix = finding!.fixes![0]!;
    const other = {
      ...fix,
      awsCli: fix.awsCli.replace('sg-0backend123', 'sg-0other999'),
      apply: { ...fix.apply!, input: { ...fix.apply!.input, GroupId: 'sg-0other999' } },
    };
    const verdict: Verdict = { ...base, findings: [{ ...finding!, fixes: [fix, other] }] };

    // Act
    const { blocks } = buildSlackMessage(reportOf(verdict), CONTEXT, BUTTONS);

    // Assess
    expect(buttons(blocks)).toEqual([]);
    const texts = sections(blocks).join('\n');
    expect(texts).toContain(fix.awsCli.slice(0, 60));
    expect(texts).toContain('sg-0other999');
  });

  it('offers Revert, not Apply fix, when the change can be reverted', () => {
    // Act
    const { blocks } = buildSlackMessage(reportOf({ ...revoke, action: 'notify' }), CONTEXT, BUTTONS);

    // Assess
    expect(buttons(blocks).map((b) => b.action_id)).toEqual([SLACK_ACTION_IDS.revert, SLACK_ACTION_IDS.keep]);
  });
});

describe('buildSlackMessage: Slack limits', () => {
  it('keeps 40 findings of 500 pairs each within 50 blocks, 3000 characters a section and the message budget', () => {
    // Prepare
    const report = reportOf(bigVerdict(40, 500));

    // Act
    const { text, blocks } = buildSlackMessage(report, CONTEXT, BUTTONS);

    // Assess
    expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
    for (const t of sections(blocks)) expect(t.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(JSON.stringify(blocks).length).toBeLessThanOrEqual(12_000);
    expect(sections(blocks).join('\n')).toMatch(/\*\d+ more finding\(s\):\*/);
    expect(text.length).toBeGreaterThan(0);
  });

  it('puts only ids, never the revert plan, in a button value of at most 2000 characters', () => {
    // Prepare
    const report = reportOf(bigVerdict(400, 1));

    // Act
    const { blocks } = buildSlackMessage(report, CONTEXT, BUTTONS);

    // Assess
    const value = buttons(blocks)[0]!.value!;
    expect(value.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonValue);
    expect(value).not.toContain('AuthorizeSecurityGroupIngress');
    expect(value).not.toContain('IpPermissions');
    expect(Object.keys(JSON.parse(value)).sort()).toEqual(['eventId', 'findingIds']);
  });

  it('clips a long header to 150 characters', () => {
    // Prepare
    const base = bigVerdict(1, 1);
    const verdict: Verdict = {
      ...base,
      findings: base.findings.map((f) => ({ ...f, dependency: 'x'.repeat(400) })),
    };

    // Act
    const { blocks } = buildSlackMessage(reportOf(verdict), CONTEXT, BUTTONS);

    // Assess
    const header = blocks[0] as { text: { text: string } };
    expect(header.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    expect(header.text.text.endsWith('…')).toBe(true);
  });

  it('drops middle blocks beyond 50 but keeps the trailing links and buttons', () => {
    // Prepare
    const many: KnownBlock[] = Array.from({ length: 60 }, (_, i) => ({ type: 'divider', block_id: `b${i}` }));

    // Act
    const kept = withinBlockLimit(many, 2);

    // Assess
    expect(kept).toHaveLength(50);
    expect(kept.slice(-2)).toEqual(many.slice(-2));
    expect(JSON.stringify(kept[47])).toContain('11 more block(s) left out');
  });
});
