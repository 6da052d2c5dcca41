import { EC2Client } from '@aws-sdk/client-ec2';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  accountOfArn,
  MEMBER_ACCOUNT_IAM_ACTIONS,
  MemberAccountClients,
  MemberAccountError,
} from '../../../lambdas/adapters/aws/member-account-clients';

const HOME = '111111111111';
const MEMBER = '222222222222';
const TEST_CLIENT = { region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
const sts = mockClient(STSClient);
const stsClient = new STSClient(TEST_CLIENT);
const homeClient = new EC2Client(TEST_CLIENT);
const HOUR = 3_600_000;

afterEach(() => {
  sts.reset();
});

function clients(overrides: { now?: () => number; externalId?: string } = {}) {
  return new MemberAccountClients({
    homeAccountId: HOME,
    homeRegion: 'eu-west-1',
    homeClient,
    sts: stsClient,
    memberRoleName: 'sg-guardian-revert',
    externalId: 'externalId' in overrides ? overrides.externalId : 'ext-123',
    now: overrides.now,
  });
}

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

function serveCredentials(expiration: Date, key = 'ASIAMEMBER') {
  sts.on(AssumeRoleCommand).resolves({
    Credentials: {
      AccessKeyId: key,
      SecretAccessKey: 'member-secret',
      SessionToken: 'token',
      Expiration: expiration,
    },
  });
}

describe('MemberAccountClients.memberEc2Client', () => {
  it('returns the central EC2 client for the home account in the home region', () => {
    // Act
    const client = clients().memberEc2Client(HOME, 'eu-west-1');

    // Assess
    expect(client).toBe(homeClient);
  });

  it("uses the function's own credentials for the home account in another region", async () => {
    // Prepare
    const factory = clients();

    // Act
    const client = factory.memberEc2Client(HOME, 'us-east-1');

    // Assess
    expect(client).not.toBe(homeClient);
    expect(await client.config.region()).toBe('us-east-1');
    expect(factory.memberEc2Client(HOME, 'us-east-1')).toBe(client);
    expect(sts.calls()).toHaveLength(0);
  });

  it("assumes the member account's role with the external id for its credentials", async () => {
    // Prepare
    const expiration = new Date(Date.now() + HOUR);
    serveCredentials(expiration);
    const factory = clients();

    // Act
    const client = factory.memberEc2Client(MEMBER, 'eu-central-1');
    const credentials = await client.config.credentials();

    // Assess
    expect(credentials).toMatchObject({
      accessKeyId: 'ASIAMEMBER',
      secretAccessKey: 'member-secret',
      sessionToken: 'token',
      expiration,
    });
    expect(await client.config.region()).toBe('eu-central-1');
    expect(sts.commandCalls(AssumeRoleCommand).map((c) => c.args[0].input)).toEqual([
      {
        RoleArn: `arn:aws:iam::${MEMBER}:role/sg-guardian-revert`,
        RoleSessionName: 'sg-guardian',
        ExternalId: 'ext-123',
      },
    ]);
  });

  it('builds its own STS client on the first AssumeRole when none is given', async () => {
    // Prepare
    serveCredentials(new Date(Date.now() + HOUR), 'ASIALAZY');
    const factory = new MemberAccountClients({
      homeAccountId: HOME,
      homeRegion: 'eu-west-1',
      homeClient,
      memberRoleName: 'sg-guardian-revert',
      externalId: 'ext-123',
    });

    // Act
    const home = factory.memberEc2Client(HOME, 'us-east-1');
    const callsBeforeMember = sts.calls().length;
    const credentials = await factory.memberEc2Client(MEMBER, 'eu-west-1').config.credentials();

    // Assess
    expect(home).not.toBe(homeClient);
    expect(callsBeforeMember).toBe(0);
    expect(credentials.accessKeyId).toBe('ASIALAZY');
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(1);
  });

  it('shares one set of member credentials between regions until five minutes before they expire', async () => {
    // Prepare
    let now = Date.now();
    serveCredentials(new Date(now + HOUR));
    const factory = clients({ now: () => now });
    await factory.memberEc2Client(MEMBER, 'eu-west-1').config.credentials();

    // Act
    await factory.memberEc2Client(MEMBER, 'us-east-1').config.credentials();
    const callsWhileFresh = sts.calls().length;
    now += HOUR - 4 * 60_000;
    await factory.memberEc2Client(MEMBER, 'ap-southeast-2').config.credentials();

    // Assess
    expect(callsWhileFresh).toBe(1);
    expect(sts.calls()).toHaveLength(2);
  });

  it('reports a refused AssumeRole naming the role, and tries again on the next call', async () => {
    // Prepare
    sts
      .on(AssumeRoleCommand)
      .rejectsOnce(new Error('AccessDenied: not authorized'))
      .resolves({
        Credentials: {
          AccessKeyId: 'ASIAAGAIN',
          SecretAccessKey: 's',
          SessionToken: 't',
          Expiration: new Date(Date.now() + HOUR),
        },
      });
    const factory = clients();

    // Act
    const failure = await failureOf(factory.memberEc2Client(MEMBER, 'eu-west-1').config.credentials());
    const retried = await factory.memberEc2Client(MEMBER, 'us-east-1').config.credentials();

    // Assess
    expect(failure).toBeInstanceOf(MemberAccountError);
    expect(failure.message).toBe(
      `cannot assume arn:aws:iam::${MEMBER}:role/sg-guardian-revert: AccessDenied: not authorized`,
    );
    expect(failure.cause).toBeInstanceOf(Error);
    expect(retried.accessKeyId).toBe('ASIAAGAIN');
  });

  it('refuses to assume a member role without an external id', async () => {
    // Prepare
    const factory = clients({ externalId: undefined });

    // Act
    const failure = await failureOf(factory.memberEc2Client(MEMBER, 'eu-west-1').config.credentials());

    // Assess
    expect(failure).toBeInstanceOf(MemberAccountError);
    expect(failure.message).toMatch(/no external id/);
    expect(sts.calls()).toHaveLength(0);
  });

  it('rejects an AssumeRole answer without complete credentials', async () => {
    // Prepare
    sts.on(AssumeRoleCommand).resolves({ Credentials: undefined });

    // Act
    const failure = await failureOf(clients().memberEc2Client(MEMBER, 'eu-west-1').config.credentials());

    // Assess
    expect(failure).toBeInstanceOf(MemberAccountError);
    expect(failure.message).toMatch(/returned no credentials/);
  });
});

describe('member account helpers', () => {
  it('needs only sts:AssumeRole', () => {
    // Assess
    expect(MEMBER_ACCOUNT_IAM_ACTIONS).toEqual(['sts:AssumeRole']);
  });

  it('reads the account id of an ARN, and nothing from a malformed one', () => {
    // Act
    const accounts = [
      accountOfArn(`arn:aws:iam::${HOME}:role/SgGuardian-GuardianRole`),
      accountOfArn('arn:aws:iam::role/x'),
      accountOfArn('not an arn'),
    ];

    // Assess
    expect(accounts).toEqual([HOME, undefined, undefined]);
  });
});
