import type { EndpointSelector } from '../config/schema';
import type { NetworkModel, SecurityGroup } from '../model/types';

/** Tag keys that name what a group is for, in the order they are preferred. */
export const ROLE_TAG_KEYS: readonly string[] = ['Role', 'role', 'App', 'app', 'Service', 'service', 'Component'];

export interface NamedSelector {
  readonly selector: EndpointSelector;
  /** A short name for dependency names: the role, else the group name, else the id. */
  readonly label: string;
}

function roleTag(group: SecurityGroup): readonly [string, string] | undefined {
  for (const key of ROLE_TAG_KEYS) {
    const value = group.tags[key];
    if (value) return [key, value];
  }
  return undefined;
}

/** The group that stands for an ENI's group set: one with a role tag, else the first non-default by name. */
function representative(model: NetworkModel, groupIds: readonly string[]): SecurityGroup | undefined {
  const groups = groupIds
    .map((id) => model.group(id))
    .filter((g): g is SecurityGroup => g !== undefined)
    .sort((a, b) => a.groupName.localeCompare(b.groupName) || a.groupId.localeCompare(b.groupId));
  return groups.find((g) => roleTag(g)) ?? groups.find((g) => g.groupName !== 'default') ?? groups[0];
}

/**
 * A selector for the ENIs carrying `groupIds`: by role tag when the group carries one and the tag
 * selects that group alone (a wider selection could take in ENIs never seen, and break `check`), else
 * by name when the name is unique, else by id. Undefined when no group is in the model.
 */
export function selectorForGroups(model: NetworkModel, groupIds: readonly string[]): NamedSelector | undefined {
  const group = representative(model, groupIds);
  if (!group) return undefined;
  const role = roleTag(group);
  if (role) {
    const [key, value] = role;
    const selected = model.groupsByTags({ [key]: value });
    if (selected.length === 1 && selected[0]?.groupId === group.groupId)
      return { selector: { tags: { [key]: value } }, label: value };
  }
  if (model.groupsByName(group.groupName).length === 1)
    return { selector: { groupName: group.groupName }, label: group.groupName };
  return { selector: { groupId: group.groupId }, label: group.groupName || group.groupId };
}

/** A dependency name under the schema (letters, digits, dot, dash, underscore). */
export function dependencyName(...parts: readonly string[]): string {
  const name = parts
    .join('-to-')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return name || 'dependency';
}
