import { child, isRecord, type Node } from '../events/read';

/**
 * `after_unknown` mirrors `after`: `true` where a value is known only after apply, objects and arrays
 * where some part may be. Known values are `false` or left out.
 */

/** Is the value at `node` (an after_unknown node) wholly unknown? */
export function isUnknown(node: Node): boolean {
  return node.value === true;
}

/** Is any part of the value at `node` unknown? */
export function hasUnknown(node: Node): boolean {
  return containsTrue(node.value);
}

function containsTrue(value: unknown): boolean {
  if (value === true) return true;
  if (Array.isArray(value)) return value.some(containsTrue);
  if (isRecord(value)) return Object.values(value).some(containsTrue);
  return false;
}

/** The attributes of `names` whose value is (partly) unknown in `afterUnknown`. */
export function unknownAttributes(afterUnknown: Node, names: readonly string[]): string[] {
  return names.filter((name) => hasUnknown(child(afterUnknown, name)));
}

/** The after_unknown node of list entry `index` (absent when the list is known). */
export function unknownEntry(node: Node, index: number): Node {
  const value = Array.isArray(node.value) ? node.value[index] : undefined;
  return { value, path: `${node.path}[${index}]` };
}
