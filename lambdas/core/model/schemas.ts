/**
 * zod schemas for the `aws ec2 describe-*` outputs of a snapshot folder. Unknown extra keys are
 * accepted (AWS adds fields); the fields the engine uses are checked, and protocols and CIDRs come
 * out normalised.
 */
import { z } from 'zod';
import { normalizeCidr } from '../util/cidr';
import { hasPorts, normalizeProtocol } from '../util/protocol';
import { resourceIdSchema as id } from '../util/resource-ids';

const text = z.string();
const port = z.number().int();

/** An EC2 protocol ('tcp', '6', '-1', ...) normalised with normalizeProtocol. */
const protocol = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const normalized = normalizeProtocol(value);
  if (normalized === undefined) {
    ctx.addIssue({ code: 'custom', message: `not an IP protocol: ${JSON.stringify(value)}`, input: value });
    return z.NEVER;
  }
  return normalized;
});

/** A CIDR of one family (or either), normalised with normalizeCidr (strict: see util/cidr-strict.ts). */
function cidrOf(family?: 'ipv4' | 'ipv6') {
  return z.string().transform((value, ctx) => {
    const normalized = normalizeCidr(value);
    const wrongFamily = family !== undefined && normalized?.includes(':') !== (family === 'ipv6');
    if (normalized === undefined || wrongFamily) {
      const message =
        normalized === undefined
          ? `not a CIDR: ${JSON.stringify(value)}`
          : `expected an ${family === 'ipv6' ? 'IPv6' : 'IPv4'} CIDR, got ${JSON.stringify(value)}`;
      ctx.addIssue({ code: 'custom', message, input: value });
      return z.NEVER;
    }
    return normalized;
  });
}
const cidr = cidrOf();
const cidrV4 = cidrOf('ipv4');
const cidrV6 = cidrOf('ipv6');

const Tags = z.array(z.object({ Key: text, Value: text })).optional();

/** tcp/udp need both ports, in order; other protocols carry -1 or ICMP type/code. */
function checkPorts(
  rule: { IpProtocol: string; FromPort?: number | undefined; ToPort?: number | undefined },
  ctx: z.RefinementCtx,
): void {
  if (!hasPorts(rule.IpProtocol)) return;
  if (rule.FromPort === undefined || rule.ToPort === undefined) {
    const field = rule.FromPort === undefined ? 'FromPort' : 'ToPort';
    ctx.addIssue({ code: 'custom', path: [field], message: `missing (required for ${rule.IpProtocol})` });
  } else if (rule.FromPort > rule.ToPort) {
    ctx.addIssue({
      code: 'custom',
      path: ['ToPort'],
      message: `ToPort ${rule.ToPort} < FromPort ${rule.FromPort}`,
    });
  }
}

export const IpPermissionSchema = z
  .object({
    IpProtocol: protocol,
    FromPort: port.optional(),
    ToPort: port.optional(),
    IpRanges: z.array(z.object({ CidrIp: cidrV4, Description: text.optional() })).default([]),
    Ipv6Ranges: z.array(z.object({ CidrIpv6: cidrV6, Description: text.optional() })).default([]),
    PrefixListIds: z.array(z.object({ PrefixListId: id('prefix-list'), Description: text.optional() })).default([]),
    UserIdGroupPairs: z
      .array(
        z.object({
          GroupId: id('security-group'),
          UserId: text.optional(),
          VpcId: text.optional(),
          Description: text.optional(),
        }),
      )
      .default([]),
  })
  .superRefine(checkPorts);

export const SecurityGroupsDocumentSchema = z.object({
  SecurityGroups: z.array(
    z.object({
      GroupId: id('security-group'),
      GroupName: text,
      VpcId: text.optional(),
      OwnerId: text.optional(),
      Description: text.optional(),
      Tags,
      IpPermissions: z.array(IpPermissionSchema).default([]),
      IpPermissionsEgress: z.array(IpPermissionSchema).default([]),
    }),
  ),
});

export const SecurityGroupRulesDocumentSchema = z.object({
  SecurityGroupRules: z.array(
    z
      .object({
        SecurityGroupRuleId: id('security-group-rule'),
        GroupId: id('security-group'),
        GroupOwnerId: text.optional(),
        IsEgress: z.boolean(),
        IpProtocol: protocol,
        FromPort: port.optional(),
        ToPort: port.optional(),
        CidrIpv4: cidrV4.optional(),
        CidrIpv6: cidrV6.optional(),
        PrefixListId: id('prefix-list').optional(),
        ReferencedGroupInfo: z
          .object({ GroupId: id('security-group'), UserId: text.optional(), VpcId: text.optional() })
          .optional(),
        Description: text.optional(),
      })
      .superRefine((rule, ctx) => {
        checkPorts(rule, ctx);
        const peers = [rule.CidrIpv4, rule.CidrIpv6, rule.PrefixListId, rule.ReferencedGroupInfo];
        const count = peers.filter((p) => p !== undefined).length;
        if (count !== 1)
          ctx.addIssue({
            code: 'custom',
            message: `expected exactly one of CidrIpv4, CidrIpv6, PrefixListId, ReferencedGroupInfo (found ${count})`,
          });
      }),
  ),
});

