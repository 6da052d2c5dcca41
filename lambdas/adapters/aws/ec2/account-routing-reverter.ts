import type { EC2Client } from '@aws-sdk/client-ec2';
import type { ApplyOptions, Reverter, RevertOutcome } from '../../../app/ports';
import type { RevertPlan, Verdict } from '../../../core/verdict/types';
import { Ec2Reverter } from './ec2-writer';

/**
 * Applies a plan in the account and region its event came from: the home reverter there, else an
 * Ec2Reverter on that account's client (a member account through its revert role). A plan of an account
 * it cannot reach fails with the reason — it is never applied with the home account's credentials.
 */
export class AccountRoutingReverter implements Reverter {
  private readonly reverters = new Map<string, Reverter>();

  constructor(
    private readonly options: {
      readonly home: Reverter;
      readonly homeAccountId?: string;
      readonly homeRegion: string;
      /** The EC2 client of an (account, region); undefined when that account cannot be reached. */
      readonly clientFor: (accountId: string, region: string) => EC2Client | undefined;
    },
  ) {}

  async apply(plan: RevertPlan, verdict: Verdict, options?: ApplyOptions): Promise<RevertOutcome> {
    const { home, homeAccountId, homeRegion } = this.options;
    const account = verdict.meta?.accountId ?? homeAccountId;
    const region = verdict.meta?.awsRegion ?? homeRegion;
    if (!homeAccountId || !account || (account === homeAccountId && region === homeRegion))
      return options ? home.apply(plan, verdict, options) : home.apply(plan, verdict);
    const key = `${account}/${region}`;
    let reverter = this.reverters.get(key);
    if (!reverter) {
      const client = this.options.clientFor(account, region);
      if (!client)
        return { status: 'failed', steps: [], reason: `account ${account} (${region}) is not reachable from this deployment` };
      reverter = new Ec2Reverter(client);
      this.reverters.set(key, reverter);
    }
    return reverter.apply(plan, verdict, options);
  }
}
