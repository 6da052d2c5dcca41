import type { Change } from '../events/types';
import {
  type Instance,
  type LaunchTemplate,
  type LaunchTemplateVersion,
  launchTemplateVersionKey,
  type NetworkModel,
  type SecurityGroup,
} from '../model/types';
import { patched, unchanged } from './edit';
import type { ApplyResult } from './types';

type Of<K extends Change['kind']> = Extract<Change, { kind: K }>;
type Tags = Readonly<Record<string, string>>;

/** CreateLaunchTemplate / CreateLaunchTemplateVersion: the version (and the template when new). */
export function createVersion(model: NetworkModel, change: Of<'launch-template-version-created'>): ApplyResult {
  const { version } = change;
  const { launchTemplateId: id, versionNumber } = version;
  if (model.launchTemplateVersion(id, versionNumber))
    return unchanged(model, `${id} version ${versionNumber} is already in the snapshot`);
  const current = model.launchTemplate(id);
  const notes = current || change.templateCreated ? [] : [`launch template ${id} is not in the snapshot`];
  const template: LaunchTemplate | undefined = change.templateCreated
    ? {
        launchTemplateId: id,
        ...(version.launchTemplateName ? { launchTemplateName: version.launchTemplateName } : {}),
        defaultVersionNumber: versionNumber,
        latestVersionNumber: versionNumber,
        tags: current?.tags ?? {},
      }
    : current && {
        ...current,
        latestVersionNumber: Math.max(current.latestVersionNumber ?? 0, versionNumber),
      };
  return patched(
    model,
    {
      launchTemplateVersions: new Map([[launchTemplateVersionKey(id, versionNumber), version]]),
      ...(template ? { launchTemplates: new Map([[id, template]]) } : {}),
    },
    ...notes,
  );
}

/** ModifyLaunchTemplate: the default version (and the isDefault flags of the loaded versions). */
export function setDefaultVersion(model: NetworkModel, change: Of<'launch-template-default-set'>): ApplyResult {
  const { launchTemplateId: id, defaultVersion } = change;
  const template = model.launchTemplate(id);
  if (!template) return unchanged(model, `launch template ${id} is not in the snapshot`);
  if (template.defaultVersionNumber === defaultVersion)
    return unchanged(model, `${id} already launches version ${defaultVersion} by default`);
  const flags = new Map<string, LaunchTemplateVersion>();
  for (const n of [template.defaultVersionNumber, defaultVersion]) {
    const v = model.launchTemplateVersion(id, n);
    if (v) flags.set(launchTemplateVersionKey(id, n), { ...v, isDefault: n === defaultVersion });
  }
  return patched(model, {
    launchTemplates: new Map([[id, { ...template, defaultVersionNumber: defaultVersion }]]),
    launchTemplateVersions: flags,
  });
}

/** ModifyManagedPrefixList: entries removed, then added. Unknown entries cannot be patched. */
export function modifyPrefixList(model: NetworkModel, change: Of<'prefix-list-modified'>): ApplyResult {
  const list = model.prefixList(change.prefixListId);
  if (!list) return unchanged(model, `prefix list ${change.prefixListId} is not in the snapshot`);
  if (!list.cidrs)
    return unchanged(model, `the entries of ${change.prefixListId} are not in the snapshot, so the change cannot be applied`);
  const removed = new Set(change.removed);
  const cidrs = [...new Set([...list.cidrs.filter((c) => !removed.has(c)), ...change.added])];
  if (cidrs.length === list.cidrs.length && cidrs.every((c) => list.cidrs!.includes(c)))
    return unchanged(model, `${change.prefixListId} already has these entries`);
  return patched(model, { prefixLists: new Map([[list.prefixListId, { ...list, cidrs }]]) });
}

export function createGroup(model: NetworkModel, change: Of<'sg-created'>): ApplyResult {
  const { group } = change;
  if (model.group(group.groupId)) return unchanged(model, `${group.groupId} is already in the snapshot`);
  return patched(model, { groups: new Map([[group.groupId, group]]) });
}

export function deleteGroup(model: NetworkModel, change: Of<'sg-deleted'>): ApplyResult {
  if (!model.group(change.groupId))
    return unchanged(model, `security group ${change.groupId} is not in the snapshot`);
  const attached = model.enisWithGroup(change.groupId);
  const notes = attached.length
    ? [
        `the snapshot shows ${change.groupId} still attached to ${attached.map((e) => e.eniId).join(', ')} (AWS refuses to delete an attached group): the snapshot is stale`,
      ]
    : [];
  return patched(model, { groups: new Map([[change.groupId, undefined]]) }, ...notes);
}

/** CreateTags / DeleteTags on groups and instances; other resource types are not in the model. */
export function retag(model: NetworkModel, change: Of<'tags-set' | 'tags-removed'>): ApplyResult {
  const edit = (tags: Tags): Tags => (change.kind === 'tags-set' ? setTags(tags, change.tags) : removeTags(tags, change.tags));
  const groups = new Map<string, SecurityGroup>();
  const instances = new Map<string, Instance>();
  for (const id of change.resourceIds) {
    const group = model.group(id);
    if (group && !sameTags(group.tags, edit(group.tags))) groups.set(id, { ...group, tags: edit(group.tags) });
    const instance = model.instance(id);
    if (instance && !sameTags(instance.tags, edit(instance.tags)))
      instances.set(id, { ...instance, tags: edit(instance.tags) });
  }
  if (groups.size + instances.size === 0)
    return unchanged(model, 'no security group or instance in the snapshot changes tags');
  return patched(model, { groups, instances });
}

function setTags(tags: Tags, set: Tags): Tags {
  return { ...tags, ...set };
}

function removeTags(tags: Tags, removed: Of<'tags-removed'>['tags']): Tags {
  const out = { ...tags };
  for (const { key, value } of removed) if (value === undefined || out[key] === value) delete out[key];
  return out;
}

export function sameTags(a: Tags, b: Tags): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
