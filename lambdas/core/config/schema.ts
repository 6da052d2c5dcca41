import { z } from 'zod';
import { DEFAULT_WORLD_THRESHOLD } from './defaults';
import { DEFAULT_DEPLOYMENT, DeploymentSchema } from './deployment-schema';

export { DEFAULT_WORLD_THRESHOLD } from './defaults';

const TagsSchema = z.record(z.string(), z.string());

/** An attachment index (0 = primary ENI) or a list of them. */
const DEVICE_INDEX = 'a device index (0 = primary ENI) or a list of them, e.g. 1 or [0, 1]';
const DeviceIndexSchema = z.union(
  [z.number().int().min(0), z.array(z.number().int().min(0)).min(1, 'at least one device index')],
  { error: DEVICE_INDEX },
);

const SELECTOR_WAYS = ['groupId', 'groupName', 'tags', 'instanceTags'] as const;

/**
 * Selects ENIs: through security groups (groupId | groupName | tags: every ENI carrying them) or
 * through workloads (instanceTags: every ENI attached to a pending/running instance with those tags,
 * narrowed to the attachment indexes `deviceIndex` lists). Exactly one way to select; `vpcId` narrows any.
 */
export const EndpointSelectorSchema = z
  .strictObject({
    groupId: z
      .string()
      .regex(/^sg-[0-9a-zA-Z]+$/, 'a security group id like sg-0abc123')
      .optional(),
    groupName: z.string().min(1).optional(),
    tags: TagsSchema.optional(),
    instanceTags: TagsSchema.refine((t) => Object.keys(t).length > 0, 'at least one tag, e.g. { Role: web }')
      .meta({ minProperties: 1 })
      .optional()
      .describe('Select the ENIs of pending/running instances carrying all these tags'),
    deviceIndex: DeviceIndexSchema.optional().describe(
      'With instanceTags only: keep the ENIs attached at these device indexes (0 = primary)',
    ),
    vpcId: z
      .string()
      .regex(/^vpc-[0-9a-zA-Z]+$/)
      .optional()
      .describe('Narrow a name, tag or instance-tag match to one VPC'),
  })
  .superRefine((s, ctx) => {
    if (SELECTOR_WAYS.filter((way) => s[way] !== undefined).length !== 1)
      ctx.addIssue({ code: 'custom', message: 'exactly one of groupId, groupName, tags or instanceTags' });
    if (s.deviceIndex !== undefined && s.instanceTags === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['deviceIndex'],
        message: 'deviceIndex narrows an instanceTags selector: add instanceTags or remove deviceIndex',
      });
  })
  // The refinements above, for editors (zod cannot derive them into the JSON Schema).
  .meta({
    oneOf: SELECTOR_WAYS.map((way) => ({ required: [way] })),
    dependentRequired: { deviceIndex: ['instanceTags'] },
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
    from: EndpointSelectorSchema,
    to: EndpointSelectorSchema,
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
  /** The groups allowed; instanceTags allows the groups carried by the selected instances' ENIs. */
  groups: EndpointSelectorSchema,
  ports: z.array(PortOrRangeSchema).min(1),
  protocol: z.enum(['tcp', 'udp', 'any']).default('tcp'),
  /** Allow egress to the world on these ports (ingress otherwise). */
  direction: z.enum(['ingress', 'egress']).default('ingress'),
});

/**
 * What counts as the world: the public addresses a group admits on a port (every rule and prefix list
 * together, private and special ranges left out) are the world when they are at least as many as one
 * block of this prefix length holds, or hold a whole such block. 0 = only a literal /0 counts.
 */
export const WorldThresholdSchema = z.strictObject({
  /** Default 8: a /8 (16.7M addresses) of public IPv4 is the world; an office /24 is not. */
  ipv4Prefix: z.number().int().min(0).max(32).default(8),
  /** Default 32: a /32 of public IPv6 (a whole ISP or RIR allocation) is the world; a /48 site is not. */
  ipv6Prefix: z.number().int().min(0).max(128).default(32),
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
        /** How much public address space counts as the world (see README "What counts as the world"). */
        world: WorldThresholdSchema.default(DEFAULT_WORLD_THRESHOLD),
      })
      .default({ allowPublic: [], reportEgress: false, world: DEFAULT_WORLD_THRESHOLD }),
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
        /** Longest break-glass honoured, in hours from when the tag was set (README "Break-glass"). */
        breakGlassMaxHours: z
          .number()
          .positive()
          .max(24 * 366)
          .default(24)
          .describe('Longest break-glass exemption honoured, in hours from when the tag was set'),
      })
      .default({ principals: [], breakGlassTag: 'guardian:exempt-until', breakGlassMaxHours: 24 }),
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

export type EndpointSelector = z.infer<typeof EndpointSelectorSchema>;
export type Dependency = z.infer<typeof DependencySchema>;
export type AllowPublic = z.infer<typeof AllowPublicSchema>;
export type GuardianConfig = z.infer<typeof ConfigSchema>;
export type Action = z.infer<typeof ActionSchema>;
export type Approvals = z.infer<typeof ApprovalsSchema>;
export type WorldThreshold = z.infer<typeof WorldThresholdSchema>;
