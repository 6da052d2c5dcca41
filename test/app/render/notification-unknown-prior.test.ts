import { beforeAll, describe, expect, it } from 'vitest';
import { buildSlackMessage } from '../../../lambdas/adapters/slack/slack-blocks';
import { summarize } from '../../../lambdas/app/render/notification';
import { applyChange } from '../../../lambdas/core/state/apply-change';
import { judge } from '../../../lambdas/core/verdict/judge';
import type { Verdict } from '../../../lambdas/core/verdict/types';
import { loadExamples, NOW } from '../../support/examples';
import { CONTEXT, reportOf } from './report-fixtures';

let unknownPrior: Verdict;
let known: Verdict;

beforeAll(async () => {
  // The cache group's self-reference revoked by rule id, judged on a state read only after the change
  // (no sweep before it): the revoked rule's content is known to no one.
  const { model, config, events } = await loadExamples();
  const event = events['07-self-reference-removed']!;
  if (event.status !== 'parsed') throw new Error('example 07 must parse');
  const after = applyChange(model, event.change).model;
  unknownPrior = judge({ event, model: after, config, now: NOW });
  known = judge({ event, model, config, now: NOW });
});

describe('notifications of a change whose prior state is unknown', () => {
  it('say it cannot be reverted, why, and offer the one-call fix instead', () => {
    // Act
    const s = summarize(reportOf(unknownPrior), CONTEXT);

    // Assess
    expect(unknownPrior.revert.status).toBe('unknown-prior');
    expect(s.body).toContain('Cannot revert\n  The state before this change is unknown (content of revoked rule(s) sgr-0cachei00 unknown');
    expect(s.body).toContain('so sg-guardian changed nothing and guessed nothing.');
    expect(s.body).toMatch(/Apply the fix instead: Allow tcp 6379 into sg-0cache321 from security group sg-0cache321.*\n {4}aws ec2 authorize-security-group-ingress --group-id sg-0cache321/);
  });

  it('say nothing of the kind when the prior state is known and the revert is ready', () => {
    // Act
    const s = summarize(reportOf(known), CONTEXT);

    // Assess
    expect(known.revert.status).toBe('ready');
    expect(s.body).not.toContain('Cannot revert');
  });

  it('tell Slack readers the same, with the Apply fix button and no Revert button', () => {
    // Act
    const message = buildSlackMessage(reportOf(unknownPrior, undefined, 'dry-run'), CONTEXT, { revertButtons: true });

    // Assess
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('*Cannot revert:* the state before this change is unknown (content of revoked rule(s) sgr-0cachei00 unknown');
    expect(text).toContain('*Apply fix* below makes exactly that call.');
    expect(text).toContain('sg-guardian:apply-fix');
    expect(text).not.toContain('sg-guardian:revert');
  });
});
