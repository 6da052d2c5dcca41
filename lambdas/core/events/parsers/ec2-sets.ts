import {
  child,
  collect,
  fail,
  id,
  isAbsent,
  isRecord,
  list,
  type Node,
  ok,
  type Result,
  show,
  str,
} from '../read';

/**
 * Readers for the EC2 sets CloudTrail writes in camelCase records (`groupSet`, `tagSet`,
 * `tagSpecificationSet`, `privateIpAddressesSet`), shared by the instance, ENI, group and tag parsers.
 */

/**
 * The entries of a set written `{ items: [...] }` or, as CloudTrail does for some nested sets
 * (`privateIpAddressesSet` of RunInstances and CreateNetworkInterface), `{ item: [...] }`;
 * a single `item` object counts as one entry. Everything `list` accepts is accepted too.
 */
export function setEntries(node: Node): Result<Node[]> {
  const v = node.value;
  if (!isRecord(v) || Object.hasOwn(v, 'items') || !Object.hasOwn(v, 'item')) return list(node);
  const item = child(node, 'item');
  if (isRecord(item.value)) return ok([item]);
  return list({ value: item.value, path: item.path });
}

/** `groupSet: { items: [{ groupId }] }`; at least one group (an ENI always has one). */
export function readGroupIds(node: Node): Result<string[]> {
  const entries = setEntries(node);
  if (!entries.ok) return entries;
  const ids = collect(entries.value, (entry) => id(child(entry, 'groupId'), 'security-group'));
  if (!ids.ok) return ids;
  return ids.value.length > 0 ? ids : fail(node, 'groupSet names no security group');
}

/** A tag value: any string, "" included; absent means "" (CloudTrail drops empty values). */
export function readTagValue(node: Node): Result<string> {
  if (isAbsent(node.value)) return ok('');
  return typeof node.value === 'string' ? ok(node.value) : fail(node, `expected a string, got ${show(node.value)}`);
}

/** One `{ key, value }` tag. */
export function readTag(node: Node): Result<[string, string]> {
  const key = str(child(node, 'key'));
  if (!key.ok) return key;
  const value = readTagValue(child(node, 'value'));
  return value.ok ? ok([key.value, value.value]) : value;
}

/** Tags as a record (own properties only, so a key such as `__proto__` stays a plain key). */
export function toTagRecord(pairs: readonly (readonly [string, string])[]): Record<string, string> {
  return Object.fromEntries(pairs);
}

/** `tagSet: { items: [{ key, value }] }` as a record. */
export function readTagSet(node: Node): Result<Record<string, string>> {
  const entries = setEntries(node);
  if (!entries.ok) return entries;
  const pairs = collect(entries.value, readTag);
  return pairs.ok ? ok(toTagRecord(pairs.value)) : pairs;
}

/**
 * Tags given to one resource type by `tagSpecificationSet: { items: [{ resourceType, tags: [...] }] }`
 * (RunInstances, CreateSecurityGroup, CreateNetworkInterface).
 */
export function readTagSpecifications(node: Node, resourceType: string): Result<Record<string, string>> {
  const specs = setEntries(node);
  if (!specs.ok) return specs;
  const pairs: [string, string][] = [];
  for (const spec of specs.value) {
    const type = str(child(spec, 'resourceType'));
    if (!type.ok) return type;
    if (type.value !== resourceType) continue;
    const tags = setEntries(child(spec, 'tags'));
    if (!tags.ok) return tags;
    const read = collect(tags.value, readTag);
    if (!read.ok) return read;
    pairs.push(...read.value);
  }
  return ok(toTagRecord(pairs));
}
