import {
  type Instance,
  LIVE_INSTANCE_STATES,
  type LaunchTemplateVersion,
  type ModelPatch,
  type NetworkInterface,
  type NetworkModel,
  type TemplateInterface,
} from '../model/types';

/** Prefix of the ids of virtual instances and ENIs: never a real id, never sent to EC2. */
export const VIRTUAL_PREFIX = 'virtual:';

/** The subnet of a virtual ENI when neither the template nor a live instance tells it. */
export const UNKNOWN_SUBNET = '(subnet chosen at launch)';

export const isVirtual = (id: string): boolean => id.startsWith(VIRTUAL_PREFIX);

/** The same ids for every version of a template, so a pair is compared across versions. */
export const virtualInstanceId = (launchTemplateId: string) => `${VIRTUAL_PREFIX}${launchTemplateId}`;
export const virtualEniId = (launchTemplateId: string, deviceIndex: number) =>
  `${VIRTUAL_PREFIX}${launchTemplateId}/device-${deviceIndex}`;

/** The interfaces a version gives an instance: its NetworkInterfaces, or device 0 with the top-level groups. */
export function templateInterfaces(version: LaunchTemplateVersion): TemplateInterface[] {
  if (version.networkInterfaces.length === 0) return [{ deviceIndex: 0, groupIds: version.groupIds }];
  return version.networkInterfaces.map((i) =>
    i.deviceIndex === 0 && i.groupIds.length === 0 ? { ...i, groupIds: version.groupIds } : i,
  );
}

/**
 * A patch holding the instance a launch from `version` would create (state pending, its tags, one ENI
 * per interface), replacing the virtual instance of another version of the same template; with
 * `version` undefined, a patch removing it. `base` is the state the patch goes over.
 */
export function virtualLaunchPatch(
  base: NetworkModel,
  launchTemplateId: string,
  version: LaunchTemplateVersion | undefined,
): ModelPatch {
  const instanceId = virtualInstanceId(launchTemplateId);
  const previous = base.instance(instanceId);
  const enis = new Map<string, NetworkInterface | undefined>(
    (previous?.networkInterfaces ?? []).map((n) => [n.eniId, undefined]),
  );
  if (!version) return { instances: new Map([[instanceId, undefined]]), enis };
  const interfaces = templateInterfaces(version);
  for (const iface of interfaces) {
    const eni = virtualEni(base, version, iface, instanceId);
    enis.set(eni.eniId, eni);
  }
  const instance: Instance = {
    instanceId,
    state: 'pending',
    tags: version.instanceTags,
    launchTemplate: { launchTemplateId, version: String(version.versionNumber) },
    fromTemplate: { launchTemplateId, versionNumber: version.versionNumber },
    networkInterfaces: interfaces
      .map((i) => ({ eniId: virtualEniId(launchTemplateId, i.deviceIndex), deviceIndex: i.deviceIndex }))
      .sort((a, b) => a.deviceIndex - b.deviceIndex),
  };
  return { instances: new Map([[instanceId, instance]]), enis };
}

function virtualEni(
  model: NetworkModel,
  version: LaunchTemplateVersion,
  iface: TemplateInterface,
  instanceId: string,
): NetworkInterface {
  const twin = liveTwin(model, version, iface.deviceIndex);
  const vpcId =
    twin?.vpcId ?? iface.groupIds.map((g) => model.group(g)?.vpcId).find((v) => v !== undefined) ?? 'unknown';
  return {
    eniId: virtualEniId(version.launchTemplateId, iface.deviceIndex),
    subnetId: iface.subnetId ?? twin?.subnetId ?? UNKNOWN_SUBNET,
    vpcId,
    // Where it lands is a live twin's subnet, so its address is taken as a stand-in for CIDR rules and
    // NACLs; without a twin the address is unknown.
    privateIps: twin && twin.subnetId === (iface.subnetId ?? twin.subnetId) ? twin.privateIps.slice(0, 1) : [],
    ipv6Addresses: [],
    groupIds: [...iface.groupIds],
    instanceId,
    deviceIndex: iface.deviceIndex,
    description: `virtual: an instance launched from ${version.launchTemplateId} v${version.versionNumber}`,
  };
}

/**
 * The ENI at `deviceIndex` of a live instance launched from the template, else of one carrying the
 * version's instance tags: where a launch from the template most likely lands.
 */
function liveTwin(
  model: NetworkModel,
  version: LaunchTemplateVersion,
  deviceIndex: number,
): NetworkInterface | undefined {
  const at = (instances: Iterable<Instance>) => {
    for (const i of instances) {
      if (!LIVE_INSTANCE_STATES.has(i.state) || i.fromTemplate) continue;
      const slot = i.networkInterfaces.find((n) => n.deviceIndex === deviceIndex);
      const eni = slot && model.eni(slot.eniId);
      if (eni) return eni;
    }
    return undefined;
  };
  const fromTemplate = [...model.instances()].filter(
    (i) => i.launchTemplate?.launchTemplateId === version.launchTemplateId,
  );
  const tagged = Object.keys(version.instanceTags).length ? model.instancesByTags(version.instanceTags) : [];
  return at(fromTemplate) ?? at(tagged);
}
