import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';

export const SECRETS_IAM_ACTIONS = ['secretsmanager:GetSecretValue'] as const;

export class SecretError extends Error {
  override name = 'SecretError';
}

const SlackSecretSchema = z
  .object({
    botToken: z
      .string()
      .regex(/^xox[a-z]-\S+$/, 'must be a Slack token (xoxb-…)')
      .optional(),
    signingSecret: z.string().min(1, 'must not be empty').optional(),
    webhookUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  })
  .refine((s) => s.botToken !== undefined || s.webhookUrl !== undefined, {
    message: 'needs botToken or webhookUrl',
  });

/** What the Slack notifier and the interaction handler need; each field is optional, one of token/webhook is not. */
export type SlackCredentials = z.infer<typeof SlackSecretSchema>;

/**
 * Reads `{ botToken?, signingSecret?, webhookUrl? }` from a Secrets Manager JSON secret once and caches it.
 * A failed read is not cached. Errors name the secret and the field, never a value.
 */
export function slackCredentialsFromSecret(
  client: SecretsManagerClient,
  secretArn: string,
): () => Promise<SlackCredentials> {
  let cached: Promise<SlackCredentials> | undefined;
  return () => {
    cached ??= readSlackSecret(client, secretArn).catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
    return cached;
  };
}

async function readSlackSecret(client: SecretsManagerClient, secretArn: string): Promise<SlackCredentials> {
  const text = await readSecretString(client, secretArn);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // The parser's message quotes the secret text, so it is neither repeated nor kept as the cause.
    throw new SecretError(`Secret ${secretArn} is not valid JSON`);
  }
  const parsed = SlackSecretSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) =>
    i.path.length ? `field ${i.path.join('.')}: ${i.message}` : i.message,
  );
  throw new SecretError(`Secret ${secretArn} is not a valid Slack secret: ${problems.join('; ')}`);
}

export async function readSecretString(client: SecretsManagerClient, secretArn: string): Promise<string> {
  try {
    const out = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
    if (out.SecretString === undefined) throw new SecretError(`Secret ${secretArn} has no SecretString`);
    return out.SecretString;
  } catch (error) {
    if (error instanceof SecretError) throw error;
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new SecretError(`Reading secret ${secretArn} failed: ${reason}`, { cause: error });
  }
}
