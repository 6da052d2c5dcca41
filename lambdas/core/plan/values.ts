import { indexPath, keyPath } from '../events/json-path';
import { fail, isAbsent, isRecord, type Node, ok, type Result, show } from '../events/read';

/**
 * Readers for the values of a `terraform show -json` plan. Terraform writes attributes that are not
 * set as null, numbers as JSON numbers and lists as arrays; each reader names what it expected.
 */

export function text(node: Node): Result<string> {
  if (typeof node.value === 'string' && node.value.length > 0) return ok(node.value);
  return fail(node, isAbsent(node.value) ? 'missing' : `expected a string, got ${show(node.value)}`);
}

/** A string, or undefined for null, absent and "" (Terraform's "not set"). */
export function optText(node: Node): Result<string | undefined> {
  if (isAbsent(node.value) || node.value === '') return ok(undefined);
  return text(node);
}

/** An integer in [min, max]. */
export function integer(node: Node, min: number, max: number): Result<number> {
  const v = node.value;
  if (isAbsent(v)) return fail(node, 'missing');
  if (typeof v !== 'number') return fail(node, `expected a number, got ${show(v)}`);
  if (!Number.isInteger(v)) return fail(node, `expected an integer, got ${v}`);
  if (v < min || v > max) return fail(node, `${v} is out of range ${min}..${max}`);
  return ok(v);
}

export function optInteger(node: Node, min: number, max: number): Result<number | undefined> {
  return isAbsent(node.value) ? ok(undefined) : integer(node, min, max);
}

/** A boolean; null and absent are false (Terraform's default for flags such as `self`). */
export function flag(node: Node): Result<boolean> {
  if (isAbsent(node.value)) return ok(false);
  if (typeof node.value === 'boolean') return ok(node.value);
  return fail(node, `expected true or false, got ${show(node.value)}`);
}

/** The entries of a list or set; null and absent are empty. */
export function entries(node: Node): Result<Node[]> {
  if (isAbsent(node.value)) return ok([]);
  if (!Array.isArray(node.value)) return fail(node, `expected a list, got ${show(node.value)}`);
  return ok(Array.from(node.value, (value, i) => ({ value, path: indexPath(node.path, i) })));
}

/** A list of non-empty strings; null and absent are empty. */
export function texts(node: Node): Result<string[]> {
  const list = entries(node);
  if (!list.ok) return list;
  const out: string[] = [];
  for (const entry of list.value) {
    const s = text(entry);
    if (!s.ok) return s;
    out.push(s.value);
  }
  return ok(out);
}

/** A map of strings (tags); null and absent are empty. */
export function stringMap(node: Node): Result<Record<string, string>> {
  if (isAbsent(node.value)) return ok({});
  if (!isRecord(node.value)) return fail(node, `expected an object, got ${show(node.value)}`);
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(node.value)) {
    if (typeof value !== 'string')
      return fail(keyPath(node.path, key), `expected a string, got ${show(value)}`);
    out[key] = value;
  }
  return ok(out);
}
