import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { SECRETS_IAM_ACTIONS, slackCredentialsFromSecret } from '../../../../lambdas/adapters/aws/secrets-manager/secrets';

const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:sg-guardian/slack-AbCdEf';
const TOKEN = 'xoxb-1111-2222-SECRETVALUE';
const secrets = mockClient(SecretsManagerClient);
const client = new SecretsManagerClient({
  region: 'eu-west-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

afterEach(() => {
  secrets.reset();
});

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('slackCredentialsFromSecret', () => {
  it('reads the bot token, signing secret and webhook URL from the JSON secret', async () => {
    // Prepare
    const secret = {
      botToken: TOKEN,
      signingSecret: 's3cr3t',
      webhookUrl: 'https://hooks.slack.com/services/T/B/x',
    };
    secrets.on(GetSecretValueCommand, { SecretId: ARN }).resolves({ SecretString: JSON.stringify(secret) });

    // Act
    const credentials = await slackCredentialsFromSecret(client, ARN)();

    // Assess
    expect(credentials).toEqual(secret);
  });

  it('reads the secret once and serves later calls from the cache', async () => {
    // Prepare
    secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ botToken: TOKEN }) });
    const credentials = slackCredentialsFromSecret(client, ARN);

    // Act
    const [first, second] = await Promise.all([credentials(), credentials()]);
    const third = await credentials();

    // Assess
    expect(first).toEqual({ botToken: TOKEN });
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('names the secret when it has neither a bot token nor a webhook URL', async () => {
    // Prepare
    secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ signingSecret: 's3cr3t' }) });

    // Act
    const result = slackCredentialsFromSecret(client, ARN)();

    // Assess
    await expect(result).rejects.toMatchObject({
      name: 'SecretError',
      message: `Secret ${ARN} is not a valid Slack secret: needs botToken or webhookUrl`,
    });
  });

  it('names the bad field without repeating its value', async () => {
    // Prepare
    secrets
      .on(GetSecretValueCommand)
      .resolves({ SecretString: JSON.stringify({ botToken: 'not-a-token-SECRETVALUE' }) });

    // Act
    const error = await failureOf(slackCredentialsFromSecret(client, ARN)());

    // Assess
    expect(error.message).toContain(ARN);
    expect(error.message).toContain('field botToken: must be a Slack token (xoxb-…)');
    expect(error.message).not.toContain('SECRETVALUE');
  });

  it('says a secret is not JSON without quoting it, and retries after a failure', async () => {
    // Prepare
    secrets
      .on(GetSecretValueCommand)
      .resolvesOnce({ SecretString: `${TOKEN} oops` })
      .resolves({ SecretString: JSON.stringify({ botToken: TOKEN }) });
    const credentials = slackCredentialsFromSecret(client, ARN);

    // Act
    const error = await failureOf(credentials());
    const retried = await credentials();

    // Assess
    expect(error).toMatchObject({ name: 'SecretError', message: `Secret ${ARN} is not valid JSON` });
    expect(JSON.stringify({ message: error.message, cause: String(error.cause) })).not.toContain(
      'SECRETVALUE',
    );
    expect(retried).toEqual({ botToken: TOKEN });
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('wraps a Secrets Manager failure with the secret ARN', async () => {
    // Prepare
    secrets.on(GetSecretValueCommand).rejects(
      Object.assign(new Error('Secrets Manager can not find the specified secret.'), {
        name: 'ResourceNotFoundException',
      }),
    );

    // Act
    const result = slackCredentialsFromSecret(client, ARN)();

    // Assess
    await expect(result).rejects.toMatchObject({
      name: 'SecretError',
      message: `Reading secret ${ARN} failed: ResourceNotFoundException: Secrets Manager can not find the specified secret.`,
    });
  });

  it('rejects a binary secret', async () => {
    // Prepare
    secrets.on(GetSecretValueCommand).resolves({ SecretBinary: new Uint8Array([1, 2, 3]) });

    // Act
    const result = slackCredentialsFromSecret(client, ARN)();

    // Assess
    await expect(result).rejects.toThrow(`Secret ${ARN} has no SecretString`);
  });

  it('needs only secretsmanager:GetSecretValue', () => {
    // Assess
    expect(SECRETS_IAM_ACTIONS).toEqual(['secretsmanager:GetSecretValue']);
  });
});
