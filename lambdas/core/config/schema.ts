import { z } from 'zod';
import { DEFAULT_DEPLOYMENT, DeploymentSchema } from './deployment-schema';

/** Selects security groups (and through them, the ENIs that carry them). Exactly one way to select. */
export const GroupSelectorSchema = z
  .strictObject({
    groupId: z
      .string()
      .regex(/^sg-[0-9a-zA-Z]+$/, 'a security group id like sg-0abc123')
      .optional(),
    groupName: z.string().min(1).optional(),
    tags: z.record(z.string(), z.string()).optional(),
    vpcId: z
      .string()
      .regex(/^vpc-[0-9a-zA-Z]+$/)
      .optional()
      .describe('Narrow a name or tag match to one VPC'),
  })
  .refine((s) => [s.groupId, s.groupName, s.tags].filter((v) => v !== undefined).length === 1, {
    message: 'exactly one of groupId, groupName or tags',
  });

const PortSchema = z.number().int().min(0).max(65535);
/** A port (8080) or an inclusive range ("8000-8099"). */
export const PortOrRangeSchema = z.union([
  PortSchema,
  z.string().regex(/^\d{1,5}-\d{1,5}$/, 'a port number or a range like "8000-8099"'),
]);

export const ProtocolSchema = z.enum(['tcp', 'udp', 'icmp', 'icmpv6', '-1', 'all']);

export const DependencySchema = z
  .strictObject({
    name: z
      .string()
      .min(1)
      .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash, underscore'),
    from: GroupSelectorSchema,
    to: GroupSelectorSchema,
    protocol: ProtocolSchema.default('tcp'),
    /** Required for tcp/udp; ignored for icmp and all. */
    port: PortSchema.optional(),
    description: z.string().optional(),
  })
  .superRefine((dep, ctx) => {
    if ((dep.protocol === 'tcp' || dep.protocol === 'udp') && dep.port === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['port'],
        message: `a port is required for protocol ${dep.protocol}`,
      });
  });

export const AllowPublicSchema = z.strictObject({
  groups: GroupSelectorSchema,
  ports: z.array(PortOrRangeSchema).min(1),
  protocol: z.enum(['tcp', 'udp', 'any']).default('tcp'),
  /** Allow egress to the world on these ports (ingress otherwise). */
  direction: z.enum(['ingress', 'egress']).default('ingress'),
});

export const ActionSchema = z.enum(['notify', 'revert']);

/** Who may press Revert / Keep in Slack, and the signed links for everyone else (email, other chats). */
export const ApprovalsSchema = z.strictObject({
  /** Slack user ids (U… or, on Enterprise Grid, W…) allowed to decide. */
  slackUsers: z.array(z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'a Slack user id like U0123ABCD')).default([]),
  /** Slack user groups (S…) whose members may decide (needs the bot scope usergroups:read). */
  slackUserGroups: z
    .array(z.string().regex(/^S[A-Z0-9]{2,}$/, 'a Slack user group id like S0123ABCD'))
    .default([]),
  /** How long a signed link stays valid. */
  linkTtlHours: z
    .number()
    .positive()
    .max(24 * 30)
    .default(24),
  /** Base URL of the actions endpoint (the Lambda Function URL); signed links are only sent when set. */
  publicUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
});

export const ConfigSchema = z
  .strictObject({
    dependencies: z.array(DependencySchema).default([]),
    exposure: z
      .strictObject({
        allowPublic: z.array(AllowPublicSchema).default([]),
        /** Report egress open to the world (AWS's default egress rule is, so this is off by default). */
        reportEgress: z.boolean().default(false),
      })
      .default({ allowPublic: [], reportEgress: false }),
    actions: z
      .strictObject({
        'dependency-broken': ActionSchema.default('notify'),
        'world-exposure': ActionSchema.default('notify'),
      })
      .default({ 'dependency-broken': 'notify', 'world-exposure': 'notify' }),
    exemptions: z
      .strictObject({
        /** IAM ARNs (a trailing * matches a prefix) whose changes are notified, never reverted. */
        principals: z.array(z.string().min(1)).default([]),
        /** Tag on a security group holding an ISO-8601 time until which its changes are not reverted. */
        breakGlassTag: z.string().min(1).default('guardian:exempt-until'),
      })
      .default({ principals: [], breakGlassTag: 'guardian:exempt-until' }),
    approvals: ApprovalsSchema.default({ slackUsers: [], slackUserGroups: [], linkTtlHours: 24 }),
    deployment: DeploymentSchema.default(DEFAULT_DEPLOYMENT),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.dependencies.forEach((dep, i) => {
      if (seen.has(dep.name))
        ctx.addIssue({
          code: 'custom',
          path: ['dependencies', i, 'name'],
          message: `duplicate name "${dep.name}"`,
        });
      seen.add(dep.name);
    });
  });

export type GroupSelector = z.infer<typeof GroupSelectorSchema>;
export type Dependency = z.infer<typeof DependencySchema>;
export type AllowPublic = z.infer<typeof AllowPublicSchema>;
export type GuardianConfig = z.infer<typeof ConfigSchema>;
export type Action = z.infer<typeof ActionSchema>;
export type Approvals = z.infer<typeof ApprovalsSchema>;
