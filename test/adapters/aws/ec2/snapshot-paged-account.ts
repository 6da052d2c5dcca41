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
  GetManagedPrefixListEntriesCommand,
} from '@aws-sdk/client-ec2';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { smallSnapshotDocs } from '../../../core/model/fixture-docs';

type Item = Record<string, unknown>;

const list = (json: unknown, key: string): Item[] => ((json as Record<string, Item[]>)[key] ?? []).slice();

/** One page of `items` after NextToken (an offset), at most `perPage` long. */
function pageOf(items: readonly Item[], perPage: number, token: string | undefined) {
  const start = Number(token ?? 0);
  const end = start + perPage;
  return { items: items.slice(start, end), next: end < items.length ? String(end) : undefined };
}

/**
 * An unfiltered EC2 mock of the small fixture account answering `perPage` items per page (fewer than
 * MaxResults, as EC2 may), so every API needs several pages. The AWS-managed list is owned by 'AWS'.
 */
export function servePagedSmallSnapshot(ec2: AwsClientStub<EC2Client>, perPage = 1): void {
  const docs = smallSnapshotDocs();
  const groups = list(docs.securityGroups.json, 'SecurityGroups');
  const rules = list(docs.securityGroupRules.json, 'SecurityGroupRules');
  const enis = list(docs.networkInterfaces.json, 'NetworkInterfaces');
  const nacls = list(docs.networkAcls.json, 'NetworkAcls');
  const lists = list(docs.prefixLists.json, 'PrefixLists').map((p) =>
    String(p.PrefixListName).startsWith('com.amazonaws.') ? { ...p, OwnerId: 'AWS' } : p,
  );
  const entries = (id: string) => list(docs.prefixListEntries[id]?.json ?? {}, 'Entries');
  const reservations = list(docs.instances.json, 'Reservations');
  const templates = list(docs.launchTemplates.json, 'LaunchTemplates');
  const versions = list(docs.launchTemplateVersions.json, 'LaunchTemplateVersions');
  ec2.on(DescribeSecurityGroupsCommand).callsFake((input) => {
    const page = pageOf(groups, perPage, input.NextToken);
    return { SecurityGroups: page.items, NextToken: page.next };
  });
  ec2.on(DescribeSecurityGroupRulesCommand).callsFake((input) => {
    const page = pageOf(rules, perPage, input.NextToken);
    return { SecurityGroupRules: page.items, NextToken: page.next };
  });
  ec2.on(DescribeNetworkInterfacesCommand).callsFake((input) => {
    const page = pageOf(enis, perPage, input.NextToken);
    return { NetworkInterfaces: page.items, NextToken: page.next };
  });
  ec2.on(DescribeNetworkAclsCommand).callsFake((input) => {
    const page = pageOf(nacls, perPage, input.NextToken);
    return { NetworkAcls: page.items, NextToken: page.next };
  });
  ec2.on(DescribeManagedPrefixListsCommand).callsFake((input) => {
    const page = pageOf(lists, perPage, input.NextToken);
    return { PrefixLists: page.items, NextToken: page.next };
  });
  ec2.on(DescribeInstancesCommand).callsFake((input) => {
    const page = pageOf(reservations, perPage, input.NextToken);
    return { Reservations: page.items, NextToken: page.next };
  });
  ec2.on(DescribeLaunchTemplatesCommand).callsFake((input) => {
    const page = pageOf(templates, perPage, input.NextToken);
    return { LaunchTemplates: page.items, NextToken: page.next };
  });
  ec2.on(DescribeLaunchTemplateVersionsCommand).callsFake((input) => {
    const page = pageOf(
      versions.filter((v) => v.LaunchTemplateId === input.LaunchTemplateId),
      perPage,
      input.NextToken,
    );
    return { LaunchTemplateVersions: page.items, NextToken: page.next };
  });
  ec2.on(GetManagedPrefixListEntriesCommand).callsFake((input) => {
    const page = pageOf(entries(input.PrefixListId ?? ''), perPage, input.NextToken);
    return { Entries: page.items, NextToken: page.next };
  });
}

/** An EC2 error as the SDK models it, e.g. UnauthorizedOperation (HTTP 403). */
export function ec2Error(name: string, message: string, status = 403): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: status } });
}
