import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { linkSecretFromSecret } from '../../../../lambdas/adapters/aws/secrets-manager/link-secret';

const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:sg-guardian/links-AbCdEf';
const secrets = mockClient(SecretsManagerClient);
const client = new SecretsManagerClient({
  region: 'eu-west-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

afterEach(() => {
  secrets.reset();
});

describe('linkSecretFromSecret', () => {
  it('reads the whole secret string once and caches it', async () => {
    // Prepare
    const value = 'k'.repeat(48);
    secrets.on(GetSecretValueCommand).resolves({ SecretString: value });
    const secret = linkSecretFromSecret(client, ARN);

    // Act
    const read = [await secret(), await secret()];

    // Assess
    expect(read).toEqual([value, value]);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('refuses a secret too short to be an HMAC key, without quoting it, and reads again next time', async () => {
    // Prepare
    secrets
      .on(GetSecretValueCommand)
      .resolvesOnce({ SecretString: 'short-key' })
      .resolves({ SecretString: 'k'.repeat(32) });
    const secret = linkSecretFromSecret(client, ARN);

    // Act
    const failure = await secret().then(
      () => undefined,
      (error: Error) => error,
    );
    const retried = await secret();

    // Assess
    expect(failure?.message).toBe(`Secret ${ARN} is shorter than 32 characters`);
    expect(failure?.message).not.toContain('short-key');
    expect(retried).toBe('k'.repeat(32));
  });
});
