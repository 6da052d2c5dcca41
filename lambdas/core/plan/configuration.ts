import { child, isRecord, type Node } from '../events/read';

/**
 * The `configuration` part of `terraform show -json`: each resource's `expressions`, by the address
 * of its declaration (module calls as `module.NAME.`, no instance keys). Only the `references` of an
 * expression are used: they say which other resource an attribute known only after apply comes from.
 * A malformed or missing configuration is no error: nothing is resolved through it.
 */
export function expressionsByAddress(document: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  collect(child(child(document, 'configuration'), 'root_module'), '', out, 0);
  return out;
}

/** Module calls nest; a deeper tree than this is not a real plan. */
const MAX_DEPTH = 32;

function collect(module: Node, prefix: string, out: Map<string, Node>, depth: number): void {
  if (!isRecord(module.value) || depth > MAX_DEPTH) return;
  const resources = child(module, 'resources');
  if (Array.isArray(resources.value))
    resources.value.forEach((value, i) => {
      const node: Node = { value, path: `${resources.path}[${i}]` };
      const address = child(node, 'address').value;
      if (typeof address === 'string') out.set(prefix + address, child(node, 'expressions'));
    });
  const calls = child(module, 'module_calls');
  if (!isRecord(calls.value)) return;
  for (const name of Object.keys(calls.value))
    collect(child(child(calls, name), 'module'), `${prefix}module.${name}.`, out, depth + 1);
}

/** `module.a[0].aws_instance.web["x"]` -> `module.a.aws_instance.web`: the declaration's address. */
export function declarationAddress(address: string): string {
  return address.replace(/\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\]/g, '');
}

/** The module part of a declaration address (`module.a.`), '' for the root module. */
export function modulePrefix(declaration: string): string {
  const parts = declaration.split('.');
  return parts.length > 2 ? `${parts.slice(0, -2).join('.')}.` : '';
}

/**
 * The references of the expression at `path` (attribute names and block indexes, as in `after`), or
 * undefined when the configuration does not say. Nested blocks are lists of objects in `expressions`.
 */
export function referencesAt(expressions: Node | undefined, path: readonly (string | number)[]): string[] | undefined {
  if (!expressions) return undefined;
  let node = expressions;
  for (const key of path) {
    if (typeof key === 'number') {
      const list = node.value;
      node = { value: Array.isArray(list) ? list[key] : undefined, path: `${node.path}[${key}]` };
    } else node = child(node, key);
  }
  const refs = child(node, 'references').value;
  return Array.isArray(refs) && refs.every((r) => typeof r === 'string') ? (refs as string[]) : undefined;
}
