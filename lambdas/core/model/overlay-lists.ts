/** Lists of a patched model: the base's answer corrected for the patch (see patched-model.ts). */

/** Replacements by id; `undefined` = deleted. */
export type Patch<T> = ReadonlyMap<string, T | undefined>;

/** The base's items with patched ones replaced or dropped, then new ones, keeping the base's order. */
export function* overlayAll<T>(
  baseItems: Iterable<T>,
  patch: Patch<T>,
  idOf: (item: T) => string,
  inBase: (id: string) => T | undefined,
): Iterable<T> {
  for (const item of baseItems) {
    const id = idOf(item);
    if (!patch.has(id)) yield item;
    else {
      const replaced = patch.get(id);
      if (replaced) yield replaced;
    }
  }
  for (const [id, item] of patch) if (item && inBase(id) === undefined) yield item;
}

/** An index answer of the base, corrected for the patch: `keep` says whether a patched item belongs. */
export function overlayList<T>(
  baseList: readonly T[],
  patch: Patch<T>,
  idOf: (item: T) => string,
  keep: (item: T) => boolean,
): readonly T[] {
  if (patch.size === 0) return baseList;
  const { out, seen } = overlayBase(baseList, patch, idOf, keep);
  for (const [id, item] of patch) if (item && !seen.has(id) && keep(item)) out.push(item);
  return out;
}

/**
 * overlayList when the patched items that `keep` accepts are known (`kept`, in patch order): the same
 * answer in O(base list + kept) instead of O(base list + patch).
 */
export function overlayIndexed<T>(
  baseList: readonly T[],
  patch: Patch<T>,
  idOf: (item: T) => string,
  keep: (item: T) => boolean,
  kept: readonly T[],
): readonly T[] {
  if (patch.size === 0) return baseList;
  const { out, seen } = overlayBase(baseList, patch, idOf, keep);
  for (const item of kept) if (!seen.has(idOf(item))) out.push(item);
  return out;
}

/** The base list with each patched item replaced (or dropped when deleted or not kept), and the ids seen. */
function overlayBase<T>(
  baseList: readonly T[],
  patch: Patch<T>,
  idOf: (item: T) => string,
  keep: (item: T) => boolean,
): { out: T[]; seen: Set<string> } {
  const out: T[] = [];
  const seen = new Set<string>();
  for (const item of baseList) {
    const id = idOf(item);
    seen.add(id);
    if (!patch.has(id)) out.push(item);
    else {
      const replaced = patch.get(id);
      if (replaced && keep(replaced)) out.push(replaced);
    }
  }
  return { out, seen };
}
