import {
  DescribeInstancesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeManagedPrefixListsCommand,
  DescribeNetworkAclsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  type EC2Client,
  type Filter,
  GetManagedPrefixListEntriesCommand,
  type LaunchTemplate,
  type LaunchTemplateVersion,
  type ManagedPrefixList,
  type NetworkAcl,
  type NetworkInterface,
  type PrefixListEntry,
  type Reservation,
  type SecurityGroup,
  type SecurityGroupRule,
} from '@aws-sdk/client-ec2';
import type { Page } from './ec2-paginate';

/** What every paginated describe call takes. */
export interface PageInput {
  readonly NextToken?: string;
  readonly MaxResults: number;
  readonly Filters?: Filter[];
}

/** One paginated EC2 read: its API name, its MaxResults range and how to fetch one page. */
export interface Query<T, Extra = object> {
  readonly api: string;
  readonly pageSize: { readonly min: number; readonly max: number };
  page(client: EC2Client, input: PageInput & Extra): Promise<Page<T>>;
  /** Resources one item holds, for progress (a reservation holds instances); default 1. */
  readonly size?: (item: T) => number;
}

// MaxResults ranges from the EC2 API reference. Filters are used instead of id lists everywhere:
// an id that no longer exists then drops out instead of failing the whole read (InvalidGroup.NotFound),
// and DescribeNetworkInterfaces refuses MaxResults together with NetworkInterfaceIds.

export const securityGroups: Query<SecurityGroup> = {
  api: 'DescribeSecurityGroups',
  pageSize: { min: 5, max: 1000 },
  page: async (client, input) => {
    const out = await client.send(new DescribeSecurityGroupsCommand({ ...input }));
    return { items: out.SecurityGroups, nextToken: out.NextToken };
  },
};

export const securityGroupRules: Query<SecurityGroupRule> = {
  api: 'DescribeSecurityGroupRules',
  pageSize: { min: 5, max: 1000 },
  page: async (client, input) => {
    const out = await client.send(new DescribeSecurityGroupRulesCommand({ ...input }));
    return { items: out.SecurityGroupRules, nextToken: out.NextToken };
  },
};

export const networkInterfaces: Query<NetworkInterface> = {
  api: 'DescribeNetworkInterfaces',
  pageSize: { min: 5, max: 1000 },
  page: async (client, input) => {
    const out = await client.send(new DescribeNetworkInterfacesCommand({ ...input }));
    return { items: out.NetworkInterfaces, nextToken: out.NextToken };
  },
};

export const networkAcls: Query<NetworkAcl> = {
  api: 'DescribeNetworkAcls',
  pageSize: { min: 5, max: 100 },
  page: async (client, input) => {
    const out = await client.send(new DescribeNetworkAclsCommand({ ...input }));
    return { items: out.NetworkAcls, nextToken: out.NextToken };
  },
};

export const managedPrefixLists: Query<ManagedPrefixList> = {
  api: 'DescribeManagedPrefixLists',
  pageSize: { min: 1, max: 100 },
  page: async (client, input) => {
    const out = await client.send(new DescribeManagedPrefixListsCommand({ ...input }));
    return { items: out.PrefixLists, nextToken: out.NextToken };
  },
};

export const prefixListEntries: Query<PrefixListEntry, { readonly PrefixListId: string }> = {
  api: 'GetManagedPrefixListEntries',
  pageSize: { min: 1, max: 100 },
  page: async (client, input) => {
    const out = await client.send(new GetManagedPrefixListEntriesCommand({ ...input }));
    return { items: out.Entries, nextToken: out.NextToken };
  },
};

/** Pages count instances, not reservations: MaxResults limits instances (5..1000). */
export const instances: Query<Reservation> = {
  api: 'DescribeInstances',
  pageSize: { min: 5, max: 1000 },
  size: (reservation) => reservation.Instances?.length ?? 0,
  page: async (client, input) => {
    const out = await client.send(new DescribeInstancesCommand({ ...input }));
    return { items: out.Reservations, nextToken: out.NextToken };
  },
};

/** There is no launch-template-id filter: scoped reads name one template per call (LaunchTemplateIds). */
export const launchTemplates: Query<LaunchTemplate, { readonly LaunchTemplateIds?: string[] }> = {
  api: 'DescribeLaunchTemplates',
  pageSize: { min: 1, max: 200 },
  page: async (client, input) => {
    const out = await client.send(new DescribeLaunchTemplatesCommand({ ...input }));
    return { items: out.LaunchTemplates, nextToken: out.NextToken };
  },
};

/** Versions of one template: all of them when Versions is absent, else those (numbers, $Default, $Latest). */
export const launchTemplateVersions: Query<
  LaunchTemplateVersion,
  { readonly LaunchTemplateId: string; readonly Versions?: string[] }
> = {
  api: 'DescribeLaunchTemplateVersions',
  pageSize: { min: 1, max: 200 },
  page: async (client, input) => {
    const out = await client.send(new DescribeLaunchTemplateVersionsCommand({ ...input }));
    return { items: out.LaunchTemplateVersions, nextToken: out.NextToken };
  },
};
