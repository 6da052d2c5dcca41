import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { clip, MAX_SUBJECT_CHARS, summarize } from '../../../lambdas/app/render/notification';
import type { Verdict } from '../../../lambdas/core/verdict/types';
import { bigVerdict, CONTEXT, exampleVerdicts, reportOf, revertedOutcome } from './report-fixtures';

let revoke: Verdict;
let ssh: Verdict;

beforeAll(async () => {
  ({ revoke, ssh } = await exampleVerdicts());
});

describe('summarize: subject', () => {
  it('names severity, dependency, event, group and outcome of a reverted break within 99 characters', () => {
    // Act
    const s = summarize(reportOf(revoke, revertedOutcome(revoke)), CONTEXT);

    // Assess
    expect(s.subject).toBe('[critical] sg-guardian: nginx-to-backend broken on sg-0backend123 — reverted');
    expect(s.headline).toBe('nginx-to-backend broken by RevokeSecurityGroupIngress on sg-0backend123');
    expect(s.subject.length).toBeLessThanOrEqual(MAX_SUBJECT_CHARS);
  });

  it('describes world exposure by port and group', () => {
    // Act
    const s = summarize(reportOf(ssh, revertedOutcome(ssh)), CONTEXT);

    // Assess
    expect(s.subject).toBe('[critical] sg-guardian: tcp/22 open to the world on sg-0backend123 — reverted');
  });

  it('counts further findings in the headline', () => {
    // Act
    const s = summarize(reportOf(bigVerdict(3, 1)), CONTEXT);

    // Assess
    expect(s.headline).toContain('(+2 more)');
    expect(s.severity).toBe('high');
  });

  it('stays one line shorter than 100 characters whatever the names', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 300 }), (dependency, eventName) => {
        // Prepare
        const base = bigVerdict(1, 0);
        const verdict: Verdict = {
          ...base,
          eventName,
          findings: base.findings.map((f) => ({ ...f, kind: 'dependency-broken', dependency })),
        };

        // Act
        const { subject } = summarize(reportOf(verdict), CONTEXT);

        // Assess
        expect(Array.from(subject).length).toBeLessThanOrEqual(MAX_SUBJECT_CHARS);
        // eslint-disable-next-line no-control-regex -- asserting their absence
        expect(subject).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
      }),
    );
  });
});

describe('summarize: severity, kinds, groups and state', () => {
  it('takes the highest finding severity and the distinct kinds', () => {
    // Act
    const s = summarize(reportOf(bigVerdict(8, 0)), CONTEXT);

    // Assess
    expect(s.severity).toBe('critical');
    expect(s.kinds).toEqual(['dependency-broken', 'world-exposure']);
    expect(s.groupIds.slice(0, 3)).toEqual(['sg-0group0', 'sg-0group1', 'sg-0group2']);
  });

  it('is info with no kinds for a verdict without findings', () => {
    // Prepare
    const ok: Verdict = { ...revoke, verdict: 'ok', findings: [], revert: { status: 'none', steps: [] } };

    // Act
    const s = summarize(reportOf(ok), CONTEXT);

    // Assess
    expect(s).toMatchObject({ severity: 'info', kinds: [], state: 'no-action', awaitingDecision: false });
    expect(s.subject).toBe('[info] sg-guardian: RevokeSecurityGroupIngress on sg-0backend123 — ok');
  });

  it('awaits a decision for a notified violation with a ready plan, in dry run too, not after a revert', () => {
    // Act
    const notified = summarize(reportOf({ ...revoke, action: 'notify' }), CONTEXT);
    const dryRun = summarize(reportOf(revoke, undefined, 'dry-run'), CONTEXT);
    const failed = summarize(
      reportOf(revoke, { status: 'failed', steps: [], reason: 'UnauthorizedOperation' }),
      CONTEXT,
    );

    // Assess
    expect(notified).toMatchObject({ state: 'awaiting-decision', awaitingDecision: true });
    expect(dryRun).toMatchObject({ state: 'dry-run', awaitingDecision: true });
    expect(dryRun.subject).toMatch(/— dry run, not reverted$/);
    expect(failed).toMatchObject({ state: 'revert-failed', awaitingDecision: false });
    expect(failed.subject).toMatch(/— REVERT FAILED$/);
  });

  it('does not await a decision when the prior state is unknown', () => {
    // Prepare
    const verdict: Verdict = {
      ...revoke,
      action: 'notify',
      revert: { status: 'unknown-prior', steps: [], reason: 'rule content unknown' },
    };

    // Act
    const s = summarize(reportOf(verdict), CONTEXT);

    // Assess
    expect(s).toMatchObject({ state: 'notified', stateLabel: 'not reverted', awaitingDecision: false });
  });
});

