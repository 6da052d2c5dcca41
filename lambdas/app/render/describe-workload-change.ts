import type { Change } from '../../core/events/types';
import type { LaunchTemplateVersion } from '../../core/model/types';

type WorkloadChange = Exclude<
  Change,
  {
    kind:
      | 'sg-rules-added'
      | 'sg-rules-removed'
      | 'sg-rules-modified'
      | 'eni-groups-set'
      | 'nacl-entry-created'
      | 'nacl-entry-replaced'
      | 'nacl-entry-deleted'
      | 'nacl-association-replaced';
  }
>;

const tagList = (tags: Readonly<Record<string, string>>) =>
  Object.entries(tags)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

const withTags = (tags: Readonly<Record<string, string>>) => (tagList(tags) ? ` (${tagList(tags)})` : '');

/** "device 0: sg-a; device 1: sg-b". */
function interfaces(v: LaunchTemplateVersion): string {
  const list = v.networkInterfaces.length
    ? v.networkInterfaces.map((i) => `device ${i.deviceIndex}: ${i.groupIds.join(', ') || '(no groups)'}`)
    : [`device 0: ${v.groupIds.join(', ') || '(no groups)'}`];
  return list.join('; ');
}

/** One line per workload change: launches, ENIs, templates, prefix lists, group lifecycle, tags. */
export function describeWorkloadChange(change: WorkloadChange): string {
  switch (change.kind) {
    case 'instances-launched': {
      const ids = change.instances.map((i) => i.instanceId).join(', ');
      const lt = change.launchTemplate;
      const from = lt
        ? ` from ${lt.launchTemplateId ?? lt.launchTemplateName ?? 'a launch template'}${lt.version ? ` v${lt.version}` : ''}`
        : '';
      return `launched ${ids}${withTags(change.instances[0]?.tags ?? {})}${from}`;
    }
    case 'eni-created': {
      const e = change.eni;
      const managed = e.requesterManaged ? ` (managed by ${e.requesterId ?? 'an AWS service'})` : '';
      return `created ${e.eniId} in ${e.subnetId} with [${e.groupIds.join(', ')}]${managed}`;
    }
    case 'eni-attached':
      return `attached ${change.eniId} to ${change.instanceId} as device ${change.deviceIndex}`;
    case 'eni-detached':
      return `detached attachment ${change.attachmentId}${change.force ? ' (forced)' : ''}`;
    case 'instance-groups-set':
      return `${change.instanceId}: security groups of the primary ENI set to [${change.groupIds.join(', ')}]`;
    case 'launch-template-version-created': {
      const v = change.version;
      const what = change.templateCreated ? 'created launch template' : 'created';
      return `${what} ${v.launchTemplateId} v${v.versionNumber} (${interfaces(v)})${withTags(v.instanceTags)}`;
    }
    case 'launch-template-default-set':
      return `${change.launchTemplateId}: default version set to v${change.defaultVersion}`;
    case 'prefix-list-modified': {
      const parts = [
        change.added.length ? `added ${change.added.join(', ')}` : '',
        change.removed.length ? `removed ${change.removed.join(', ')}` : '',
      ].filter(Boolean);
      return `${change.prefixListId}: ${parts.join('; ') || 'no entries changed'}`;
    }
    case 'sg-created':
      return `created ${change.group.groupId} (${change.group.groupName})${change.group.vpcId ? ` in ${change.group.vpcId}` : ''}`;
    case 'sg-deleted':
      return `deleted ${change.groupId}`;
    case 'tags-set':
      return `tagged ${change.resourceIds.join(', ')} with ${tagList(change.tags)}`;
    case 'tags-removed':
      return `removed tag(s) ${change.tags.map((t) => (t.value === undefined ? t.key : `${t.key}=${t.value}`)).join(', ')} from ${change.resourceIds.join(', ')}`;
  }
}
