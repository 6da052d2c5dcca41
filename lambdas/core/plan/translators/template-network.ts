import { child, type Node, ok, type Result } from '../../events/read';
import type { TemplateInterface } from '../../model/types';
import type { PlanContext, PlanResource } from '../types';
import { entries, optInteger, optText, stringMap, text, texts } from '../values';
import { afterValue, type AttributePath, unknownAt } from './after-values';

/** What instances launched from one version of an aws_launch_template get on the network. */
export interface TemplateNetwork {
  readonly groupIds: readonly string[];
  readonly groupNames: readonly string[];
  readonly networkInterfaces: readonly TemplateInterface[];
  readonly instanceTags: Readonly<Record<string, string>>;
}

/** The network settings of the template after the change, or the attributes known only after apply. */
export function afterNetwork(
  resource: PlanResource,
  plan: PlanContext,
): Result<{ readonly network?: TemplateNetwork; readonly unknown: readonly string[] }> {
  const unknown = ['vpc_security_group_ids', 'security_group_names', 'tag_specifications'].filter((a) =>
    unknownAt(resource, [a]),
  );
  if (unknownAt(resource, ['network_interfaces'])) {
    const list = entries(child(resource.after, 'network_interfaces'));
    if (!list.ok) return list;
    if (child(resource.afterUnknown, 'network_interfaces').value === true) unknown.push('network_interfaces');
    for (let i = 0; i < list.value.length; i++)
      for (const key of ['security_groups', 'subnet_id', 'device_index', 'network_card_index']) {
        const path: AttributePath = ['network_interfaces', i, key];
        // Only a subnet id can come from another resource of the plan (lists are not resolved).
        const resolved = key === 'subnet_id' && 'node' in afterValue(resource, plan, path);
        if (unknownAt(resource, path) && !resolved) unknown.push(`network_interfaces[${i}].${key}`);
      }
  }
  if (unknown.length) return ok({ unknown });
  const network = readNetwork(resource.after, (i) => {
    const value = afterValue(resource, plan, ['network_interfaces', i, 'subnet_id']);
    return 'node' in value ? value.node : nodeOf(resource.after, i, 'subnet_id');
  });
  return network.ok ? ok({ network: network.value, unknown: [] }) : network;
}

/** The network settings as Terraform describes them (`before` of an update). */
export function beforeNetwork(resource: PlanResource): Result<TemplateNetwork> {
  return readNetwork(resource.before, (i) => nodeOf(resource.before, i, 'subnet_id'));
}

function nodeOf(node: Node, i: number, key: string): Node {
  const list = child(node, 'network_interfaces');
  const value = Array.isArray(list.value) ? list.value[i] : undefined;
  return child({ value, path: `${list.path}[${i}]` }, key);
}

function readNetwork(node: Node, subnetNode: (i: number) => Node): Result<TemplateNetwork> {
  const groupIds = texts(child(node, 'vpc_security_group_ids'));
  if (!groupIds.ok) return groupIds;
  const groupNames = texts(child(node, 'security_group_names'));
  if (!groupNames.ok) return groupNames;
  const blocks = entries(child(node, 'network_interfaces'));
  if (!blocks.ok) return blocks;
  const networkInterfaces: TemplateInterface[] = [];
  for (const [i, block] of blocks.value.entries()) {
    const iface = readInterface(block, subnetNode(i));
    if (!iface.ok) return iface;
    networkInterfaces.push(iface.value);
  }
  const instanceTags = readInstanceTags(child(node, 'tag_specifications'));
  if (!instanceTags.ok) return instanceTags;
  return ok({
    groupIds: groupIds.value,
    groupNames: groupNames.value,
    networkInterfaces: networkInterfaces.sort((a, b) => a.deviceIndex - b.deviceIndex),
    instanceTags: instanceTags.value,
  });
}

/** One `network_interfaces` block; an unset device index is 0, as the provider sends it. */
function readInterface(block: Node, subnet: Node): Result<TemplateInterface> {
  const deviceIndex = optInteger(child(block, 'device_index'), 0, 1023);
  if (!deviceIndex.ok) return deviceIndex;
  const groupIds = texts(child(block, 'security_groups'));
  if (!groupIds.ok) return groupIds;
  const subnetId = optText(subnet);
  if (!subnetId.ok) return subnetId;
  const card = optInteger(child(block, 'network_card_index'), 0, 1023);
  if (!card.ok) return card;
  return ok({
    deviceIndex: deviceIndex.value ?? 0,
    groupIds: groupIds.value,
    ...(subnetId.value === undefined ? {} : { subnetId: subnetId.value }),
    ...(card.value === undefined ? {} : { networkCardIndex: card.value }),
  });
}

/** Tags of `tag_specifications` blocks whose resource_type is `instance`. */
function readInstanceTags(node: Node): Result<Record<string, string>> {
  const blocks = entries(node);
  if (!blocks.ok) return blocks;
  const tags: Record<string, string> = {};
  for (const block of blocks.value) {
    const type = text(child(block, 'resource_type'));
    if (!type.ok) return type;
    if (type.value !== 'instance') continue;
    const map = stringMap(child(block, 'tags'));
    if (!map.ok) return map;
    Object.assign(tags, map.value);
  }
  return ok(tags);
}
