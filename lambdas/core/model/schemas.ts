/**
 * zod schemas for the `aws ec2 describe-*` outputs of a snapshot folder. Unknown extra keys are
 * accepted (AWS adds fields); the fields the engine uses are checked, and protocols and CIDRs come
 * out normalised. Written with zod mini (util/zod-mini.ts); shared pieces in schema-parts.ts.
 */
import { resourceIdSchema as id } from '../util/resource-ids';
import * as z from '../util/zod-mini';
import { checkPorts, cidr, cidrV4, cidrV6, listOf, port, protocol, Tags, text } from './schema-parts';

// Each document schema is built on its first parse (z.lazy): a cold start builds none of them, and a
// container only ever builds those of the documents it reads (BENCHMARKS.md, Cold start).

export const IpPermissionSchema = z.lazy(() =>
  z
    .object({
      IpProtocol: protocol,
      FromPort: z.optional(port),
      ToPort: z.optional(port),
      IpRanges: listOf(z.object({ CidrIp: cidrV4, Description: z.optional(text) })),
      Ipv6Ranges: listOf(z.object({ CidrIpv6: cidrV6, Description: z.optional(text) })),
      PrefixListIds: listOf(z.object({ PrefixListId: id('prefix-list'), Description: z.optional(text) })),
      UserIdGroupPairs: listOf(
        z.object({
          GroupId: id('security-group'),
          UserId: z.optional(text),
          VpcId: z.optional(text),
          Description: z.optional(text),
        }),
      ),
    })
    .check(z.superRefine(checkPorts)),
);

export const SecurityGroupsDocumentSchema = z.lazy(() =>
  z.object({
    SecurityGroups: z.array(
      z.object({
        GroupId: id('security-group'),
        GroupName: text,
        VpcId: z.optional(text),
        OwnerId: z.optional(text),
        Description: z.optional(text),
        Tags,
        IpPermissions: listOf(IpPermissionSchema),
        IpPermissionsEgress: listOf(IpPermissionSchema),
      }),
    ),
  }),
);

