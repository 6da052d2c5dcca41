import { patchModel } from '../model/patched-model';
import type { ModelPatch, NetworkAcl, NetworkInterface, NetworkModel, SecurityGroup } from '../model/types';
import type { ApplyResult } from './types';

export function withGroup(model: NetworkModel, group: SecurityGroup): NetworkModel {
  return patchModel(model, { groups: new Map([[group.groupId, group]]) });
}

export function withEni(model: NetworkModel, eni: NetworkInterface): NetworkModel {
  return patchModel(model, { enis: new Map([[eni.eniId, eni]]) });
}

export function withNacls(model: NetworkModel, nacls: readonly NetworkAcl[]): NetworkModel {
  return patchModel(model, { nacls: new Map(nacls.map((n) => [n.naclId, n])) });
}

/** No change: the model is returned as is, with the reason. */
export function unchanged(model: NetworkModel, ...notes: string[]): ApplyResult {
  return { model, effective: false, notes };
}

/** The model with `patch` applied: an effective change. */
export function patched(model: NetworkModel, patch: ModelPatch, ...notes: string[]): ApplyResult {
  return { model: patchModel(model, patch), effective: true, notes };
}

/** A patch map from entries (undefined value = deleted). */
export function entries<T>(items: readonly (readonly [string, T | undefined])[]): Map<string, T | undefined> {
  return new Map(items);
}
