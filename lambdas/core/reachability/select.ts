import type { GroupSelector } from '../config/schema';
import type { NetworkInterface, NetworkModel, SecurityGroup } from '../model/types';

const byGroupId = (a: SecurityGroup, b: SecurityGroup) => a.groupId.localeCompare(b.groupId);
const byEniId = (a: NetworkInterface, b: NetworkInterface) => a.eniId.localeCompare(b.eniId);

function candidates(model: NetworkModel, selector: GroupSelector): readonly SecurityGroup[] {
  if (selector.groupId !== undefined) {
    const group = model.group(selector.groupId);
    return group ? [group] : [];
  }
  if (selector.groupName !== undefined) return model.groupsByName(selector.groupName);
  if (selector.tags !== undefined) return model.groupsByTags(selector.tags);
  return [];
}

/** Groups matched by a selector (groupId | groupName | tags, narrowed by vpcId), sorted by id, no duplicates. */
export function selectGroups(model: NetworkModel, selector: GroupSelector): SecurityGroup[] {
  const unique = new Map<string, SecurityGroup>();
  for (const group of candidates(model, selector)) {
    if (selector.vpcId !== undefined && group.vpcId !== selector.vpcId) continue;
    unique.set(group.groupId, group);
  }
  return [...unique.values()].sort(byGroupId);
}

/** ENIs carrying any of the groups (every ENI of an instance counts on its own), sorted by id, no duplicates. */
export function selectEnis(model: NetworkModel, groups: readonly SecurityGroup[]): NetworkInterface[] {
  const unique = new Map<string, NetworkInterface>();
  for (const group of groups)
    for (const eni of model.enisWithGroup(group.groupId)) unique.set(eni.eniId, eni);
  return [...unique.values()].sort(byEniId);
}

/** Human form of a selector for reasons and messages, e.g. `groupName=nginx (vpc-1)`. */
export function describeSelector(selector: GroupSelector): string {
  const vpc = selector.vpcId ? ` in ${selector.vpcId}` : '';
  if (selector.groupId !== undefined) return `groupId=${selector.groupId}${vpc}`;
  if (selector.groupName !== undefined) return `groupName=${selector.groupName}${vpc}`;
  const tags = Object.entries(selector.tags ?? {}).map(([k, v]) => `${k}=${v}`);
  return `tags {${tags.join(', ')}}${vpc}`;
}
