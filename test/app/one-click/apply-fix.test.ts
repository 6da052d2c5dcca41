import { EC2Client } from '@aws-sdk/client-ec2';
import { afterEach, describe, expect, it } from 'vitest';
import { Ec2Reverter } from '../../../lambdas/adapters/aws/ec2/ec2-writer';
import { InMemoryReplayGuard } from '../../../lambdas/adapters/local/in-memory-replay-guard';
import { InProcessRunner } from '../../../lambdas/adapters/local/in-process-runner';
import { encodeDecisionValue } from '../../../lambdas/adapters/slack/slack-decision';
import { parseSlackClick } from '../../../lambdas/adapters/slack/slack-interaction-payload';
import { type DecisionJob, runDecisionJob } from '../../../lambdas/app/one-click/decision-job';
import { awaitsDecision, pendingDecisions } from '../../../lambdas/app/one-click/decisions';
import { routeAction } from '../../../lambdas/app/one-click/router';
import { SignedLinks } from '../../../lambdas/app/one-click/signed-link';
import { slackSignature } from '../../../lambdas/app/one-click/slack-signature';
import type { SlackResponse } from '../../../lambdas/app/ports';
import type { Verdict } from '../../../lambdas/core/verdict/types';
import { NOW } from '../../support/examples';
import { FakeEc2 } from '../../support/fake-ec2';
import { decideWorld, notifiedIncident } from './fixtures';

const SIGNING_SECRET = 's3cr3t';
const LINK_SECRET = 'link-secret-0123456789abcdef';
const PUBLIC_URL = 'https://guardian.example';
const CLIENT = { region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };

let ec2: FakeEc2 | undefined;
afterEach(() => {
  ec2?.restore();
  ec2 = undefined;
});

/**
 * The cache group's self-reference removed (example 07), judged with policy notify, as a change the
 * guardian cannot revert (its prior state unknown): its one fix is one AuthorizeSecurityGroupIngress.
 */
async function notRevertible(): Promise<{ verdict: Verdict; after: FakeEc2['model'] }> {
  const { verdict, after } = await notifiedIncident('07-self-reference-removed');
  const revert = { status: 'unknown-prior' as const, steps: [], reason: 'the prior rules are not known' };
  return { verdict: { ...verdict, revert }, after };
}

/** The actions endpoint over memory, writing to a fake EC2 through the real Ec2Reverter; jobs run inline. */
async function actionsWorld(verdict: Verdict, account: FakeEc2['model']) {
  ec2 = new FakeEc2(account);
  const world = await decideWorld(verdict, account, new Ec2Reverter(new EC2Client(CLIENT)));
  const replies: SlackResponse[] = [];
  const base = { ...world.deps, clock: { now: () => NOW } };
  const responder = { respond: async (_url: string, message: SlackResponse) => void replies.push(message) };
  const runner = new InProcessRunner<DecisionJob>((job) => runDecisionJob(job, { ...base, responder }), {
    inline: true,
  });
  const deps = {
    ...base,
    signingSecret: async () => SIGNING_SECRET,
    replay: new InMemoryReplayGuard(() => NOW),
    approvals: { slackUsers: ['U0ALICE'], slackUserGroups: [], linkTtlHours: 24 },
    runner,
    parseClick: parseSlackClick,
    linkSecret: async () => LINK_SECRET,
    publicOrigin: PUBLIC_URL,
  };
  return { ...world, deps, replies, ec2: ec2! };
}

/** A block_actions click as Slack signs it; `nonce` makes the body (and so the signature) differ. */
function signedClick(actionId: string, verdict: Verdict, nonce = 'x') {
  const value = encodeDecisionValue({ eventId: verdict.eventId, findingIds: verdict.findings.map((f) => f.id) });
  const payload = {
    type: 'block_actions',
    user: { id: 'U0ALICE', username: 'alice' },
    response_url: `https://hooks.slack.com/actions/T1/1/${nonce}`,
    actions: [{ action_id: actionId, value }],
  };
  const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const timestamp = String(Math.floor(NOW.getTime() / 1000));
  const headers = {
    'x-slack-request-timestamp': timestamp,
    'x-slack-signature': slackSignature(SIGNING_SECRET, timestamp, body),
  };
  return { method: 'POST', path: '/slack/actions', query: {}, headers, body };
}

