import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { readSecretString, SecretError } from './secrets';

export const LINK_SECRET_IAM_ACTIONS = ['secretsmanager:GetSecretValue'] as const;

/** HMAC keys shorter than this are refused (a generated secret has 32+ characters). */
export const MIN_LINK_SECRET_CHARS = 32;

/**
 * The key that signs one-click links: the whole SecretString of its own secret (the stack can generate
 * it; rotating it invalidates every outstanding link). Read once and cached; a failed read is not.
 */
export function linkSecretFromSecret(client: SecretsManagerClient, secretArn: string): () => Promise<string> {
  let cached: Promise<string> | undefined;
  return () => {
    cached ??= readSecretString(client, secretArn)
      .then((value) => {
        if (value.length < MIN_LINK_SECRET_CHARS)
          throw new SecretError(`Secret ${secretArn} is shorter than ${MIN_LINK_SECRET_CHARS} characters`);
        return value;
      })
      .catch((error: unknown) => {
        cached = undefined;
        throw error;
      });
    return cached;
  };
}
