import type { Change } from '../events/types';
import { patchModel } from '../model/patched-model';
import type { NetworkModel } from '../model/types';
import { applyChange, sameSet } from './apply-change';
import { detached, launchedEnis, primaryEni } from './apply-workload';
import { type Derivation, snapshotAfter, snapshotBefore, undetermined, unresolved } from './derivation';
import { eniByAttachment } from './modified';

type Of<K extends Change['kind']> = Extract<Change, { kind: K }>;

const applied = (model: NetworkModel, change: Change) => applyChange(model, change).model;

/** Launched instances in the snapshot = after (the state before simply lacks them); none = before. */
export function deriveLaunched(model: NetworkModel, change: Of<'instances-launched'>): Derivation {
  const present = change.instances.filter(
    (i) => model.instance(i.instanceId) ?? i.networkInterfaces.some((e) => model.eni(e.eniId)),
  );
  const without = () =>
    patchModel(model, {
      instances: new Map(change.instances.map((i) => [i.instanceId, undefined])),
      enis: new Map(change.instances.flatMap(launchedEnis).map((e) => [e.eniId, undefined])),
    });
  if (present.length === 0) return snapshotBefore(model, applied(model, change));
  if (present.length === change.instances.length) return snapshotAfter(model, without());
  return undetermined(
    without(),
    applied(model, change),
    `${present.length} of ${change.instances.length} launched instances are in the snapshot`,
  );
}

export function deriveEniCreated(model: NetworkModel, change: Of<'eni-created'>): Derivation {
  if (!model.eni(change.eni.eniId)) return snapshotBefore(model, applied(model, change));
  return snapshotAfter(model, patchModel(model, { enis: new Map([[change.eni.eniId, undefined]]) }));
}

/** The groups of the attached ENI come from the state: without the ENI the change cannot be judged. */
export function deriveAttached(model: NetworkModel, change: Of<'eni-attached'>): Derivation {
  const eni = model.eni(change.eniId);
  if (!eni)
    return unresolved(
      model,
      `${change.eniId} is not in the state, so the groups it brings to ${change.instanceId} are unknown`,
    );
  if (eni.instanceId !== change.instanceId || eni.deviceIndex !== change.deviceIndex)
    return snapshotBefore(model, applied(model, change));
  // AWS attaches only an available ENI: before, it was attached to nothing.
  const instance = model.instance(change.instanceId);
  const before = patchModel(model, {
    enis: new Map([[eni.eniId, detached(eni)]]),
    instances: new Map(
      instance
        ? [
            [
              instance.instanceId,
              {
                ...instance,
                networkInterfaces: instance.networkInterfaces.filter((n) => n.eniId !== eni.eniId),
              },
            ],
          ]
        : [],
    ),
  });
  return snapshotAfter(model, before);
}

/** A detach names only the attachment: the ENI is found through the state, or the change is unresolved. */
export function deriveDetached(model: NetworkModel, change: Of<'eni-detached'>): Derivation {
  if (eniByAttachment(model, change.attachmentId)) return snapshotBefore(model, applied(model, change));
  return unresolved(
    model,
    `no network interface in the state has attachment ${change.attachmentId}, so which ENI was detached is unknown`,
  );
}

/** Like an ENI group change on the instance's primary ENI. */
export function deriveInstanceGroups(model: NetworkModel, change: Of<'instance-groups-set'>): Derivation {
  const primary = primaryEni(model, change.instanceId);
  if (typeof primary === 'string')
    return unresolved(model, `${primary}, so the groups ${change.instanceId} had are unknown`);
  if (sameSet(primary.groupIds, change.groupIds))
    return snapshotAfter(
      model,
      undefined,
      `${primary.eniId} (primary ENI of ${change.instanceId}) already has the new groups; its prior groups are unknown`,
    );
  return snapshotBefore(model, applied(model, change));
}