describe('summarize: console links', () => {
  it('links the CloudTrail event and the security group in the event region', () => {
    // Act
    const s = summarize(reportOf(revoke), { region: 'us-east-1' });

    // Assess
    expect(s.region).toBe('eu-west-1');
    expect(s.links.map((l) => l.url)).toEqual([
      'https://eu-west-1.console.aws.amazon.com/cloudtrailv2/home?region=eu-west-1#/events/510c13ca-0b15-58ef-bfeb-6b30f6d50a76',
      'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#SecurityGroup:groupId=sg-0backend123',
    ]);
  });

  it('links the ENI of a group change and the NACL of an entry change', () => {
    // Prepare
    const eni: Verdict = {
      ...revoke,
      change: { kind: 'eni-groups-set', eniId: 'eni-0abc', groupIds: ['sg-0a'] },
    };
    const nacl: Verdict = {
      ...revoke,
      findings: [],
      change: { kind: 'nacl-entry-deleted', naclId: 'acl-0app1', ruleNumber: 100, egress: false },
    };

    // Act
    const eniLinks = summarize(reportOf(eni), CONTEXT).links;
    const naclLinks = summarize(reportOf(nacl), CONTEXT).links;

    // Assess
    expect(eniLinks.map((l) => l.url)).toContain(
      'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#NetworkInterface:networkInterfaceId=eni-0abc',
    );
    expect(eniLinks.map((l) => l.url)).toContain(
      'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#SecurityGroup:groupId=sg-0a',
    );
    expect(naclLinks.map((l) => l.url)).toContain(
      'https://eu-west-1.console.aws.amazon.com/vpc/home?region=eu-west-1#NetworkAclDetails:networkAclId=acl-0app1',
    );
  });

  it('falls back to the context region and gives no links without any region', () => {
    // Prepare
    const { meta: _meta, ...noMeta } = revoke;

    // Act
    const withContext = summarize(reportOf(noMeta), { region: 'us-east-1', accountId: '210987654321' });
    const without = summarize(reportOf(noMeta), {});

    // Assess
    expect(withContext).toMatchObject({ region: 'us-east-1', accountId: '210987654321' });
    expect(withContext.links[0]?.url).toMatch(/^https:\/\/us-east-1\.console\.aws\.amazon\.com\//);
    expect(without.links).toEqual([]);
  });
});

describe('summarize: body', () => {
  it('tells who, from where, the broken path with its layer, the fix, the plan, the outcome and links', () => {
    // Act
    const { body } = summarize(reportOf(revoke, revertedOutcome(revoke)), CONTEXT);

    // Assess
    expect(body).toContain('user/alice (IAMUser) from 203.0.113.45 via console');
    expect(body).toContain('sg-0backend123: removed ingress tcp/8080 from sg-0nginx456');
    expect(body).toMatch(/eni-0nginx1a \(10\.0\.1\.10\) → eni-0backend1a \(10\.0\.2\.10\): sg-ingress: /);
    expect(body).toContain('aws ec2 authorize-security-group-ingress --group-id sg-0backend123');
    expect(body).toContain('AuthorizeSecurityGroupIngress {"GroupId":"sg-0backend123"');
    expect(body).toContain('AuthorizeSecurityGroupIngress: applied');
    expect(body).toContain('#SecurityGroup:groupId=sg-0backend123');
    expect(body).toContain('mode: enforce  outcome: reverted');
  });
});

describe('clip', () => {
  it('cuts at code points and marks the cut', () => {
    // Act
    const cut = clip('🔥🔥🔥🔥', 3);

    // Assess
    expect(cut).toBe('🔥🔥…');
    expect(clip('short', 10)).toBe('short');
  });
});
