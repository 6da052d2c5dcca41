import { child, type Node, ok, type Result } from '../../events/read';
import type { CannotJudge, PlanContext, PlanResource, TemplateRef } from '../types';
import { entries, optText, stringMap } from '../values';
import { afterValue, type AttributePath } from './after-values';

/** Readers shared by the resources that launch instances (aws_instance, aws_autoscaling_group). */

/** A value read after the change, or the cannot-judge of the attribute known only after apply. */
export type Known<T> = { readonly value: T } | { readonly cannotJudge: CannotJudge };

export function cannotKnow(
  resource: PlanResource,
  attribute: string,
  what: string,
): { readonly cannotJudge: CannotJudge } {
  return {
    cannotJudge: {
      address: resource.address,
      attribute,
      reason: `${attribute} is known only after apply: ${what} cannot be judged`,
    },
  };
}

/** A launch template reference block (`launch_template[0]`: id, name, version), keys as the type names them. */
export function readTemplateRef(
  resource: PlanResource,
  plan: PlanContext,
  block: AttributePath,
  keys: { readonly id: string; readonly name: string },
): Result<Known<TemplateRef | undefined>> {
  const present = nodeValue(resource.after, block);
  if (present === undefined || present === null) return ok({ value: undefined });
  const read = (key: string): Result<Known<string | undefined>> => {
    const value = afterValue(resource, plan, [...block, key]);
    if ('unknown' in value) return ok(cannotKnow(resource, value.unknown, 'the instances it launches'));
    const s = optText(stringOf(value.node));
    return s.ok ? ok({ value: s.value }) : s;
  };
  const id = read(keys.id);
  if (!id.ok) return id;
  const name = read(keys.name);
  if (!name.ok) return name;
  const version = read('version');
  if (!version.ok) return version;
  // Terraform computes the id from the name (or the name from the id): one of them is enough.
  if (!('value' in id.value) && !('value' in name.value)) return ok(id.value);
  if (!('value' in version.value)) return ok(version.value);
  const launchTemplateId = 'value' in id.value ? id.value.value : undefined;
  const launchTemplateName = 'value' in name.value ? name.value.value : undefined;
  return ok({
    value: {
      ...(launchTemplateId === undefined ? {} : { launchTemplateId }),
      ...(launchTemplateName === undefined ? {} : { launchTemplateName }),
      ...(version.value.value === undefined ? {} : { version: version.value.value }),
    },
  });
}

/** Terraform writes a version as a string; a resolved `latest_version` is a number. */
function stringOf(node: Node): Node {
  return typeof node.value === 'number' ? { ...node, value: String(node.value) } : node;
}

function nodeValue(node: Node, path: AttributePath): unknown {
  let value: unknown = node.value;
  for (const key of path) {
    if (typeof key === 'number') value = Array.isArray(value) ? value[key] : undefined;
    else value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

/** `tags_all` (provider default tags included), else `tags`. */
export function readTags(node: Node): Result<Record<string, string>> {
  const all = child(node, 'tags_all');
  return stringMap(all.value === undefined || all.value === null ? child(node, 'tags') : all);
}

/** The first block of a nested block list (`launch_template`, `mixed_instances_policy`...). */
export function firstBlock(node: Node, key: string): Result<Node | undefined> {
  const list = entries(child(node, key));
  if (!list.ok) return list;
  return ok(list.value[0]);
}
