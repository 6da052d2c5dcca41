import type { EndpointSelector } from '../config/schema';
import {
  type Instance,
  LIVE_INSTANCE_STATES,
  type ModelPatch,
  type NetworkInterface,
  type NetworkModel,
  type SecurityGroup,
} from '../model/types';
import { byCodeUnits } from '../util/compare';

const byGroupId = (a: SecurityGroup, b: SecurityGroup) => byCodeUnits(a.groupId, b.groupId);
const byEniId = (a: NetworkInterface, b: NetworkInterface) => byCodeUnits(a.eniId, b.eniId);

/** What an endpoint selector picks in a model. */
export interface EndpointSelection {
  /**
   * Group selectors: the groups selected. instanceTags: the groups carried by the selected ENIs (what
   * SG-to-SG fixes reference and what an allowPublic entry allows). Sorted by id, no duplicates.
   */
  readonly groups: SecurityGroup[];
  /** The ENIs selected, sorted by id, no duplicates. */
  readonly enis: NetworkInterface[];
  /** instanceTags only: the pending/running instances with those tags (in the VPC, when narrowed). */
  readonly instances?: Instance[];
  /**
   * instanceTags only: the ENI ids those instances list on the kept devices, whether or not the model
   * has them or they are in the VPC. Only a change to one of these ENIs can change `enis`.
   */
  readonly listedEniIds?: string[];
  /** Set when the model cannot answer the selector (instances not loaded): "not evaluated", never empty-and-fine. */
  readonly notEvaluated?: string;
}

function candidates(model: NetworkModel, selector: EndpointSelector): readonly SecurityGroup[] {
  if (selector.groupId !== undefined) {
    const group = model.group(selector.groupId);
    return group ? [group] : [];
  }
  if (selector.groupName !== undefined) return model.groupsByName(selector.groupName);
  if (selector.tags !== undefined) return model.groupsByTags(selector.tags);
  return [];
}

/** Whether a selector picks ENIs by the tags of their instances. */
export function selectsInstances(
  selector: EndpointSelector,
): selector is EndpointSelector & { instanceTags: Record<string, string> } {
  return selector.instanceTags !== undefined;
}

/** The attachment indexes an instance-tag selector keeps; undefined = all of them. */
export function deviceIndexes(selector: EndpointSelector): ReadonlySet<number> | undefined {
  const { deviceIndex } = selector;
  if (deviceIndex === undefined) return undefined;
  return new Set(typeof deviceIndex === 'number' ? [deviceIndex] : deviceIndex);
}

/** Whether the instance's tags include every tag of the selector (state, VPC and devices aside). */
export function instanceTagsMatch(selector: EndpointSelector, tags: Readonly<Record<string, string>>): boolean {
  return (
    selector.instanceTags !== undefined && Object.entries(selector.instanceTags).every(([k, v]) => tags[k] === v)
  );
}

/** Why an instance-tag selector cannot be judged on this model, if it cannot. */
export function instanceCoverageGap(model: NetworkModel, selector: EndpointSelector): string | undefined {
  if (!selectsInstances(selector) || model.coverage.instances) return undefined;
  return `${describeSelector(selector)} is not evaluated: instances are not loaded (no describe-instances.json)`;
}

