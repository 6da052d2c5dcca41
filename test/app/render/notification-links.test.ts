import { beforeAll, describe, expect, it } from 'vitest';
import { snsMessage } from '../../../lambdas/adapters/aws/sns/sns-notifier';
import type { DecisionReport } from '../../../lambdas/app/ports';
import { summarize } from '../../../lambdas/app/render/notification';
import type { Verdict } from '../../../lambdas/core/verdict/types';
import { CONTEXT, exampleVerdicts, reportOf } from './report-fixtures';

let ssh: Verdict;

beforeAll(async () => {
  ({ ssh } = await exampleVerdicts());
});

function withLink(verdict: Verdict): DecisionReport {
  const findingId = verdict.findings[0]!.id;
  return {
    ...reportOf(verdict),
    decisionLinks: [
      {
        findingId,
        url: `https://guardian.example/decide?f=${findingId}&exp=1&sig=ab`,
        expiresAt: '2026-11-21T20:00:00.000Z',
      },
    ],
  };
}

describe('notifications with signed decision links', () => {
  it('lists each link with its finding and expiry in the text', () => {
    // Act
    const s = summarize(withLink(ssh), CONTEXT);

    // Assess
    expect(s.decisionLinks).toHaveLength(1);
    expect(s.body).toContain(
      'Revert with one click (opens a confirmation page; valid until 2026-11-21T20:00:00.000Z)',
    );
    expect(s.body).toContain(
      `  ${ssh.findings[0]!.title}: https://guardian.example/decide?f=${ssh.findings[0]!.id}&exp=1&sig=ab`,
    );
  });

  it('puts the links in the SNS message, and leaves the field out when there are none', () => {
    // Prepare
    const report = withLink(ssh);

    // Act
    const withLinks = JSON.parse(snsMessage(report, summarize(report, CONTEXT)));
    const without = JSON.parse(snsMessage(reportOf(ssh), summarize(reportOf(ssh), CONTEXT)));

    // Assess
    expect(withLinks.decisionLinks).toEqual(report.decisionLinks);
    expect(without).not.toHaveProperty('decisionLinks');
    expect(summarize(reportOf(ssh), CONTEXT).body).not.toContain('Revert with one click');
  });
});
