import type { Change } from '../events/types';
import { patchModel } from '../model/patched-model';
import type { NetworkModel } from '../model/types';
import { applyChange } from './apply-change';
import { retag } from './apply-resources';
import { type Derivation, snapshotAfter, snapshotBefore, undetermined, unresolved } from './derivation';

type Of<K extends Change['kind']> = Extract<Change, { kind: K }>;

const applied = (model: NetworkModel, change: Change) => applyChange(model, change).model;

/** Added entries present and removed ones absent = after (and the entries before are exact); else before. */
export function derivePrefixList(model: NetworkModel, change: Of<'prefix-list-modified'>): Derivation {
  const list = model.prefixList(change.prefixListId);
  if (!list) return unresolved(model, `prefix list ${change.prefixListId} is not in the state`);
  const cidrs = list.cidrs;
  if (!cidrs)
    return unresolved(model, `the entries of ${change.prefixListId} are not in the state, so what it admits is unknown`);
  const has = (c: string) => cidrs.includes(c);
  const { added, removed } = change;
  if (added.length + removed.length === 0) return undetermined(model, model, 'the change adds and removes no entries');
  const withEntries = (next: string[]) =>
    patchModel(model, { prefixLists: new Map([[list.prefixListId, { ...list, cidrs: [...new Set(next)] }]]) });
  const before = () => withEntries([...cidrs.filter((c) => !added.includes(c)), ...removed]);
  const after = () => withEntries([...cidrs.filter((c) => !removed.includes(c)), ...added]);
  if (added.every(has) && !removed.some(has)) return snapshotAfter(model, before());
  if (!added.some(has) && removed.every(has)) return snapshotBefore(model, after());
  return undetermined(
    before(),
    after(),
    `the entries of ${change.prefixListId} show neither the state before nor after the change`,
  );
}

export function deriveGroupCreated(model: NetworkModel, change: Of<'sg-created'>): Derivation {
  const id = change.group.groupId;
  if (!model.group(id)) return snapshotBefore(model, applied(model, change));
  return snapshotAfter(model, patchModel(model, { groups: new Map([[id, undefined]]) }));
}

export function deriveGroupDeleted(model: NetworkModel, change: Of<'sg-deleted'>): Derivation {
  const result = applyChange(model, change);
  if (result.effective) return snapshotBefore(model, result.model, ...result.notes);
  return snapshotAfter(model, undefined, `${change.groupId} is already deleted in the state; its content is unknown`);
}

/**
 * Tags already as the change leaves them = after. Removed tags whose values the event names give an
 * exact state before; set tags overwrite values the event does not give (prior unknown).
 */
export function deriveTags(model: NetworkModel, change: Of<'tags-set' | 'tags-removed'>): Derivation {
  const result = retag(model, change);
  if (result.effective) return snapshotBefore(model, result.model);
  const known = change.resourceIds.filter((id) => model.group(id) ?? model.instance(id));
  if (known.length === 0)
    return undetermined(model, model, 'no security group or instance the change tags is in the state');
  if (change.kind === 'tags-removed' && change.tags.every((t) => t.value !== undefined)) {
    const restored = Object.fromEntries(change.tags.map((t) => [t.key, t.value!]));
    const before = retag(model, { kind: 'tags-set', resourceIds: known, tags: restored }).model;
    return snapshotAfter(model, before);
  }
  return snapshotAfter(model, undefined, 'the state already shows the new tags; their prior values are unknown');
}