function selectByInstances(model: NetworkModel, selector: EndpointSelector): EndpointSelection {
  const notEvaluated = instanceCoverageGap(model, selector);
  if (notEvaluated) return { groups: [], enis: [], instances: [], listedEniIds: [], notEvaluated };
  const devices = deviceIndexes(selector);
  const enis = new Map<string, NetworkInterface>();
  const instances: Instance[] = [];
  const listedEniIds: string[] = [];
  for (const instance of model.instancesByTags(selector.instanceTags ?? {})) {
    if (!LIVE_INSTANCE_STATES.has(instance.state)) continue;
    if (selector.vpcId !== undefined && instance.vpcId !== undefined && instance.vpcId !== selector.vpcId) continue;
    instances.push(instance);
    for (const attached of instance.networkInterfaces) {
      if (devices && !devices.has(attached.deviceIndex)) continue;
      listedEniIds.push(attached.eniId);
      const eni = model.eni(attached.eniId);
      if (!eni || (selector.vpcId !== undefined && eni.vpcId !== selector.vpcId)) continue;
      enis.set(eni.eniId, eni);
    }
  }
  const selected = [...enis.values()].sort(byEniId);
  const groups = new Map<string, SecurityGroup>();
  for (const eni of selected)
    for (const id of eni.groupIds) {
      const group = model.group(id);
      if (group) groups.set(id, group);
    }
  instances.sort((a, b) => byCodeUnits(a.instanceId, b.instanceId));
  return { groups: [...groups.values()].sort(byGroupId), enis: selected, instances, listedEniIds };
}

/** The groups and ENIs an endpoint selector picks: through groups, or through instances and their attachments. */
export function selectEndpoint(model: NetworkModel, selector: EndpointSelector): EndpointSelection {
  if (selectsInstances(selector)) return selectByInstances(model, selector);
  const groups = selectGroups(model, selector);
  return { groups, enis: selectEnis(model, groups) };
}

const selections = new WeakMap<NetworkModel, Map<EndpointSelector, EndpointSelection>>();

/**
 * selectEndpoint, made once per (model, selector object): a model never changes, and the dependency
 * index, the diff and the evaluation of a dependency select the same sides of the same state again.
 * The selection is shared: never change its arrays.
 */
export function selectEndpointOnce(model: NetworkModel, selector: EndpointSelector): EndpointSelection {
  // A patch of NACLs, prefix lists or templates only (a NACL entry replaced) selects as its base does.
  const base = model.overlay?.base;
  if (base && base.coverage === model.coverage && !patchesSelections(model.overlay!.patch))
    return selectEndpointOnce(base, selector);
  let byModel = selections.get(model);
  if (!byModel) {
    byModel = new Map();
    selections.set(model, byModel);
  }
  let selection = byModel.get(selector);
  if (!selection) {
    selection = selectEndpoint(model, selector);
    byModel.set(selector, selection);
  }
  return selection;
}

/** Whether a patch replaces anything a selection reads: groups, ENIs or instances. */
function patchesSelections(patch: ModelPatch): boolean {
  return (patch.groups?.size ?? 0) > 0 || (patch.enis?.size ?? 0) > 0 || (patch.instances?.size ?? 0) > 0;
}

/**
 * Groups matched by a selector (groupId | groupName | tags, narrowed by vpcId), sorted by id, no
 * duplicates. For instanceTags: the groups carried by the selected ENIs.
 */
export function selectGroups(model: NetworkModel, selector: EndpointSelector): SecurityGroup[] {
  if (selectsInstances(selector)) return selectByInstances(model, selector).groups;
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

/** `Role=web, Env=prod` */
export function describeTags(tags: Readonly<Record<string, string>>): string {
  return Object.entries(tags)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

function describeDevices(selector: EndpointSelector): string {
  const devices = deviceIndexes(selector);
  if (!devices) return '';
  return devices.size === 1 ? ` device ${[...devices][0]}` : ` devices ${[...devices].join(', ')}`;
}

/** Human form of a selector for reasons and messages, e.g. `groupName=nginx in vpc-1`, `instanceTags {Role=web} device 1`. */
export function describeSelector(selector: EndpointSelector): string {
  const vpc = selector.vpcId ? ` in ${selector.vpcId}` : '';
  if (selector.groupId !== undefined) return `groupId=${selector.groupId}${vpc}`;
  if (selector.groupName !== undefined) return `groupName=${selector.groupName}${vpc}`;
  if (selector.instanceTags !== undefined)
    return `instanceTags {${describeTags(selector.instanceTags)}}${describeDevices(selector)}${vpc}`;
  return `tags {${describeTags(selector.tags ?? {})}}${vpc}`;
}
