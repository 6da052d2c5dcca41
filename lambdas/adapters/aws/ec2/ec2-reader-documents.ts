import type {
  LaunchTemplate,
  LaunchTemplateVersion,
  ManagedPrefixList,
  NetworkAcl,
  NetworkInterface,
  PrefixListEntry,
  Reservation,
  SecurityGroup,
  SecurityGroupRule,
} from '@aws-sdk/client-ec2';
import type { SnapshotDocuments, SnapshotFile } from '../../../core/model/documents';

/** What one read returned; an absent layer was not read. */
export interface ReadResult {
  readonly groups: readonly SecurityGroup[];
  readonly rules?: readonly SecurityGroupRule[];
  readonly enis: readonly NetworkInterface[];
  readonly nacls?: readonly NetworkAcl[];
  readonly prefixLists?: {
    readonly lists: readonly ManagedPrefixList[];
    readonly entries: ReadonlyMap<string, readonly PrefixListEntry[]>;
  };
  readonly instances?: readonly Reservation[];
  /** Templates and their versions, always read together (the model needs both files). */
  readonly launchTemplates?: {
    readonly templates: readonly LaunchTemplate[];
    readonly versions: readonly LaunchTemplateVersion[];
  };
}

/** The file name of an EC2 answer in error messages, e.g. `ec2:DescribeSecurityGroups`. */
export function ec2File(api: string, json: unknown): SnapshotFile {
  return { file: `ec2:${api}`, json };
}

/** The describe-* documents of a read, shaped exactly like the AWS CLI's JSON output. */
export function toDocuments(read: ReadResult): SnapshotDocuments {
  const { rules, nacls, prefixLists, instances, launchTemplates } = read;
  return {
    securityGroups: ec2File('DescribeSecurityGroups', { SecurityGroups: read.groups }),
    networkInterfaces: ec2File('DescribeNetworkInterfaces', { NetworkInterfaces: read.enis }),
    ...(rules
      ? { securityGroupRules: ec2File('DescribeSecurityGroupRules', { SecurityGroupRules: rules }) }
      : {}),
    ...(nacls ? { networkAcls: ec2File('DescribeNetworkAcls', { NetworkAcls: nacls }) } : {}),
    ...(prefixLists
      ? {
          prefixLists: ec2File('DescribeManagedPrefixLists', { PrefixLists: prefixLists.lists }),
          prefixListEntries: Object.fromEntries(
            [...prefixLists.entries].map(([id, entries]) => [
              id,
              ec2File(`GetManagedPrefixListEntries(${id})`, { Entries: entries }),
            ]),
          ),
        }
      : {}),
    ...(instances ? { instances: ec2File('DescribeInstances', { Reservations: instances }) } : {}),
    ...(launchTemplates
      ? {
          launchTemplates: ec2File('DescribeLaunchTemplates', { LaunchTemplates: launchTemplates.templates }),
          launchTemplateVersions: ec2File('DescribeLaunchTemplateVersions', {
            LaunchTemplateVersions: launchTemplates.versions,
          }),
        }
      : {}),
  };
}
