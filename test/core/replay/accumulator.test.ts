import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../lambdas/core/events/types';
import { ReplayAccumulator } from '../../../lambdas/core/replay/accumulator';
import type { Finding, Verdict } from '../../../lambdas/core/verdict/types';

const actor = (arn: string): Actor => ({ arn, via: 'cli' });
const finding = (kind: Finding['kind'], severity: Finding['severity']): Finding => ({
  id: `f-${kind}`,
  kind,
  ruleId: 'R',
  severity,
  title: `${kind} title`,
  explanation: '',
});

function verdict(over: Partial<Verdict> & Pick<Verdict, 'eventId' | 'verdict'>): Verdict {
  return {
    eventName: 'AuthorizeSecurityGroupIngress',
    eventTime: '2026-11-20T03:42:05Z',
    findings: [],
    preexisting: [],
    notEvaluated: [],
    revert: { status: 'none', steps: [] },
    action: 'none',
    change: { kind: 'sg-rules-added', groupId: 'sg-1', direction: 'ingress', rules: [] },
    ...over,
  };
}

const violation = (eventId: string, who: string, action: 'revert' | 'notify', eventTime = '2026-11-20T03:42:05Z') =>
  verdict({
    eventId,
    eventTime,
    verdict: 'violation',
    actor: actor(who),
    findings: [finding('world-exposure', 'critical')],
    action,
    revert: {
      status: 'ready',
      steps: [{ api: 'RevokeSecurityGroupIngress', input: {}, iamAction: 'ec2:RevokeSecurityGroupIngress', summary: 'Revoke it' }],
    },
  });

const PARTS = {
  outages: { total: 0, items: [], byDependency: [] },
  ordering: { windowMinutes: 30, late: 0, duplicates: 0, releasedEarly: 0 },
  files: { read: 1, unreadable: 0, problems: [] },
};

describe('ReplayAccumulator', () => {
  it('totals verdicts, change and finding kinds, and what policy would have done', () => {
    // Prepare
    const acc = new ReplayAccumulator(10, 'enforce');

    // Act
    acc.verdict(violation('v1', 'arn:a', 'revert'), 'f $.Records[0]');
    acc.verdict(violation('v2', 'arn:a', 'notify'), 'f $.Records[1]');
    acc.verdict(verdict({ eventId: 'ok1', verdict: 'ok', actor: actor('arn:b') }), undefined);
    acc.verdict(verdict({ eventId: 'na', verdict: 'not-applied', actor: actor('arn:b') }), undefined);
    acc.ignored();
    const s = acc.summary(PARTS);

    // Assess
    expect(s.verdicts).toEqual({ ok: 1, violation: 2, ignored: 1, 'not-applied': 1, invalid: 0 });
    expect(s.changes).toEqual({ 'sg-rules-added': 3 });
    expect(s.findings).toEqual({ 'world-exposure': 2 });
    expect(s.severities).toEqual({ critical: 2 });
    expect(s.actions).toEqual({ revert: 1, notify: 1 });
    expect(s.mode).toBe('enforce');
  });

  it('lists only the violations policy would revert as reverts, with their steps', () => {
    // Prepare
    const acc = new ReplayAccumulator(10, 'dry-run');

    // Act
    acc.verdict(violation('v1', 'arn:a', 'revert'), 'f $.Records[0]');
    acc.verdict(violation('v2', 'arn:a', 'notify'), 'f $.Records[1]');
    const s = acc.summary(PARTS);

    // Assess
    expect(s.reverts.total).toBe(1);
    expect(s.reverts.items).toEqual([
      expect.objectContaining({
        eventId: 'v1',
        principal: 'arn:a',
        source: 'f $.Records[0]',
        revert: [{ api: 'RevokeSecurityGroupIngress', summary: 'Revoke it' }],
      }),
    ]);
  });

  it('ranks principals by violations, then changes', () => {
    // Prepare
    const acc = new ReplayAccumulator(10, 'enforce');

    // Act
    acc.verdict(violation('1', 'arn:quiet', 'revert'), undefined);
    for (const id of ['2', '3']) acc.verdict(violation(id, 'arn:loud', 'revert'), undefined);
    for (const id of ['4', '5', '6']) acc.verdict(verdict({ eventId: id, verdict: 'ok', actor: actor('arn:busy') }), undefined);
    const s = acc.summary(PARTS);

    // Assess
    expect(s.principals.map((p) => [p.principal, p.violations, p.changes, p.reverts])).toEqual([
      ['arn:loud', 2, 2, 2],
      ['arn:quiet', 1, 1, 1],
      ['arn:busy', 0, 3, 0],
    ]);
  });

  it('keeps at most `limit` items per list while totals stay complete', () => {
    // Prepare
    const acc = new ReplayAccumulator(2, 'enforce');

    // Act
    for (const id of ['1', '2', '3', '4']) acc.verdict(violation(id, 'arn:a', 'revert'), undefined);
    for (const path of ['$[0]', '$[1]', '$[2]']) acc.invalid({ file: 'f', path, reason: 'bad' });
    const s = acc.summary(PARTS);

    // Assess
    expect(s.violations).toMatchObject({ total: 4, items: [{ eventId: '1' }, { eventId: '2' }] });
    expect(s.reverts.total).toBe(4);
    expect(s.reverts.items).toHaveLength(2);
    expect(s.invalid.total).toBe(3);
    expect(s.invalid.items).toHaveLength(2);
  });

  it('buckets records, changes judged and violations by hour and keeps the first and last time', () => {
    // Prepare
    const acc = new ReplayAccumulator(10, 'enforce');

    // Act
    for (const t of ['2026-11-20T03:59:59Z', '2026-11-20T03:00:00Z', '2026-11-20T05:10:00Z']) acc.record(t);
    acc.verdict(violation('v', 'arn:a', 'revert', '2026-11-20T03:30:00Z'), undefined);
    const s = acc.summary(PARTS);

    // Assess
    expect(s.timeline).toEqual([
      { hour: '2026-11-20T03', records: 2, judged: 1, violations: 1 },
      { hour: '2026-11-20T05', records: 1, judged: 0, violations: 0 },
    ]);
    expect([s.firstEventTime, s.lastEventTime]).toEqual(['2026-11-20T03:00:00Z', '2026-11-20T05:10:00Z']);
  });
});
