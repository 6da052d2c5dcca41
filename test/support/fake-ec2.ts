import {
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateNetworkAclEntryCommand,
  DeleteNetworkAclEntryCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeManagedPrefixListsCommand,
  DescribeNetworkAclsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  EC2ServiceException,
  GetManagedPrefixListEntriesCommand,
  ModifyInstanceAttributeCommand,
  ModifyNetworkInterfaceAttributeCommand,
  ModifySecurityGroupRulesCommand,
  ReplaceNetworkAclAssociationCommand,
  ReplaceNetworkAclEntryCommand,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import type { Change } from '../../lambdas/core/events/types';
import { serializeSnapshot } from '../../lambdas/core/model/serialize';
import type { NetworkModel } from '../../lambdas/core/model/types';
import { revertStepToChange } from '../../lambdas/core/revert/step-to-change';
import { applyChange } from '../../lambdas/core/state/apply-change';

type Filter = { Name?: string; Values?: string[] };

type Json = Record<string, unknown>;

/** Who made a call: the access key the calling client signed with, and its region. */
export interface Caller {
  readonly accessKeyId: string;
  readonly region: string;
}

/** One call as the fake EC2 received it. */
export interface FakeEc2Call {
  readonly api: string;
  readonly input: Json;
  readonly caller: Caller;
}

/**
 * An in-memory EC2 behind aws-sdk-client-mock: describes (groups, rules, ENIs, NACLs, prefix lists and
 * their entries, instances, launch templates and versions) answer from a core model, writes change it
 * through the core's applyChange (so a revert really restores the state), and AWS's idempotency errors
 * come back where AWS would send them. Every call is recorded.
 */
export class FakeEc2 {
  readonly mock: AwsClientStub<EC2Client>;
  /** Every write, with the credentials and region of the client that made it. */
  readonly writes: FakeEc2Call[] = [];
  /** Every call (reads and writes), in order, with who made it. */
  readonly calls: FakeEc2Call[] = [];
  private nextRule = 1;

  constructor(public model: NetworkModel) {
    this.mock = mockClient(EC2Client);
    this.describes();
    for (const [api, command] of WRITES)
      this.mock.on(command as never).callsFake(this.signed(api, (input, caller) => this.write(api, input, caller)));
  }

  /**
   * Resolves the calling client's credentials and region first, as the SDK's signer would (so a member
   * client whose role cannot be assumed fails here as it would against AWS), and records them with the call.
   */
  private signed<T>(api: string, answer: (input: Json, caller: Caller) => T) {
    return async (input: Json, getClient: () => EC2Client): Promise<T> => {
      const config = getClient().config;
      const credentials = await config.credentials();
      const caller = { accessKeyId: credentials.accessKeyId, region: await config.region() };
      this.calls.push({ api, input, caller });
      return answer(input, caller);
    };
  }

  restore(): void {
    this.mock.restore();
  }

  /** Every DescribeSecurityGroups fails with `error` until heal(). */
  failGroupReads(error: Error): void {
    this.mock.on(DescribeSecurityGroupsCommand).rejects(error);
  }

  heal(): void {
    this.describes();
  }

  private files(): Record<string, Json> {
    return serializeSnapshot(this.model) as Record<string, Json>;
  }

  private describes(): void {
    const list = (file: string, key: string) => (this.files()[file]?.[key] ?? []) as Json[];
    const groups = (x: Json) => ((x.Groups as Json[]) ?? []).map((g) => g.GroupId);
    const associations = (n: Json) => (n.Associations as Json[]) ?? [];
    this.mock.on(DescribeSecurityGroupsCommand).callsFake(this.signed('DescribeSecurityGroups', (input: Json) => ({
      SecurityGroups: select(
        list('describe-security-groups.json', 'SecurityGroups'),
        input,
        'GroupIds',
        'GroupId',
        {
          'group-id': (g) => [g.GroupId],
        },
      ),
    })));
    this.mock.on(DescribeSecurityGroupRulesCommand).callsFake(this.signed('DescribeSecurityGroupRules', (input: Json) => ({
      SecurityGroupRules: select(
        list('describe-security-group-rules.json', 'SecurityGroupRules'),
        input,
        'SecurityGroupRuleIds',
        'SecurityGroupRuleId',
        { 'group-id': (r) => [r.GroupId], 'security-group-rule-id': (r) => [r.SecurityGroupRuleId] },
      ),
    })));
    this.mock.on(DescribeNetworkInterfacesCommand).callsFake(this.signed('DescribeNetworkInterfaces', (input: Json) => ({
      NetworkInterfaces: select(
        list('describe-network-interfaces.json', 'NetworkInterfaces'),
        input,
        'NetworkInterfaceIds',
        'NetworkInterfaceId',
        {
          'group-id': groups,
          'subnet-id': (e) => [e.SubnetId],
          'network-interface-id': (e) => [e.NetworkInterfaceId],
        },
      ),
    })));
    this.mock.on(DescribeNetworkAclsCommand).callsFake(this.signed('DescribeNetworkAcls', (input: Json) => ({
      NetworkAcls: select(
        list('describe-network-acls.json', 'NetworkAcls'),
        input,
        'NetworkAclIds',
        'NetworkAclId',
        {
          'association.subnet-id': (n) => associations(n).map((a) => a.SubnetId),
          'association.association-id': (n) => associations(n).map((a) => a.NetworkAclAssociationId),
          'network-acl-id': (n) => [n.NetworkAclId],
        },
      ),
    })));
    this.mock.on(DescribeManagedPrefixListsCommand).callsFake(this.signed('DescribeManagedPrefixLists', (input: Json) => ({
      PrefixLists: select(list('describe-managed-prefix-lists.json', 'PrefixLists'), input, 'PrefixListIds', 'PrefixListId', {
        'prefix-list-id': (p) => [p.PrefixListId],
      }),
    })));
    this.mock.on(GetManagedPrefixListEntriesCommand).callsFake(this.signed('GetManagedPrefixListEntries', (input: Json) => {
      const entries = this.files()[`get-managed-prefix-list-entries/${input.PrefixListId as string}.json`];
      const known = list('describe-managed-prefix-lists.json', 'PrefixLists').some((p) => p.PrefixListId === input.PrefixListId);
      if (!entries && known) return { Entries: [] };
      if (!entries) throw awsError('InvalidPrefixListID.NotFound', `The prefix list ID '${input.PrefixListId}' does not exist`);
      return entries;
    }));
    this.workloadDescribes(list);
  }

  /** DescribeInstances (reservations), DescribeLaunchTemplates and DescribeLaunchTemplateVersions, from the model. */
  private workloadDescribes(list: (file: string, key: string) => Json[]): void {
    const instancesOf = (r: Json) => (r.Instances as Json[]) ?? [];
    this.mock.on(DescribeInstancesCommand).callsFake(this.signed('DescribeInstances', (input: Json) => {
      const reservations = list('describe-instances.json', 'Reservations').map((r) => ({
        ...r,
        Instances: select(instancesOf(r), input, 'InstanceIds', 'InstanceId', {
          'instance-id': (i) => [i.InstanceId],
          'instance-state-name': (i) => [(i.State as Json | undefined)?.Name],
          'network-interface.network-interface-id': (i) =>
            ((i.NetworkInterfaces as Json[]) ?? []).map((n) => n.NetworkInterfaceId),
        }),
      }));
      return { Reservations: reservations.filter((r) => r.Instances.length > 0) };
    }));
    this.mock.on(DescribeLaunchTemplatesCommand).callsFake(this.signed('DescribeLaunchTemplates', (input: Json) => ({
      LaunchTemplates: select(list('describe-launch-templates.json', 'LaunchTemplates'), input, 'LaunchTemplateIds', 'LaunchTemplateId', {
        'launch-template-name': (t) => [t.LaunchTemplateName],
      }),
    })));
    this.mock.on(DescribeLaunchTemplateVersionsCommand).callsFake(this.signed('DescribeLaunchTemplateVersions', (input: Json) => {
      const all = list('describe-launch-template-versions.json', 'LaunchTemplateVersions');
      const template = list('describe-launch-templates.json', 'LaunchTemplates').find(
        (t) => t.LaunchTemplateId === input.LaunchTemplateId,
      );
      if (input.LaunchTemplateId && !template)
        throw awsError('InvalidLaunchTemplateId.NotFound', `The specified launch template, with template ID ${input.LaunchTemplateId}, does not exist.`);
      const wanted = (input.Versions as string[] | undefined)?.map((v) =>
        v === '$Default' ? String(template?.DefaultVersionNumber) : v === '$Latest' ? String(template?.LatestVersionNumber) : v,
      );
      return {
        LaunchTemplateVersions: all.filter(
          (v) =>
            (!input.LaunchTemplateId || v.LaunchTemplateId === input.LaunchTemplateId) &&
            (!wanted || wanted.includes(String(v.VersionNumber))),
        ),
      };
    }));
  }

  private write(api: string, input: Json, caller: Caller): Json {
    this.writes.push({ api, input, caller });
    let change = revertStepToChange({ api, input, iamAction: `ec2:${api}`, summary: '' });
    if (!change) throw awsError('InvalidParameterValue', `fake EC2 cannot apply ${api}`);
    if (change.kind === 'sg-rules-added')
      change = {
        ...change,
        rules: change.rules.map((r) => ({ ...r, ruleId: `sgr-0fake${this.nextRule++}` })),
      };
    const result = applyChange(this.model, change);
    if (!result.effective) throw awsError(...idempotencyError(change));
    this.model = result.model;
    return { Return: true };
  }
}

function idempotencyError(change: Change): [string, string] {
  switch (change.kind) {
    case 'sg-rules-added':
      return ['InvalidPermission.Duplicate', 'the specified rule already exists'];
    case 'sg-rules-removed':
      return change.ruleIds.length
        ? ['InvalidSecurityGroupRuleId.NotFound', 'rule not found']
        : ['InvalidPermission.NotFound', 'rule not found'];
    case 'nacl-entry-created':
      return ['NetworkAclEntryAlreadyExists', 'entry exists'];
    default:
      return ['InvalidParameterValue', `no effect: ${change.kind}`];
  }
}

function awsError(name: string, message: string): EC2ServiceException {
  return new EC2ServiceException({ name, message, $fault: 'client', $metadata: { httpStatusCode: 400 } });
}

function select(
  items: Json[],
  input: Json,
  idsKey: string,
  idField: string,
  filters: Record<string, (x: Json) => unknown[]>,
): Json[] {
  const ids = input[idsKey] as string[] | undefined;
  return items.filter(
    (item) =>
      (!ids || ids.includes(item[idField] as string)) &&
      ((input.Filters as Filter[] | undefined) ?? []).every((f) => {
        const read = filters[f.Name ?? ''];
        if (!read) throw new Error(`fake EC2: filter ${f.Name} is not supported`);
        return read(item).some((v) => (f.Values ?? []).includes(v as string));
      }),
  );
}

const WRITES: [string, unknown][] = [
  ['AuthorizeSecurityGroupIngress', AuthorizeSecurityGroupIngressCommand],
  ['AuthorizeSecurityGroupEgress', AuthorizeSecurityGroupEgressCommand],
  ['RevokeSecurityGroupIngress', RevokeSecurityGroupIngressCommand],
  ['RevokeSecurityGroupEgress', RevokeSecurityGroupEgressCommand],
  ['ModifySecurityGroupRules', ModifySecurityGroupRulesCommand],
  ['ModifyNetworkInterfaceAttribute', ModifyNetworkInterfaceAttributeCommand],
  ['ModifyInstanceAttribute', ModifyInstanceAttributeCommand],
  ['CreateNetworkAclEntry', CreateNetworkAclEntryCommand],
  ['ReplaceNetworkAclEntry', ReplaceNetworkAclEntryCommand],
  ['DeleteNetworkAclEntry', DeleteNetworkAclEntryCommand],
  ['ReplaceNetworkAclAssociation', ReplaceNetworkAclAssociationCommand],
];
