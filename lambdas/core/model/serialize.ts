import { SNAPSHOT_FILES } from './documents';
import { toIpPermissions } from './ip-permissions';
import { serializeEnis, serializeNacls, serializePrefixLists, tagList } from './serialize-network';
import { serializeWorkloads } from './serialize-workloads';
import type { NetworkModel, SecurityGroup, SgRule } from './types';

/**
 * Writes the model back as snapshot files in `aws ec2 describe-*` format, keyed by file name
 * (prefix list entries as `get-managed-prefix-list-entries/<pl-id>.json`). Optional files are written
 * for the layers the model covers. describe-security-group-rules.json needs an id on every rule:
 * when a rule has none (e.g. re-added by a revert), the file is left out rather than ids invented.
 * Instances and launch templates are written when the model covers them.
 */
export function serializeSnapshot(model: NetworkModel): Record<string, unknown> {
  const groups = [...model.groups()];
  const files: Record<string, unknown> = {
    [SNAPSHOT_FILES.securityGroups]: { SecurityGroups: groups.map(groupDocument) },
    [SNAPSHOT_FILES.networkInterfaces]: serializeEnis(model),
  };
  const rules = groups.flatMap((g) => g.rules);
  if (model.coverage.ruleIds && rules.every((r) => r.ruleId !== undefined))
    files[SNAPSHOT_FILES.securityGroupRules] = {
      SecurityGroupRules: groups.flatMap((g) => g.rules.map((r) => ruleDocument(g, r))),
    };
  if (model.coverage.nacls) files[SNAPSHOT_FILES.networkAcls] = serializeNacls(model);
  return { ...files, ...serializePrefixLists(model), ...serializeWorkloads(model) };
}

function groupDocument(group: SecurityGroup): Record<string, unknown> {
  const of = (direction: SgRule['direction']) => group.rules.filter((r) => r.direction === direction);
  const tags = tagList(group.tags);
  return {
    ...(group.description === undefined ? {} : { Description: group.description }),
    GroupName: group.groupName,
    IpPermissions: toIpPermissions(of('ingress'), { style: 'describe' }),
    ...(group.ownerId === undefined ? {} : { OwnerId: group.ownerId }),
    GroupId: group.groupId,
    IpPermissionsEgress: toIpPermissions(of('egress'), { style: 'describe' }),
    ...(tags.length ? { Tags: tags } : {}),
    ...(group.vpcId === undefined ? {} : { VpcId: group.vpcId }),
  };
}

function ruleDocument(group: SecurityGroup, rule: SgRule): Record<string, unknown> {
  const peer = rule.peer;
  return {
    SecurityGroupRuleId: rule.ruleId,
    GroupId: rule.groupId,
    ...(group.ownerId === undefined ? {} : { GroupOwnerId: group.ownerId }),
    IsEgress: rule.direction === 'egress',
    IpProtocol: rule.protocol,
    FromPort: rule.fromPort,
    ToPort: rule.toPort,
    ...(peer.kind === 'cidr' ? { [peer.cidr.includes(':') ? 'CidrIpv6' : 'CidrIpv4']: peer.cidr } : {}),
    ...(peer.kind === 'prefix-list' ? { PrefixListId: peer.prefixListId } : {}),
    ...(peer.kind === 'sg'
      ? {
          ReferencedGroupInfo: {
            GroupId: peer.groupId,
            ...(peer.userId === undefined ? {} : { UserId: peer.userId }),
            ...(peer.vpcId === undefined ? {} : { VpcId: peer.vpcId }),
          },
        }
      : {}),
    ...(rule.description === undefined ? {} : { Description: rule.description }),
  };
}