export const NetworkInterfacesDocumentSchema = z.object({
  NetworkInterfaces: z.array(
    z.object({
      NetworkInterfaceId: id('network-interface'),
      SubnetId: id('subnet'),
      VpcId: id('vpc'),
      PrivateIpAddress: text.optional(),
      PrivateIpAddresses: z
        .array(z.object({ PrivateIpAddress: text, Primary: z.boolean().optional() }))
        .default([]),
      Ipv6Addresses: z.array(z.object({ Ipv6Address: text })).default([]),
      Groups: z.array(z.object({ GroupId: id('security-group'), GroupName: text.optional() })).default([]),
      Attachment: z
        .object({ InstanceId: text.optional(), DeviceIndex: port.optional(), AttachmentId: text.optional() })
        .optional(),
      Description: text.optional(),
      InterfaceType: text.optional(),
      RequesterManaged: z.boolean().optional(),
      RequesterId: text.optional(),
    }),
  ),
});

const NaclEntrySchema = z
  .object({
    RuleNumber: port,
    Protocol: protocol,
    RuleAction: z.enum(['allow', 'deny']),
    Egress: z.boolean(),
    CidrBlock: cidrV4.optional(),
    Ipv6CidrBlock: cidrV6.optional(),
    PortRange: z.object({ From: port, To: port }).optional(),
    IcmpTypeCode: z.object({ Code: port, Type: port }).optional(),
  })
  .superRefine((entry, ctx) => {
    if ((entry.CidrBlock === undefined) === (entry.Ipv6CidrBlock === undefined))
      ctx.addIssue({ code: 'custom', message: 'expected exactly one of CidrBlock, Ipv6CidrBlock' });
  });

export const NetworkAclsDocumentSchema = z.object({
  NetworkAcls: z.array(
    z.object({
      NetworkAclId: id('network-acl'),
      VpcId: id('vpc'),
      IsDefault: z.boolean(),
      Entries: z.array(NaclEntrySchema).default([]),
      Associations: z
        .array(z.object({ NetworkAclAssociationId: text, NetworkAclId: text.optional(), SubnetId: text }))
        .default([]),
      Tags,
    }),
  ),
});

export const PrefixListsDocumentSchema = z.object({
  PrefixLists: z.array(
    z.object({
      PrefixListId: id('prefix-list'),
      PrefixListName: text.optional(),
      AddressFamily: z.enum(['IPv4', 'IPv6']).optional(),
    }),
  ),
});

export const PrefixListEntriesDocumentSchema = z.object({
  Entries: z.array(z.object({ Cidr: cidr, Description: text.optional() })).default([]),
});

/** `aws ec2 describe-instances`: instances grouped in reservations; the engine reads ids, state, tags, ENIs. */
export const InstancesDocumentSchema = z.object({
  Reservations: z.array(
    z.object({
      Instances: z
        .array(
          z.object({
            InstanceId: id('instance'),
            State: z.object({ Name: text }),
            Tags,
            VpcId: text.optional(),
            SubnetId: text.optional(),
            NetworkInterfaces: z
              .array(
                z.object({
                  NetworkInterfaceId: id('network-interface'),
                  Attachment: z
                    .object({
                      DeviceIndex: port,
                      AttachmentId: text.optional(),
                      NetworkCardIndex: port.optional(),
                    })
                    .optional(),
                  Groups: z
                    .array(z.object({ GroupId: id('security-group'), GroupName: text.optional() }))
                    .default([]),
                  SubnetId: text.optional(),
                }),
              )
              .default([]),
          }),
        )
        .default([]),
    }),
  ),
});

export const LaunchTemplatesDocumentSchema = z.object({
  LaunchTemplates: z.array(
    z.object({
      LaunchTemplateId: id('launch-template'),
      LaunchTemplateName: text.optional(),
      DefaultVersionNumber: port,
      LatestVersionNumber: port.optional(),
      Tags,
    }),
  ),
});

/** LaunchTemplateData as DescribeLaunchTemplateVersions returns it (ResponseLaunchTemplateData). */
const LaunchTemplateDataSchema = z.object({
  NetworkInterfaces: z
    .array(
      z.object({
        DeviceIndex: port.optional(),
        /** Security group ids (a list of strings here, unlike describe-instances). */
        Groups: z.array(id('security-group')).default([]),
        SubnetId: text.optional(),
        NetworkCardIndex: port.optional(),
      }),
    )
    .default([]),
  SecurityGroupIds: z.array(id('security-group')).default([]),
  SecurityGroups: z.array(text).default([]),
  TagSpecifications: z.array(z.object({ ResourceType: text.optional(), Tags })).default([]),
});

export const LaunchTemplateVersionsDocumentSchema = z.object({
  LaunchTemplateVersions: z.array(
    z.object({
      LaunchTemplateId: id('launch-template'),
      LaunchTemplateName: text.optional(),
      VersionNumber: port,
      DefaultVersion: z.boolean().default(false),
      LaunchTemplateData: LaunchTemplateDataSchema.prefault({}),
    }),
  ),
});

export type IpPermissionDoc = z.output<typeof IpPermissionSchema>;
export type SecurityGroupDoc = z.output<typeof SecurityGroupsDocumentSchema>['SecurityGroups'][number];
export type SecurityGroupRuleDoc = z.output<
  typeof SecurityGroupRulesDocumentSchema
>['SecurityGroupRules'][number];
export type NetworkInterfaceDoc = z.output<
  typeof NetworkInterfacesDocumentSchema
>['NetworkInterfaces'][number];
export type NetworkAclDoc = z.output<typeof NetworkAclsDocumentSchema>['NetworkAcls'][number];
export type InstanceDoc = z.output<typeof InstancesDocumentSchema>['Reservations'][number]['Instances'][number];
export type LaunchTemplateDoc = z.output<typeof LaunchTemplatesDocumentSchema>['LaunchTemplates'][number];
export type LaunchTemplateVersionDoc = z.output<
  typeof LaunchTemplateVersionsDocumentSchema
>['LaunchTemplateVersions'][number];