export const SecurityGroupRulesDocumentSchema = z.lazy(() =>
  z.object({
    SecurityGroupRules: z.array(
      z
        .object({
          SecurityGroupRuleId: id('security-group-rule'),
          GroupId: id('security-group'),
          GroupOwnerId: z.optional(text),
          IsEgress: z.boolean(),
          IpProtocol: protocol,
          FromPort: z.optional(port),
          ToPort: z.optional(port),
          CidrIpv4: z.optional(cidrV4),
          CidrIpv6: z.optional(cidrV6),
          PrefixListId: z.optional(id('prefix-list')),
          ReferencedGroupInfo: z.optional(
            z.object({ GroupId: id('security-group'), UserId: z.optional(text), VpcId: z.optional(text) }),
          ),
          Description: z.optional(text),
        })
        .check(
          z.superRefine((rule, ctx) => {
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
    ),
  }),
);

export const NetworkInterfacesDocumentSchema = z.lazy(() =>
  z.object({
    NetworkInterfaces: z.array(
      z.object({
        NetworkInterfaceId: id('network-interface'),
        SubnetId: id('subnet'),
        VpcId: id('vpc'),
        PrivateIpAddress: z.optional(text),
        PrivateIpAddresses: listOf(z.object({ PrivateIpAddress: text, Primary: z.optional(z.boolean()) })),
        Ipv6Addresses: listOf(z.object({ Ipv6Address: text })),
        Groups: listOf(z.object({ GroupId: id('security-group'), GroupName: z.optional(text) })),
        Attachment: z.optional(
          z.object({ InstanceId: z.optional(text), DeviceIndex: z.optional(port), AttachmentId: z.optional(text) }),
        ),
        Description: z.optional(text),
        InterfaceType: z.optional(text),
        RequesterManaged: z.optional(z.boolean()),
        RequesterId: z.optional(text),
      }),
    ),
  }),
);

const NaclEntrySchema = z.lazy(() =>
  z
    .object({
      RuleNumber: port,
      Protocol: protocol,
      RuleAction: z.enum(['allow', 'deny']),
      Egress: z.boolean(),
      CidrBlock: z.optional(cidrV4),
      Ipv6CidrBlock: z.optional(cidrV6),
      PortRange: z.optional(z.object({ From: port, To: port })),
      IcmpTypeCode: z.optional(z.object({ Code: port, Type: port })),
    })
    .check(
      z.superRefine((entry, ctx) => {
        if ((entry.CidrBlock === undefined) === (entry.Ipv6CidrBlock === undefined))
          ctx.addIssue({ code: 'custom', message: 'expected exactly one of CidrBlock, Ipv6CidrBlock' });
      }),
    ),
);

export const NetworkAclsDocumentSchema = z.lazy(() =>
  z.object({
    NetworkAcls: z.array(
      z.object({
        NetworkAclId: id('network-acl'),
        VpcId: id('vpc'),
        IsDefault: z.boolean(),
        Entries: listOf(NaclEntrySchema),
        Associations: listOf(z.object({ NetworkAclAssociationId: text, NetworkAclId: z.optional(text), SubnetId: text })),
        Tags,
      }),
    ),
  }),
);

export const PrefixListsDocumentSchema = z.lazy(() =>
  z.object({
    PrefixLists: z.array(
      z.object({
        PrefixListId: id('prefix-list'),
        PrefixListName: z.optional(text),
        AddressFamily: z.optional(z.enum(['IPv4', 'IPv6'])),
      }),
    ),
  }),
);

export const PrefixListEntriesDocumentSchema = z.lazy(() =>
  z.object({
    Entries: listOf(z.object({ Cidr: cidr, Description: z.optional(text) })),
  }),
);

/** `aws ec2 describe-instances`: instances grouped in reservations; the engine reads ids, state, tags, ENIs. */
export const InstancesDocumentSchema = z.lazy(() =>
  z.object({
    Reservations: z.array(
      z.object({
        Instances: listOf(
          z.object({
            InstanceId: id('instance'),
            State: z.object({ Name: text }),
            Tags,
            VpcId: z.optional(text),
            SubnetId: z.optional(text),
            NetworkInterfaces: listOf(
              z.object({
                NetworkInterfaceId: id('network-interface'),
                Attachment: z.optional(
                  z.object({ DeviceIndex: port, AttachmentId: z.optional(text), NetworkCardIndex: z.optional(port) }),
                ),
                Groups: listOf(z.object({ GroupId: id('security-group'), GroupName: z.optional(text) })),
                SubnetId: z.optional(text),
              }),
            ),
          }),
        ),
      }),
    ),
  }),
);

export const LaunchTemplatesDocumentSchema = z.lazy(() =>
  z.object({
    LaunchTemplates: z.array(
      z.object({
        LaunchTemplateId: id('launch-template'),
        LaunchTemplateName: z.optional(text),
        DefaultVersionNumber: port,
        LatestVersionNumber: z.optional(port),
        Tags,
      }),
    ),
  }),
);

/** LaunchTemplateData as DescribeLaunchTemplateVersions returns it (ResponseLaunchTemplateData). */
const LaunchTemplateDataSchema = z.lazy(() =>
  z.object({
    NetworkInterfaces: listOf(
      z.object({
        DeviceIndex: z.optional(port),
        /** Security group ids (a list of strings here, unlike describe-instances). */
        Groups: listOf(id('security-group')),
        SubnetId: z.optional(text),
        NetworkCardIndex: z.optional(port),
      }),
    ),
    SecurityGroupIds: listOf(id('security-group')),
    SecurityGroups: listOf(text),
    TagSpecifications: listOf(z.object({ ResourceType: z.optional(text), Tags })),
  }),
);

export const LaunchTemplateVersionsDocumentSchema = z.lazy(() =>
  z.object({
    LaunchTemplateVersions: z.array(
      z.object({
        LaunchTemplateId: id('launch-template'),
        LaunchTemplateName: z.optional(text),
        VersionNumber: port,
        DefaultVersion: z._default(z.boolean(), false),
        LaunchTemplateData: z.prefault(LaunchTemplateDataSchema, {}),
      }),
    ),
  }),
);

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
