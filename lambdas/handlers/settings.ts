import * as z from '../core/util/zod-mini';

const name = z.string().check(z.minLength(1));
const arn = z.optional(z.string().check(z.startsWith('arn:')));

/** The Lambda's configuration: environment variables only, parsed once at cold start. */
const SettingsSchema = z.object({
  /** The JSON policy the CDK app bundles beside the handler. */
  SG_GUARDIAN_CONFIG: z._default(name, 'guardian.json'),
  SG_GUARDIAN_MODE: z._default(z.enum(['enforce', 'dry-run']), 'dry-run'),
  SG_GUARDIAN_STATE_TABLE: name,
  SG_GUARDIAN_AUDIT_TABLE: name,
  SG_GUARDIAN_IDEMPOTENCY_TABLE: name,
  SG_GUARDIAN_AUDIT_TTL_DAYS: z._default(z.coerce.number().check(z.int(), z.positive()), 365),
  SG_GUARDIAN_TOPIC_ARN: arn,
  SG_GUARDIAN_SLACK_SECRET_ARN: arn,
  SG_GUARDIAN_SLACK_CHANNEL: z.optional(name),
  SG_GUARDIAN_ROLE_ARN: arn,
  /** Role name in member accounts (sts:AssumeRole); without it only the home account is judged. */
  SG_GUARDIAN_MEMBER_ROLE_NAME: z.optional(z.string().check(z.regex(/^[\w+=,.@-]{1,64}$/))),
  /** Watched regions, comma-separated (the sweep reads the home account in each). */
  SG_GUARDIAN_REGIONS: z.pipe(
    z._default(z.string(), ''),
    z.transform((v: string) => v.split(',').map((r) => r.trim()).filter(Boolean)),
  ),
  /** sts:ExternalId the member roles require. */
  SG_GUARDIAN_EXTERNAL_ID: z.optional(z.string().check(z.minLength(2))),
  /** Slack API base URL (tests point it at a loopback server; GovSlack uses its own). */
  SG_GUARDIAN_SLACK_API_URL: z.optional(z.url()),
  /** Secret whose SecretString signs the one-click links (32+ characters; the stack can generate it). */
  SG_GUARDIAN_LINK_SECRET_ARN: arn,
  /** Base URL of the actions Function URL, when guardian.yaml's approvals.publicUrl does not set one. */
  SG_GUARDIAN_PUBLIC_URL: z.optional(z.url()),
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