describe('one-click Apply fix', () => {
  it('stores the one-call fix on the pending decisions of a notify-only violation', async () => {
    // Prepare
    const { verdict } = await notRevertible();

    // Act
    const decisions = pendingDecisions(verdict, NOW);

    // Assess
    expect(awaitsDecision(verdict, 'enforce')).toBe(true);
    expect(decisions.map((d) => d.fix?.apply)).toEqual(
      decisions.map(() => ({
        api: 'AuthorizeSecurityGroupIngress',
        iamAction: 'ec2:AuthorizeSecurityGroupIngress',
        input: {
          GroupId: 'sg-0cache321',
          IpPermissions: [
            {
              IpProtocol: 'tcp',
              FromPort: 6379,
              ToPort: 6379,
              UserIdGroupPairs: [{ GroupId: 'sg-0cache321', Description: 'sg-guardian fix: cache-cluster' }],
            },
          ],
        },
        summary: expect.stringContaining('Authorize ingress tcp 6379 on sg-0cache321'),
      })),
    );
  });

  it('applies exactly the fix when an approver clicks Apply fix in Slack, and audits who did it', async () => {
    // Prepare
    const { verdict, after } = await notRevertible();
    const world = await actionsWorld(verdict, after);
    const fix = pendingDecisions(verdict, NOW)[0]!.fix!;

    // Act
    const response = await routeAction(signedClick('sg-guardian:apply-fix', verdict), world.deps);

    // Assess
    expect(response.status).toBe(200);
    expect(world.ec2.writes).toEqual([
      { api: 'AuthorizeSecurityGroupIngress', input: fix.apply!.input, caller: { accessKeyId: 'test', region: 'eu-west-1' } },
    ]);
    expect(await world.decisions.get(verdict.findings[0]!.id)).toMatchObject({
      status: 'reverted',
      decidedBy: 'Slack user U0ALICE (alice)',
      outcome: { status: 'reverted', steps: [{ status: 'applied' }] },
    });
    expect(world.audit.at(-1)).toMatchObject({
      action: 'approved-fix',
      approver: 'Slack user U0ALICE (alice)',
      outcome: 'applied',
      outcomeDetail: `fix applied by Slack user U0ALICE (alice) via Slack: ${fix.summary}`,
    });
    expect(world.replies.at(-1)?.text).toContain('Fix applied');
  });

  it('does nothing on a second click: the fix is applied once', async () => {
    // Prepare
    const { verdict, after } = await notRevertible();
    const world = await actionsWorld(verdict, after);
    await routeAction(signedClick('sg-guardian:apply-fix', verdict, 'first'), world.deps);
    const audited = world.audit.length;

    // Act
    const response = await routeAction(signedClick('sg-guardian:apply-fix', verdict, 'second'), world.deps);

    // Assess
    expect(response.status).toBe(200);
    expect(world.ec2.writes).toHaveLength(1);
    expect(world.audit).toHaveLength(audited);
    expect(world.replies.at(-1)).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringMatching(/^Nothing done: this finding was already fixed \(fix applied\) by Slack user U0ALICE/),
    });
  });

  it('refuses a Revert click on a decision that offers Apply fix, changing nothing', async () => {
    // Prepare
    const { verdict, after } = await notRevertible();
    const world = await actionsWorld(verdict, after);

    // Act
    await routeAction(signedClick('sg-guardian:revert', verdict), world.deps);

    // Assess
    expect(world.ec2.writes).toEqual([]);
    expect((await world.decisions.get(verdict.findings[0]!.id))?.status).toBe('pending');
    expect(world.replies.at(-1)?.text).toBe('Nothing done: this alert offers Apply fix, not the button that was sent.');
  });

  it('offers Apply fix on the signed link page and applies it once the form is posted', async () => {
    // Prepare
    const { verdict, after } = await notRevertible();
    const world = await actionsWorld(verdict, after);
    const links = new SignedLinks({ secret: async () => LINK_SECRET, publicUrl: PUBLIC_URL, ttlHours: 24 });
    const url = new URL((await links.linkFor(verdict.findings[0]!.id, NOW)).url);
    const query = Object.fromEntries(url.searchParams);
    const page = await routeAction({ method: 'GET', path: url.pathname, query, headers: {}, body: '' }, world.deps);
    const fields = Object.fromEntries(
      [...page.body.matchAll(/<input type="hidden" name="([a-z]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]),
    );

    // Act
    const result = await routeAction(
      {
        method: 'POST',
        path: '/decide',
        query: {},
        headers: { origin: PUBLIC_URL },
        body: new URLSearchParams(fields as Record<string, string>).toString(),
        sourceIp: '203.0.113.7',
      },
      world.deps,
    );

    // Assess
    expect(page.body).toContain('<h1>Apply this fix?</h1>');
    expect(page.body).toContain('<button type="submit" id="apply-fix">Apply fix</button>');
    expect(page.body).not.toContain('id="revert"');
    expect(result.status).toBe(200);
    expect(result.body).toContain('<h1>Fix applied</h1>');
    expect(world.ec2.writes.map((w) => w.api)).toEqual(['AuthorizeSecurityGroupIngress']);
    expect(world.audit.at(-1)).toMatchObject({
      action: 'approved-fix',
      outcome: 'applied',
      outcomeDetail: expect.stringMatching(/^fix applied by signed link from 203\.0\.113\.7 via signed link: /),
    });
  });

  it('offers no Apply fix when two different fixes are each one call (ambiguous)', async () => {
    // Prepare
    const { verdict } = await notRevertible();
    const [finding] = verdict.findings;
    const fix = finding!.fixes![0]!;
    const other = { ...fix, apply: { ...fix.apply!, input: { ...fix.apply!.input, GroupId: 'sg-0other999' } } };
    const ambiguous: Verdict = { ...verdict, findings: [{ ...finding!, fixes: [fix, other] }] };

    // Act
    const decisions = pendingDecisions(ambiguous, NOW);

    // Assess
    expect(awaitsDecision(ambiguous, 'enforce')).toBe(false);
    expect(decisions.every((d) => d.fix === undefined)).toBe(true);
  });

  it('offers the same one-call fix once when two findings propose it', async () => {
    // Prepare
    const { verdict } = await notRevertible();
    const [finding] = verdict.findings;
    const twice: Verdict = { ...verdict, findings: [finding!, { ...finding!, id: 'fnd-copy' }] };

    // Act
    const decisions = pendingDecisions(twice, NOW);

    // Assess
    expect(decisions).toHaveLength(2);
    expect(decisions.map((d) => d.fix?.apply?.api)).toEqual([
      'AuthorizeSecurityGroupIngress',
      'AuthorizeSecurityGroupIngress',
    ]);
  });
});
