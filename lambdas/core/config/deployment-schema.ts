import { z } from 'zod';

/** An AWS region code such as eu-west-1, us-gov-west-1 or cn-north-1. */
const RegionSchema = z
  .string()
  .regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d+$/, 'an AWS region like eu-west-1');

/** A tag key usable in `aws:ResourceTag/<key>` (not the reserved `aws:` prefix). */
const TAG_KEY = 'a tag key (1-128 letters, digits, spaces and _.:/=+@-, not starting with aws:)';
const TagKeySchema = z.string().regex(/^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+@-]{1,128}$/u);

/** Limits the revert permissions; the resource a write changes must match every key given. */
export const RevertScopeSchema = z
  .strictObject({
    tags: z
      .record(z.string(), z.union([z.string().max(256), z.array(z.string().max(256)).min(1)]))
      .superRefine((tags, ctx) => {
        for (const key of Object.keys(tags))
          if (!TagKeySchema.safeParse(key).success)
            ctx.addIssue({ code: 'custom', path: [key], message: `"${key}" is not ${TAG_KEY}` });
      })
      .optional()
      .describe(
        'Tags the changed security group, interface or network ACL must carry (a list: any of the values)',
      ),
    vpcIds: z
      .array(z.string().regex(/^vpc-[0-9a-f]{8,17}$/, 'a VPC id like vpc-0a1b2c3d'))
      .min(1)
      .optional()
      .describe('VPCs reverts may write in'),
  })
  .refine((s) => Object.keys(s.tags ?? {}).length > 0 || (s.vpcIds ?? []).length > 0, {
    message: 'give tags, vpcIds or both (omit revertScope to revert anywhere in the account)',
  });

export type RevertScope = z.infer<typeof RevertScopeSchema>;

/**
 * How `cdk deploy` installs the guardrail (read by the CDK app only; the handlers ignore it).
 * CDK context (`-c mode=enforce`, …) and construct props override these keys.
 */
export const DeploymentSchema = z
  .strictObject({
    mode: z
      .enum(['enforce', 'dry-run'])
      .default('dry-run')
      .describe('enforce reverts per `actions`; dry-run judges, notifies and audits but never writes to EC2'),
    slackSecretArn: z
      .string()
      .regex(
        /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+-[A-Za-z0-9]{6}$/,
        'a complete Secrets Manager secret ARN (ending in its 6-character suffix)',
      )
      .optional()
      .describe('Secret holding {"webhookUrl"} or {"botToken","signingSecret"}; no Slack without it'),
    slackChannel: z
      .string()
      .min(1)
      .optional()
      .describe('Channel id for chat.postMessage with a bot token; without it the webhook is used'),
    emailSubscribers: z
      .array(z.email())
      .default([])
      .describe('Addresses subscribed to the report topic (each confirms by email)'),
    regions: z
      .array(RegionSchema)
      .default([])
      .describe(
        'Regions watched, the central region (where the SgGuardian stack runs) first; the others forward ' +
          'their events to it. Empty: the central region only',
      ),
    organizationId: z
      .string()
      .regex(/^o-[a-z0-9]{10,32}$/, 'an AWS Organizations id like o-a1b2c3d4e5')
      .optional()
      .describe('Accept events from, and revert in, the member accounts of this Organization'),
    memberRoleName: z
      .string()
      .regex(/^[\w+=,.@-]{1,64}$/, 'an IAM role name')
      .default('sg-guardian-revert')
      .describe('Name of the role the evaluator assumes in member accounts'),
    externalId: z
      .string()
      .regex(/^[\w+=,.@:/-]{2,1224}$/, '2-1224 characters of letters, digits and +=,.@:/-')
      .optional()
      .describe('sts:ExternalId the member roles require; enables cross-account access'),
    revertScope: RevertScopeSchema.optional().describe(
      'Limit the EC2 write permissions (central and member roles) by tag and/or VPC; a revert outside ' +
        'them fails and is reported. Default: any resource of the watched accounts and regions',
    ),
  })
  .superRefine((deployment, ctx) => {
    if (deployment.organizationId !== undefined && deployment.externalId === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['externalId'],
        message: 'required with organizationId: the member roles trust the evaluator only with it',
      });
  });

export type DeploymentConfig = z.infer<typeof DeploymentSchema>;

/** The value of `deployment:` when guardian.yaml has none. */
export const DEFAULT_DEPLOYMENT: DeploymentConfig = {
  mode: 'dry-run',
  emailSubscribers: [],
  regions: [],
  memberRoleName: 'sg-guardian-revert',
};
