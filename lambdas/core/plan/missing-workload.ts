import type { Change } from '../events/types';
import type { NetworkModel } from '../model/types';
import type { ModifiedIds } from '../state/modified';
import { NO_TEMPLATES } from './launch';

/**
 * Why a workload change (instances, attachments, templates, prefix lists) cannot be applied to the
 * model: it names something the snapshot (or the plan so far) does not have. Its effect is then
 * "cannot judge", never assumed.
 */
export function missingWorkload(model: NetworkModel, change: Change, ids: ModifiedIds): string | undefined {
  switch (change.kind) {
    case 'instances-launched': {
      const groups = change.instances.flatMap((i) => i.networkInterfaces.flatMap((e) => e.groupIds));
      const unknown = [...new Set(groups.filter((g) => !model.group(g)))];
      return unknown.length ? `security group(s) ${unknown.join(', ')} not in the snapshot` : undefined;
    }
    case 'instance-groups-set':
    case 'eni-attached':
      return missingInstances(model, ids.instanceIds);
    case 'eni-detached':
      return ids.eniIds.length ? undefined : `attachment ${change.attachmentId} is not in the snapshot`;
    case 'launch-template-version-created':
      return change.templateCreated ? undefined : missingTemplate(model, change.version.launchTemplateId);
    case 'launch-template-default-set':
      return missingTemplate(model, change.launchTemplateId);
    case 'prefix-list-modified': {
      const list = model.prefixList(change.prefixListId);
      if (!list)
        return model.coverage.prefixLists
          ? `prefix list ${change.prefixListId} is not in the snapshot`
          : 'the snapshot has no prefix lists (describe-managed-prefix-lists.json)';
      return list.cidrs
        ? undefined
        : `the entries of ${change.prefixListId} are not in the snapshot (get-managed-prefix-list-entries)`;
    }
    default:
      return undefined;
  }
}

function missingInstances(model: NetworkModel, instanceIds: readonly string[]): string | undefined {
  const missing = instanceIds.filter((i) => !model.instance(i));
  if (!missing.length) return undefined;
  return model.coverage.instances
    ? `instance ${missing.join(', ')} is not in the snapshot`
    : 'the snapshot has no instances (describe-instances.json)';
}

function missingTemplate(model: NetworkModel, launchTemplateId: string): string | undefined {
  if (model.launchTemplate(launchTemplateId)) return undefined;
  return model.coverage.launchTemplates
    ? `launch template ${launchTemplateId} is not in the snapshot`
    : NO_TEMPLATES;
}
