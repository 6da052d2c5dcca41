import type { Change, LaunchedInstance } from '../events/types';
import type { Instance, NetworkInterface, NetworkModel } from '../model/types';
import { sameSet } from './apply-change';
import { patched, unchanged } from './edit';
import { eniByAttachment } from './modified';
import type { ApplyResult } from './types';

type Of<K extends Change['kind']> = Extract<Change, { kind: K }>;
type Slot = Instance['networkInterfaces'][number];

const byDevice = (a: Slot, b: Slot) => a.deviceIndex - b.deviceIndex;

/** The instance RunInstances created, as the model holds it (pending, ENIs by device index). */
export function launchedInstance(launched: LaunchedInstance, change: Of<'instances-launched'>): Instance {
  const template = change.launchTemplate;
  return {
    instanceId: launched.instanceId,
    state: 'pending',
    tags: launched.tags,
    ...(launched.vpcId ? { vpcId: launched.vpcId } : {}),
    ...(launched.subnetId ? { subnetId: launched.subnetId } : {}),
    ...(template?.launchTemplateId
      ? {
          launchTemplate: {
            launchTemplateId: template.launchTemplateId,
            ...(template.version ? { version: template.version } : {}),
          },
        }
      : {}),
    networkInterfaces: launched.networkInterfaces
      .map((e, i) => ({ eniId: e.eniId, deviceIndex: e.deviceIndex ?? i }))
      .sort(byDevice),
  };
}

/** The launched ENIs with the instance and device index set. */
export function launchedEnis(launched: LaunchedInstance): NetworkInterface[] {
  return launched.networkInterfaces.map((e, i) => ({
    ...e,
    instanceId: launched.instanceId,
    deviceIndex: e.deviceIndex ?? i,
  }));
}

/** Adds the instances (and their ENIs) the model does not hold yet. */
export function launchInstances(model: NetworkModel, change: Of<'instances-launched'>): ApplyResult {
  const fresh = change.instances.filter((i) => !model.instance(i.instanceId));
  if (change.instances.length === 0) return unchanged(model, 'the launch lists no instances');
  if (fresh.length === 0) return unchanged(model, 'the launched instances are already in the snapshot');
  const notes =
    fresh.length < change.instances.length
      ? [`${change.instances.length - fresh.length} launched instance(s) already in the snapshot`]
      : [];
  return patched(
    model,
    {
      instances: new Map(fresh.map((i) => [i.instanceId, launchedInstance(i, change)])),
      enis: new Map(fresh.flatMap(launchedEnis).map((e) => [e.eniId, e])),
    },
    ...notes,
  );
}

export function createEni(model: NetworkModel, change: Of<'eni-created'>): ApplyResult {
  if (model.eni(change.eni.eniId)) return unchanged(model, `${change.eni.eniId} is already in the snapshot`);
  return patched(model, { enis: new Map([[change.eni.eniId, change.eni]]) });
}

export function attachEni(model: NetworkModel, change: Of<'eni-attached'>): ApplyResult {
  const eni = model.eni(change.eniId);
  if (!eni) return unchanged(model, `network interface ${change.eniId} is not in the snapshot`);
  if (eni.instanceId === change.instanceId && eni.deviceIndex === change.deviceIndex)
    return unchanged(model, `${change.eniId} is already attached to ${change.instanceId}`);
  const { instanceId, deviceIndex } = change;
  const attached: NetworkInterface = {
    ...detached(eni),
    instanceId,
    deviceIndex,
    ...(change.attachmentId ? { attachmentId: change.attachmentId } : {}),
  };
  const instances = new Map<string, Instance | undefined>();
  const old = eni.instanceId ? model.instance(eni.instanceId) : undefined;
  if (old) instances.set(old.instanceId, withoutEni(old, eni.eniId));
  const instance = instances.get(instanceId) ?? model.instance(instanceId);
  const notes = instance ? [] : [`instance ${instanceId} is not in the snapshot (its tags are unknown)`];
  if (instance)
    instances.set(instanceId, {
      ...instance,
      networkInterfaces: [
        ...withoutEni(instance, eni.eniId).networkInterfaces,
        { eniId: eni.eniId, deviceIndex },
      ].sort(byDevice),
    });
  return patched(model, { enis: new Map([[eni.eniId, attached]]), instances }, ...notes);
}

export function detachEni(model: NetworkModel, change: Of<'eni-detached'>): ApplyResult {
  const eni = eniByAttachment(model, change.attachmentId);
  if (!eni) return unchanged(model, `no network interface in the snapshot has attachment ${change.attachmentId}`);
  const instance = eni.instanceId ? model.instance(eni.instanceId) : undefined;
  return patched(model, {
    enis: new Map([[eni.eniId, detached(eni)]]),
    instances: new Map(instance ? [[instance.instanceId, withoutEni(instance, eni.eniId)]] : []),
  });
}

/** ModifyInstanceAttribute --groups: the groups of the primary ENI (device 0). */
export function setInstanceGroups(model: NetworkModel, change: Of<'instance-groups-set'>): ApplyResult {
  const primary = primaryEni(model, change.instanceId);
  if (typeof primary === 'string') return unchanged(model, primary);
  if (sameSet(primary.groupIds, change.groupIds))
    return unchanged(model, `${primary.eniId} (primary ENI of ${change.instanceId}) already has these groups`);
  return patched(model, { enis: new Map([[primary.eniId, { ...primary, groupIds: [...change.groupIds] }]]) });
}

/** The primary ENI (device 0) of an instance, or why the model cannot tell. */
export function primaryEni(model: NetworkModel, instanceId: string): NetworkInterface | string {
  const instance = model.instance(instanceId);
  if (!instance) return `instance ${instanceId} is not in the snapshot`;
  const slot = instance.networkInterfaces.find((n) => n.deviceIndex === 0);
  const eni = slot && model.eni(slot.eniId);
  return eni ?? `the primary network interface of ${instanceId} is not in the snapshot`;
}

/** The ENI without its attachment. */
export function detached(eni: NetworkInterface): NetworkInterface {
  const { instanceId: _i, deviceIndex: _d, attachmentId: _a, ...rest } = eni;
  return rest;
}

function withoutEni(instance: Instance, eniId: string): Instance {
  return { ...instance, networkInterfaces: instance.networkInterfaces.filter((n) => n.eniId !== eniId) };
}
