import type { EC2Client, EC2ClientConfig } from '@aws-sdk/client-ec2';
import type { AssumeRoleCommandOutput, STSClient } from '@aws-sdk/client-sts';
import { createEc2Client } from './ec2/ec2-client';
import { withoutRequestLogging } from './no-request-logging';

/** The one action the evaluator needs to work in member accounts. */
export const MEMBER_ACCOUNT_IAM_ACTIONS = ['sts:AssumeRole'] as const;

/** Credentials are renewed this long before they expire (a revert must not start with stale ones). */
const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;

export class MemberAccountError extends Error {
  override readonly name = 'MemberAccountError';
}

export interface MemberAccountClientsOptions {
  /** The account the guardian runs in: its EC2 calls use the function's own role. */
  readonly homeAccountId: string;
  /** The region of `homeClient`. */
  readonly homeRegion: string;
  /** The EC2 client of the home account and region (shared, traced). */
  readonly homeClient: EC2Client;
  /**
   * STS client used to assume the member role (the function's own credentials). @default one built on
   * the first AssumeRole: the STS client is imported then, so that a deployment without member
   * accounts never loads it (BENCHMARKS.md, Cold start).
   */
  readonly sts?: STSClient;
  /** Role name in every member account (SG_GUARDIAN_MEMBER_ROLE_NAME). */
  readonly memberRoleName?: string;
  /** sts:ExternalId the member roles require (SG_GUARDIAN_EXTERNAL_ID). */
  readonly externalId?: string;
  /** @default 'aws' */
  readonly partition?: string;
  /** @default 'sg-guardian' */
  readonly sessionName?: string;
  /** Builds the clients for other accounts and regions. @default createEc2Client */
  readonly createClient?: (config: EC2ClientConfig) => EC2Client;
  /** @default Date.now */
  readonly now?: () => number;
}

interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
}

/**
 * EC2 clients per (account, region) of an event: the home client for the home account and region,
 * a client with the function's own credentials for the home account elsewhere, and one with the
 * member role's temporary credentials (AssumeRole with the external id, cached until five minutes
 * before they expire) for any other account. Clients are built once per account and region.
 */
export class MemberAccountClients {
  private readonly clients = new Map<string, EC2Client>();
  private readonly credentials = new Map<string, Promise<Credentials>>();
  private sts: STSClient | undefined;

  constructor(private readonly options: MemberAccountClientsOptions) {}

  memberEc2Client(accountId: string, region: string): EC2Client {
    const { homeAccountId, homeRegion, homeClient } = this.options;
    if (accountId === homeAccountId && region === homeRegion) return homeClient;
    const key = `${accountId}/${region}`;
    const existing = this.clients.get(key);
    if (existing) return existing;
    const create = this.options.createClient ?? createEc2Client;
    const client =
      accountId === homeAccountId
        ? create({ region })
        : create({ region, credentials: () => this.memberCredentials(accountId) });
    this.clients.set(key, client);
    return client;
  }

  /** The ARN of the member role in `accountId`. */
  memberRoleArn(accountId: string): string {
    const { memberRoleName, partition = 'aws' } = this.options;
    if (!memberRoleName)
      throw new MemberAccountError(`account ${accountId} is not the home account and no member role is set`);
    return `arn:${partition}:iam::${accountId}:role/${memberRoleName}`;
  }

  private async memberCredentials(accountId: string): Promise<Credentials> {
    const now = this.options.now ?? Date.now;
    const cached = this.credentials.get(accountId);
    if (cached) {
      const fresh = await cached.then(
        (c) => c.expiration.getTime() - REFRESH_BEFORE_EXPIRY_MS > now(),
        () => false,
      );
      if (fresh) return cached;
    }
    const pending = this.assumeMemberRole(accountId);
    this.credentials.set(accountId, pending);
    return pending;
  }

  private async assumeMemberRole(accountId: string): Promise<Credentials> {
    const roleArn = this.memberRoleArn(accountId);
    if (!this.options.externalId)
      throw new MemberAccountError(`no external id to assume ${roleArn} (SG_GUARDIAN_EXTERNAL_ID)`);
    let answer: AssumeRoleCommandOutput;
    try {
      const { AssumeRoleCommand, STSClient } = await import('@aws-sdk/client-sts');
      this.sts ??= this.options.sts ?? withoutRequestLogging(new STSClient({}));
      answer = await this.sts.send(
        new AssumeRoleCommand({
          RoleArn: roleArn,
          RoleSessionName: this.options.sessionName ?? 'sg-guardian',
          ExternalId: this.options.externalId,
        }),
      );
    } catch (error) {
      throw new MemberAccountError(`cannot assume ${roleArn}: ${(error as Error).message}`, { cause: error });
    }
    const c = answer.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration)
      throw new MemberAccountError(`AssumeRole of ${roleArn} returned no credentials`);
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
    };
  }
}

/** The account id in an ARN (`arn:aws:iam::123456789012:role/x` → 123456789012). */
export function accountOfArn(arn: string): string | undefined {
  const account = arn.split(':')[4];
  return account && /^\d{12}$/.test(account) ? account : undefined;
}
