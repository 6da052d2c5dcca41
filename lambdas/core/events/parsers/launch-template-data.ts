import type { TemplateInterface } from '../../model/types';
import {
  child,
  collect,
  definedOnly,
  fail,
  id,
  int,
  isAbsent,
  isRecord,
  type Node,
  ok,
  oneOrMany,
  optId,
  optInt,
  type Result,
  show,
  str,
} from '../read';
import { readTagValue, toTagRecord } from './ec2-sets';
import { MAX_DEVICE_INDEX } from './eni-read';

/**
 * `LaunchTemplateData` of a CreateLaunchTemplate(Version) request as CloudTrail writes it: the query
 * API's PascalCase names in the singular (`NetworkInterface`, `SecurityGroupId`, `TagSpecification`,
 * `Tag`), each a single object or an array of objects numbered by a `tag` field, and ids either
 * plain strings or `{ tag, content }`. Fields CloudTrail redacts (UserData) are not read.
 */
export interface TemplateData {
  readonly groupIds: readonly string[];
  readonly groupNames: readonly string[];
  readonly networkInterfaces: readonly TemplateInterface[];
  readonly instanceTags: Readonly<Record<string, string>>;
  /** Which of the network-relevant parameters the request sets (the others a new version inherits). */
  readonly sets: {
    readonly networkInterfaces: boolean;
    readonly groups: boolean;
    readonly tagSpecifications: boolean;
  };
}

export function readTemplateData(node: Node): Result<TemplateData> {
  if (typeof node.value === 'string') {
    return fail(node, `redacted by CloudTrail (${show(node.value)}): the template's network settings are unknown`);
  }
  if (!isRecord(node.value)) {
    return fail(node, isAbsent(node.value) ? 'missing' : `expected the template data, got ${show(node.value)}`);
  }
  const interfacesNode = child(node, 'NetworkInterface');
  const interfaces = collect(oneOrMany(interfacesNode), readTemplateInterface);
  if (!interfaces.ok) return interfaces;
  const idsNode = child(node, 'SecurityGroupId');
  const groupIds = readIdList(idsNode, (entry) => id(entry, 'security-group'));
  if (!groupIds.ok) return groupIds;
  const namesNode = child(node, 'SecurityGroup');
  const groupNames = readIdList(namesNode, (entry) => str(entry, 'a group name'));
  if (!groupNames.ok) return groupNames;
  const specsNode = child(node, 'TagSpecification');
  const instanceTags = readInstanceTags(specsNode);
  if (!instanceTags.ok) return instanceTags;
  return ok({
    groupIds: groupIds.value,
    groupNames: groupNames.value,
    networkInterfaces: [...interfaces.value].sort((a, b) => a.deviceIndex - b.deviceIndex),
    instanceTags: instanceTags.value,
    sets: {
      networkInterfaces: !isAbsent(interfacesNode.value),
      groups: !isAbsent(idsNode.value) || !isAbsent(namesNode.value),
      tagSpecifications: !isAbsent(specsNode.value),
    },
  });
}

/** One `NetworkInterface` entry: `{ tag, DeviceIndex, SecurityGroupId, SubnetId, NetworkCardIndex }`. */
function readTemplateInterface(node: Node): Result<TemplateInterface> {
  if (!isRecord(node.value)) return fail(node, `expected a network interface, got ${show(node.value)}`);
  const deviceIndex = int(child(node, 'DeviceIndex'), 0, MAX_DEVICE_INDEX);
  if (!deviceIndex.ok) return deviceIndex;
  const groupIds = readIdList(child(node, 'SecurityGroupId'), (entry) => id(entry, 'security-group'));
  if (!groupIds.ok) return groupIds;
  const subnetId = optId(child(node, 'SubnetId'), 'subnet');
  if (!subnetId.ok) return subnetId;
  const networkCardIndex = optInt(child(node, 'NetworkCardIndex'), 0, MAX_DEVICE_INDEX);
  if (!networkCardIndex.ok) return networkCardIndex;
  return ok({
    deviceIndex: deviceIndex.value,
    groupIds: groupIds.value,
    ...definedOnly({ subnetId: subnetId.value, networkCardIndex: networkCardIndex.value }),
  });
}

/** `"sg-1"`, `{ "tag": 1, "content": "sg-1" }`, or an array of either; each read with `read`. */
function readIdList(node: Node, read: (entry: Node) => Result<string>): Result<string[]> {
  return collect(oneOrMany(node), (entry) => read(isRecord(entry.value) ? child(entry, 'content') : entry));
}

/** Tags of `TagSpecification` entries whose ResourceType is `instance`. */
function readInstanceTags(node: Node): Result<Record<string, string>> {
  const pairs: [string, string][] = [];
  for (const spec of oneOrMany(node)) {
    if (!isRecord(spec.value)) return fail(spec, `expected a tag specification, got ${show(spec.value)}`);
    const type = str(child(spec, 'ResourceType'));
    if (!type.ok) return type;
    if (type.value !== 'instance') continue;
    const tags = collect(oneOrMany(child(spec, 'Tag')), readPascalTag);
    if (!tags.ok) return tags;
    pairs.push(...tags.value);
  }
  return ok(toTagRecord(pairs));
}

function readPascalTag(node: Node): Result<[string, string]> {
  if (!isRecord(node.value)) return fail(node, `expected a tag, got ${show(node.value)}`);
  const key = str(child(node, 'Key'));
  if (!key.ok) return key;
  const value = readTagValue(child(node, 'Value'));
  return value.ok ? ok([key.value, value.value]) : value;
}
