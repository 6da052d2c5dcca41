import { z } from 'zod';

/** The Lambda's configuration: environment variables only, parsed once at cold start. */
const SettingsSchema = z.object({
  /** The JSON policy the CDK app bundles beside the handler. */
  SG_GUARDIAN_CONFIG: z.string().min(1).default('guardian.json'),
  SG_GUARDIAN_MODE: z.enum(['enforce', 'dry-run']).default('dry-run'),
  SG_GUARDIAN_STATE_TABLE: z.string().min(1),
  SG_GUARDIAN_AUDIT_TABLE: z.string().min(1),
  SG_GUARDIAN_IDEMPOTENCY_TABLE: z.string().min(1),
  SG_GUARDIAN_AUDIT_TTL_DAYS: z.coerce.number().int().positive().default(365),
  SG_GUARDIAN_TOPIC_ARN: z.string().startsWith('arn:').optional(),
  SG_GUARDIAN_SLACK_SECRET_ARN: z.string().startsWith('arn:').optional(),
  SG_GUARDIAN_SLACK_CHANNEL: z.string().min(1).optional(),
  SG_GUARDIAN_ROLE_ARN: z.string().startsWith('arn:').optional(),
  /** Role name in member accounts (sts:AssumeRole); without it only the home account is judged. */
  SG_GUARDIAN_MEMBER_ROLE_NAME: z
    .string()
    .regex(/^[\w+=,.@-]{1,64}$/)
    .optional(),
  /** Watched regions, comma-separated (the sweep reads the home account in each). */
  SG_GUARDIAN_REGIONS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((r) => r.trim()).filter(Boolean)),
  /** sts:ExternalId the member roles require. */
  SG_GUARDIAN_EXTERNAL_ID: z.string().min(2).optional(),
  /** Slack API base URL (tests point it at a loopback server; GovSlack uses its own). */
  SG_GUARDIAN_SLACK_API_URL: z.string().url().optional(),
  /** Secret whose SecretString signs the one-click links (32+ characters; the stack can generate it). */
  SG_GUARDIAN_LINK_SECRET_ARN: z.string().startsWith('arn:').optional(),
  /** Base URL of the actions Function URL, when guardian.yaml's approvals.publicUrl does not set one. */
  SG_GUARDIAN_PUBLIC_URL: z.string().url().optional(),
});

export type Settings = z.infer<typeof SettingsSchema>;

export class SettingsError extends Error {
  override readonly name = 'SettingsError';
}

export function readSettings(env: Readonly<Record<string, string | undefined>>): Settings {
  const result = SettingsSchema.safeParse(env);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  throw new SettingsError(`invalid environment: ${issues}`, { cause: result.error });
}
