import {
  DescribeInstancesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeManagedPrefixListsCommand,
  DescribeNetworkAclsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  type Filter,
  GetManagedPrefixListEntriesCommand,
} from '@aws-sdk/client-ec2';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import { smallSnapshotDocs } from '../../../core/model/fixture-docs';

/** Fake credentials and region: no test talks to AWS. */
export const TEST_CLIENT_CONFIG = {
  region: 'eu-west-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
} as const;

export function mockedEc2(): { client: EC2Client; ec2: AwsClientStub<EC2Client> } {
  const client = new EC2Client(TEST_CLIENT_CONFIG);
  return { client, ec2: mockClient(client) };
}

type Item = Record<string, unknown>;
type Keys = Record<string, (item: Item) => unknown[]>;

const list = (value: unknown): Item[] => (Array.isArray(value) ? (value as Item[]) : []);

/** EC2 filter semantics: every filter must match (AND), any of its values (OR). */
function select(items: readonly Item[], filters: readonly Filter[] | undefined, keys: Keys): Item[] {
  return items.filter((item) =>
    (filters ?? []).every((f) => {
      const key = keys[f.Name ?? ''];
      if (!key) throw new Error(`fake EC2 does not know filter ${f.Name}`);
      return key(item).some((v) => (f.Values ?? []).includes(String(v)));
    }),
  );
}

/** An EC2 mock answering describe calls from the small fixture snapshot, honouring filters. */
export function serveSmallSnapshot(ec2: AwsClientStub<EC2Client>): void {
  const docs = smallSnapshotDocs();
  const json = (file: { json: unknown }, key: string) => list((file.json as Item)[key]);
  const groups = json(docs.securityGroups, 'SecurityGroups');
  const rules = json(docs.securityGroupRules, 'SecurityGroupRules');
  const enis = json(docs.networkInterfaces, 'NetworkInterfaces');
  const nacls = json(docs.networkAcls, 'NetworkAcls');
  // AWS-managed lists (com.amazonaws.*) are owned by 'AWS', as EC2 reports them.
  const lists = json(docs.prefixLists, 'PrefixLists').map((p) =>
    String(p.PrefixListName).startsWith('com.amazonaws.') ? { ...p, OwnerId: 'AWS' } : p,
  );
  ec2.on(DescribeSecurityGroupsCommand).callsFake((input) => ({
    SecurityGroups: select(groups, input.Filters, { 'group-id': (g) => [g.GroupId] }),
  }));
  ec2.on(DescribeSecurityGroupRulesCommand).callsFake((input) => ({
    SecurityGroupRules: select(rules, input.Filters, {
      'group-id': (r) => [r.GroupId],
      'security-group-rule-id': (r) => [r.SecurityGroupRuleId],
    }),
  }));
  ec2.on(DescribeNetworkInterfacesCommand).callsFake((input) => ({
    NetworkInterfaces: select(enis, input.Filters, {
      'group-id': (e) => list(e.Groups).map((g) => g.GroupId),
      'network-interface-id': (e) => [e.NetworkInterfaceId],
    }),
  }));
  ec2.on(DescribeNetworkAclsCommand).callsFake((input) => ({
    NetworkAcls: select(nacls, input.Filters, {
      'association.subnet-id': (n) => list(n.Associations).map((a) => a.SubnetId),
      'association.association-id': (n) => list(n.Associations).map((a) => a.NetworkAclAssociationId),
      'network-acl-id': (n) => [n.NetworkAclId],
    }),
  }));
  ec2.on(DescribeManagedPrefixListsCommand).callsFake((input) => ({
    PrefixLists: select(lists, input.Filters, { 'prefix-list-id': (p) => [p.PrefixListId] }),
  }));
  serveWorkloads(ec2, docs);
  ec2.on(GetManagedPrefixListEntriesCommand).callsFake((input) => ({
    Entries: json(docs.prefixListEntries[input.PrefixListId ?? ''] ?? { json: {} }, 'Entries'),
  }));
}

/** An EC2 client error as the SDK raises it (e.g. InvalidLaunchTemplateId.NotFound, HTTP 400). */
function clientError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 400 } });
}

/**
 * Instances (filter instance-id) and launch templates as EC2 answers them: LaunchTemplateIds and a
 * LaunchTemplateId that does not exist fail the whole call; Versions takes numbers, $Default, $Latest.
 */
function serveWorkloads(ec2: AwsClientStub<EC2Client>, docs: ReturnType<typeof smallSnapshotDocs>): void {
  const json = (file: { json: unknown }, key: string) => list((file.json as Item)[key]);
  const reservations = json(docs.instances, 'Reservations');
  const templates = json(docs.launchTemplates, 'LaunchTemplates');
  const versions = json(docs.launchTemplateVersions, 'LaunchTemplateVersions');
  const template = (id: string | undefined) => {
    const found = templates.find((t) => t.LaunchTemplateId === id);
    if (!found)
      throw clientError('InvalidLaunchTemplateId.NotFound', `The specified launch template, with template ID ${id}, does not exist.`);
    return found;
  };
  ec2.on(DescribeInstancesCommand).callsFake((input) => ({
    Reservations: reservations
      .map((r) => ({ ...r, Instances: select(list(r.Instances), input.Filters, { 'instance-id': (i) => [i.InstanceId] }) }))
      .filter((r) => r.Instances.length > 0),
  }));
  ec2.on(DescribeLaunchTemplatesCommand).callsFake((input) => ({
    LaunchTemplates: input.LaunchTemplateIds ? input.LaunchTemplateIds.map(template) : templates,
  }));
  ec2.on(DescribeLaunchTemplateVersionsCommand).callsFake((input) => {
    const t = template(input.LaunchTemplateId);
    const wanted: unknown[] = (input.Versions ?? []).map((v: string) =>
      v === '$Default' ? t.DefaultVersionNumber : v === '$Latest' ? t.LatestVersionNumber : Number(v),
    );
    const of = versions.filter((v) => v.LaunchTemplateId === t.LaunchTemplateId);
    if (wanted.some((n: unknown) => !of.some((v) => v.VersionNumber === n)))
      throw clientError('InvalidLaunchTemplateId.VersionNotFound', `Could not find launch template version ${wanted.join(', ')}`);
    return { LaunchTemplateVersions: input.Versions ? of.filter((v) => wanted.includes(v.VersionNumber)) : of };
  });
}
