import { z } from 'zod';

/** An AWS region code such as eu-west-1, us-gov-west-1 or cn-north-1. */
const RegionSchema = z
  .string()
  .regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d+$/, 'an AWS region like eu-west-1');

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
