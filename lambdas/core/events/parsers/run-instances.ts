import type { NetworkInterface } from '../../model/types';
import {
  child,
  collect,
  definedOnly,
  fail,
  id,
  isAbsent,
  isRecord,
  type Node,
  ok,
  optId,
  optStr,
  type Result,
  show,
  str,
} from '../read';
import type { Change, LaunchedInstance } from '../types';
import { readTagSet, readTagSpecifications, setEntries } from './ec2-sets';
import { type EniContext, readNetworkInterface } from './eni-read';
import { type EventParser, fromResult } from './parser';

type LaunchTemplateRef = NonNullable<Extract<Change, { kind: 'instances-launched' }>['launchTemplate']>;

/**
 * RunInstances -> 'instances-launched': every instance of `responseElements.instancesSet` with
 * every ENI it was launched with (groups, device index, subnet), its tags (the request's
 * tagSpecificationSet for `instance`, then the response's tagSet) and the launch template used.
 */
export const runInstancesParser: EventParser = ({ request, response }) => {
  const requestTags = readTagSpecifications(child(request, 'tagSpecificationSet'), 'instance');
  if (!requestTags.ok) return fromResult(requestTags);
  const template = readLaunchTemplateRef(child(request, 'launchTemplate'));
  if (!template.ok) return fromResult(template);
  const set = child(response, 'instancesSet');
  if (isAbsent(set.value)) {
    return fromResult(fail(set, 'missing: the launched instances are only in the response'));
  }
  const entries = setEntries(set);
  if (!entries.ok) return fromResult(entries);
  if (entries.value.length === 0) return fromResult(fail(set, 'lists no instance'));
  const instances = collect(entries.value, (entry) => readInstance(entry, requestTags.value));
  if (!instances.ok) return fromResult(instances);
  const change: Change = {
    kind: 'instances-launched',
    instances: instances.value,
    ...(template.value === undefined ? {} : { launchTemplate: template.value }),
  };
  return fromResult(ok(change));
};

function readInstance(node: Node, requestTags: Readonly<Record<string, string>>): Result<LaunchedInstance> {
  if (!isRecord(node.value)) return fail(node, `expected an instance, got ${show(node.value)}`);
  const instanceId = id(child(node, 'instanceId'), 'instance');
  if (!instanceId.ok) return instanceId;
  const subnetId = optId(child(node, 'subnetId'), 'subnet');
  if (!subnetId.ok) return subnetId;
  const vpcId = optId(child(node, 'vpcId'), 'vpc');
  if (!vpcId.ok) return vpcId;
  const responseTags = readTagSet(child(node, 'tagSet'));
  if (!responseTags.ok) return responseTags;
  const context = definedOnly({ instanceId: instanceId.value, subnetId: subnetId.value, vpcId: vpcId.value });
  const set = child(node, 'networkInterfaceSet');
  const entries = setEntries(set);
  if (!entries.ok) return entries;
  if (entries.value.length === 0) return fail(set, 'lists no network interface');
  const enis = collect(entries.value, (entry) => readLaunchedEni(entry, context));
  if (!enis.ok) return enis;
  return ok({
    instanceId: instanceId.value,
    tags: { ...requestTags, ...responseTags.value },
    ...definedOnly({ subnetId: subnetId.value, vpcId: vpcId.value }),
    networkInterfaces: [...enis.value].sort((a, b) => (a.deviceIndex ?? 0) - (b.deviceIndex ?? 0)),
  });
}

/** A launched ENI must say at which device index it is attached (instance-tag selectors use it). */
function readLaunchedEni(node: Node, context: EniContext): Result<NetworkInterface> {
  const eni = readNetworkInterface(node, context);
  if (!eni.ok) return eni;
  if (eni.value.deviceIndex === undefined) {
    return fail(child(child(node, 'attachment'), 'deviceIndex'), 'missing');
  }
  return eni;
}

/** `launchTemplate: { launchTemplateId | launchTemplateName, version }` of the request. */
function readLaunchTemplateRef(node: Node): Result<LaunchTemplateRef | undefined> {
  if (isAbsent(node.value)) return ok(undefined);
  if (!isRecord(node.value)) return fail(node, `expected a launch template, got ${show(node.value)}`);
  const templateId = optId(child(node, 'launchTemplateId'), 'launch-template');
  if (!templateId.ok) return templateId;
  const name = optStr(child(node, 'launchTemplateName'));
  if (!name.ok) return name;
  if (templateId.value === undefined && name.value === undefined) {
    return fail(child(node, 'launchTemplateId'), 'missing (and no launchTemplateName either)');
  }
  const version = readVersionText(child(node, 'version'));
  if (!version.ok) return version;
  return ok(definedOnly({ launchTemplateId: templateId.value, launchTemplateName: name.value, version: version.value }));
}

/** A version as requested: "7", "$Latest", "$Default" (a number is taken as its text). */
function readVersionText(node: Node): Result<string | undefined> {
  if (isAbsent(node.value)) return ok(undefined);
  if (typeof node.value === 'number' && Number.isInteger(node.value)) return ok(String(node.value));
  return str(node, 'a version');
}
