import { EC2Client } from '@aws-sdk/client-ec2';
import { describe, expect, it, vi } from 'vitest';
import { AccountRoutingReverter } from '../../../../lambdas/adapters/aws/ec2/account-routing-reverter';
import type { Reverter } from '../../../../lambdas/app/ports';
import type { RevertPlan, Verdict } from '../../../../lambdas/core/verdict/types';

const plan: RevertPlan = { status: 'ready', steps: [] };
const verdictIn = (accountId: string, awsRegion = 'eu-west-1') =>
  ({ meta: { eventId: 'e', eventName: 'X', accountId, awsRegion, actor: { via: 'cli' } }, revert: plan }) as unknown as Verdict;

function routing(clientFor: (a: string, r: string) => EC2Client | undefined) {
  const home: Reverter = { apply: vi.fn(async () => ({ status: 'reverted' as const, steps: [] })) };
  return { home, router: new AccountRoutingReverter({ home, homeAccountId: '123456789012', homeRegion: 'eu-west-1', clientFor }) };
}

describe('AccountRoutingReverter', () => {
  it('uses the home reverter for the home account and region', async () => {
    // Prepare
    const clientFor = vi.fn();
    const { home, router } = routing(clientFor);

    // Act
    const outcome = await router.apply(plan, verdictIn('123456789012'));

    // Assess
    expect(outcome.status).toBe('reverted');
    expect(home.apply).toHaveBeenCalledOnce();
    expect(clientFor).not.toHaveBeenCalled();
  });

  it('asks for the member account’s client, once per account and region', async () => {
    // Prepare
    const clientFor = vi.fn(() => new EC2Client({ region: 'eu-west-1' }));
    const { home, router } = routing(clientFor);

    // Act
    await router.apply(plan, verdictIn('210987654321'));
    await router.apply(plan, verdictIn('210987654321'));

    // Assess
    expect(clientFor).toHaveBeenCalledTimes(1);
    expect(clientFor).toHaveBeenCalledWith('210987654321', 'eu-west-1');
    expect(home.apply).not.toHaveBeenCalled();
  });

  it('fails, and never falls back to the home account, when a member account is unreachable', async () => {
    // Prepare
    const { home, router } = routing(() => undefined);

    // Act
    const outcome = await router.apply(plan, verdictIn('210987654321'));

    // Assess
    expect(outcome).toEqual({ status: 'failed', steps: [], reason: 'account 210987654321 (eu-west-1) is not reachable from this deployment' });
    expect(home.apply).not.toHaveBeenCalled();
  });
});
