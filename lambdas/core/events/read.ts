import { normalizeCidr } from '../util/cidr';
import { describeId, isResourceId, type ResourceKind } from '../util/resource-ids';
import { indexPath, keyPath } from './json-path';

/**
 * Guarded reading of untrusted JSON. Every value travels with its JSON path, and every reader
 * returns a Result instead of throwing, so a bad field is reported where it is.
 */

/** A value found in the input document and the path it was found at. */
export interface Node {
  readonly value: unknown;
  readonly path: string;
}

export interface Issue {
  readonly path: string;
  readonly reason: string;
}

export type Failure = { readonly ok: false; readonly issue: Issue };
export type Result<T> = { readonly ok: true; readonly value: T } | Failure;

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export function fail(at: Node | string, reason: string): Failure {
  return { ok: false, issue: { path: typeof at === 'string' ? at : at.path, reason } };
}

export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null;
}

/** A short, safe description of any value for messages (never calls toString on objects). */
export function show(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}

/** The node's own property `key` (absent when the node is not an object). */
export function child(node: Node, key: string): Node {
  const value = isRecord(node.value) && Object.hasOwn(node.value, key) ? node.value[key] : undefined;
  return { value, path: keyPath(node.path, key) };
}

/** Follows several keys at once: `at(record, 'userIdentity', 'sessionContext')`. */
export function at(node: Node, ...keys: readonly string[]): Node {
  return keys.reduce(child, node);
}

export function has(node: Node, key: string): boolean {
  return !isAbsent(child(node, key).value);
}

export function str(node: Node, what = 'a non-empty string'): Result<string> {
  if (typeof node.value === 'string' && node.value.length > 0) return ok(node.value);
  return fail(node, isAbsent(node.value) ? 'missing' : `expected ${what}, got ${show(node.value)}`);
}

export function optStr(node: Node): Result<string | undefined> {
  return isAbsent(node.value) ? ok(undefined) : str(node);
}

/**
 * A rule or entry description: any string, the empty one included (EC2 takes `"Description": ""`, e.g.
 * `aws ec2 authorize-security-group-ingress --ip-permissions '[{..."IpRanges": [{"CidrIp": "0.0.0.0/0",
 * "Description": ""}]}]'`, and CloudTrail records the request as sent). Empty means no description.
 */
export function optDescription(node: Node): Result<string | undefined> {
  if (isAbsent(node.value) || node.value === '') return ok(undefined);
  return typeof node.value === 'string' ? ok(node.value) : fail(node, `expected a string, got ${show(node.value)}`);
}

/** A resource id of the given kind (util/resource-ids.ts): a malformed one makes the event invalid. */
export function id(node: Node, kind: ResourceKind): Result<string> {
  const text = str(node);
  if (!text.ok) return text;
  return isResourceId(kind, text.value) ? text : fail(node, `expected ${describeId(kind)}, got ${show(text.value)}`);
}

export function optId(node: Node, kind: ResourceKind): Result<string | undefined> {
  return isAbsent(node.value) ? ok(undefined) : id(node, kind);
}

/** The string at node, or undefined for anything else (for informative fields only). */
export function looseStr(node: Node): string | undefined {
  return typeof node.value === 'string' && node.value.length > 0 ? node.value : undefined;
}

const INTEGER_TEXT = /^-?\d{1,10}$/;

/** An integer in [min, max]; integer-looking strings ("22") are accepted. */
export function int(node: Node, min: number, max: number): Result<number> {
  const v = node.value;
  const n =
    typeof v === 'number' ? v : typeof v === 'string' && INTEGER_TEXT.test(v) ? Number(v) : Number.NaN;
  if (isAbsent(v)) return fail(node, 'missing');
  if (!Number.isInteger(n)) return fail(node, `expected an integer, got ${show(v)}`);
  if (n < min || n > max) return fail(node, `${n} is out of range ${min}..${max}`);
  return ok(n);
}

export function optInt(node: Node, min: number, max: number): Result<number | undefined> {
  return isAbsent(node.value) ? ok(undefined) : int(node, min, max);
}

export function bool(node: Node): Result<boolean> {
  if (typeof node.value === 'boolean') return ok(node.value);
  return fail(node, isAbsent(node.value) ? 'missing' : `expected true or false, got ${show(node.value)}`);
}

/**
 * The entries of an EC2 list. CloudTrail writes lists as `{ items: [...] }` and EMPTY lists as `{}`;
 * a plain array is accepted too. Absent means empty.
 */
export function list(node: Node): Result<Node[]> {
  const v = node.value;
  if (isAbsent(v)) return ok([]);
  if (Array.isArray(v)) return ok(Array.from(v, (value, i) => ({ value, path: indexPath(node.path, i) })));
  if (!isRecord(v)) return fail(node, `expected a list ({ items: [...] }), got ${show(v)}`);
  const items = child(node, 'items');
  if (isAbsent(items.value)) {
    return Object.keys(v).length === 0 ? ok([]) : fail(items, 'missing (expected { items: [...] })');
  }
  if (!Array.isArray(items.value)) return fail(items, `expected an array, got ${show(items.value)}`);
  // Array.from visits holes of a sparse array (map skips them and leaves undefined nodes behind).
  return ok(Array.from(items.value, (value, i) => ({ value, path: indexPath(items.path, i) })));
}

/** Reads every node with `read`; the first failure wins. */
export function collect<T>(nodes: readonly Node[], read: (node: Node) => Result<T>): Result<T[]> {
  const out: T[] = [];
  for (const node of nodes) {
    const r = read(node);
    if (!r.ok) return r;
    out.push(r.value);
  }
  return ok(out);
}

/** Reads the list at `node` and each of its entries. */
export function readList<T>(node: Node, read: (entry: Node) => Result<T>): Result<T[]> {
  const entries = list(node);
  return entries.ok ? collect(entries.value, read) : entries;
}

type Values<T> = { [K in keyof T]: T[K] extends Result<infer V> ? V : never };

/** Combines named results into one object; the first failure (in key order) wins. */
export function all<T extends Record<string, Result<unknown>>>(parts: T): Result<Values<T>> {
  const out: Record<string, unknown> = {};
  for (const [key, r] of Object.entries(parts)) {
    if (!r.ok) return r;
    out[key] = r.value;
  }
  return ok(out as Values<T>);
}

/**
 * A CIDR of the given family exactly as EC2 accepts it (util/cidr-strict.ts), normalised
 * (e.g. '10.0.0.5/24' -> '10.0.0.0/24'); anything else makes the event invalid at this path.
 */
export function cidr(node: Node, family: 'ipv4' | 'ipv6'): Result<string> {
  const text = str(node);
  if (!text.ok) return text;
  const normal = normalizeCidr(text.value);
  if (normal === undefined) return fail(node, `not a valid CIDR: ${show(text.value)}`);
  if (normal.includes(':') !== (family === 'ipv6')) {
    return fail(node, `expected an ${family === 'ipv6' ? 'IPv6' : 'IPv4'} CIDR, got ${show(text.value)}`);
  }
  return ok(normal);
}

/** A field holding one entry or an array of entries (e.g. ModifySecurityGroupRules' SecurityGroupRule). */
export function oneOrMany(node: Node): Node[] {
  if (isAbsent(node.value)) return [];
  if (Array.isArray(node.value))
    return Array.from(node.value, (value, i) => ({ value, path: indexPath(node.path, i) }));
  return [node];
}

/** The object without its undefined values (optional fields stay absent, so changes compare cleanly). */
export function definedOnly<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
