import { indexPath } from '../../events/json-path';
import { child, type Node } from '../../events/read';
import type { PlanContext, PlanResource } from '../types';
import { hasUnknown } from '../unknown';

export type AttributePath = readonly (string | number)[];

/** The node at `path` (attribute names and list indexes) under `node`. */
export function nodeAt(node: Node, path: AttributePath): Node {
  let out = node;
  for (const key of path) {
    if (typeof key === 'string') out = child(out, key);
    else {
      const list = out.value;
      out = { value: Array.isArray(list) ? list[key] : undefined, path: indexPath(out.path, key) };
    }
  }
  return out;
}

/** `network_interfaces[1].security_groups`: how a cannot-judge names an attribute. */
export function attributeName(path: AttributePath): string {
  return path.reduce<string>(
    (name, key) => (typeof key === 'number' ? `${name}[${key}]` : name ? `${name}.${key}` : key),
    '',
  );
}

/** Is any part of the value at `path` known only after apply? */
export function unknownAt(resource: PlanResource, path: AttributePath): boolean {
  return hasUnknown(nodeAt(resource.afterUnknown, path));
}

/**
 * A single value after the change: as planned, or (when known only after apply) resolved through
 * the plan; `unknown` names the attribute when neither says.
 */
export function afterValue(
  resource: PlanResource,
  plan: PlanContext,
  path: AttributePath,
): { readonly node: Node } | { readonly unknown: string } {
  const node = nodeAt(resource.after, path);
  if (!unknownAt(resource, path)) return { node };
  const resolved = plan.resolve(resource, path);
  return resolved === undefined ? { unknown: attributeName(path) } : { node: { value: resolved, path: node.path } };
}
