import type { Patch } from './overlay-lists';
import type { NetworkInterface } from './types';

/** Patched ENIs (not deletions) by the groups they carry, each list in patch order. */
export type EnisByGroup = ReadonlyMap<string, readonly NetworkInterface[]>;

/** An index and the patch's values (in order) it was built from. */
interface Built {
  readonly values: readonly (NetworkInterface | undefined)[];
  readonly byGroup: EnisByGroup;
}

/**
 * The index last built per ENI patch map. The Lambda's view makes a new patched model per event over
 * the same long-lived map of known ENIs (~1,000): the index is built again only when the map's values
 * are no longer the same objects in the same order (a set, delete or re-insertion between views).
 * Entries are immutable model objects, as everywhere in the model: one replaced in the map is a new object.
 */
const built = new WeakMap<Patch<NetworkInterface>, Built>();

/** The patched ENIs of `patch` by group, shared by every view over the same, unchanged patch. */
export function enisByGroupOf(patch: Patch<NetworkInterface>): EnisByGroup {
  const known = built.get(patch);
  if (known && sameValues(patch, known.values)) return known.byGroup;
  const values: (NetworkInterface | undefined)[] = [];
  const byGroup = new Map<string, NetworkInterface[]>();
  patch.forEach((e) => {
    values.push(e);
    if (!e) return;
    const groupIds = e.groupIds;
    for (let i = 0; i < groupIds.length; i++) {
      const g = groupIds[i]!;
      if (groupIds.indexOf(g) !== i) continue; // listed twice: the ENI is in the group's list once
      const list = byGroup.get(g);
      if (list) list.push(e);
      else byGroup.set(g, [e]);
    }
  });
  built.set(patch, { values, byGroup });
  return byGroup;
}

/** Does the map still hold exactly these values, in this order (compared by identity, no allocation)? */
function sameValues(patch: Patch<NetworkInterface>, values: readonly (NetworkInterface | undefined)[]): boolean {
  if (patch.size !== values.length) return false;
  let i = 0;
  let same = true;
  patch.forEach((e) => {
    if (same && e !== values[i]) same = false;
    i++;
  });
  return same;
}
