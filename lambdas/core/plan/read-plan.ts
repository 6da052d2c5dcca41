import { ROOT_PATH } from '../events/json-path';
import { child, fail, isAbsent, isRecord, type Node, ok, type Result, show } from '../events/read';
import { declarationAddress, expressionsByAddress } from './configuration';
import type { PlanAction, PlanResource } from './types';
import { entries, optText, text, texts } from './values';

const ACTIONS: ReadonlyMap<string, PlanAction> = new Map([
  ['create', 'create'],
  ['update', 'update'],
  ['delete', 'delete'],
  ['delete,create', 'delete-create'],
  ['create,delete', 'create-delete'],
  ['no-op', 'no-op'],
  ['read', 'read'],
  ['forget', 'forget'],
]);

/**
 * The resource changes of a `terraform show -json PLANFILE` document, validated down to each
 * change's actions; attribute values are read later by the translator of each resource type.
 */
export function readPlan(document: unknown): Result<PlanResource[]> {
  const root: Node = { value: document, path: ROOT_PATH };
  if (!isRecord(document))
    return fail(root, `expected a terraform show -json plan (an object), got ${show(document)}`);
  const version = text(child(root, 'format_version'));
  if (!version.ok)
    return fail(version.issue.path, `${version.issue.reason} (not terraform show -json output)`);
  const changes = child(root, 'resource_changes');
  if (isAbsent(changes.value) && isAbsent(document.planned_values)) {
    const why = isAbsent(document.values)
      ? ''
      : ': this is a state, not a plan (terraform show -json PLANFILE)';
    return fail(changes, `missing${why}`);
  }
  const list = entries(changes);
  if (!list.ok) return list;
  const expressions = expressionsByAddress(root);
  const out: PlanResource[] = [];
  for (const node of list.value) {
    const resource = readResourceChange(node);
    if (!resource.ok) return resource;
    const declared = expressions.get(declarationAddress(resource.value.address));
    out.push(declared ? { ...resource.value, expressions: declared } : resource.value);
  }
  return ok(out);
}

function readResourceChange(node: Node): Result<PlanResource> {
  if (!isRecord(node.value))
    return fail(node, `expected a resource change (an object), got ${show(node.value)}`);
  const address = text(child(node, 'address'));
  if (!address.ok) return address;
  const type = text(child(node, 'type'));
  if (!type.ok) return type;
  const mode = optText(child(node, 'mode'));
  if (!mode.ok) return mode;
  if (mode.value !== undefined && mode.value !== 'managed' && mode.value !== 'data')
    return fail(child(node, 'mode'), `expected managed or data, got ${show(mode.value)}`);
  const deposed = optText(child(node, 'deposed'));
  if (!deposed.ok) return deposed;
  const change = child(node, 'change');
  if (!isRecord(change.value)) return fail(change, isAbsent(change.value) ? 'missing' : 'expected an object');
  const actionsNode = child(change, 'actions');
  const actions = texts(actionsNode);
  if (!actions.ok) return actions;
  const action = ACTIONS.get(actions.value.join(','));
  if (!action)
    return fail(
      actionsNode,
      `unknown actions ${show(actions.value.join(','))} ` +
        '(expected create, update, delete, delete+create, create+delete, no-op, read or forget)',
    );
  return ok({
    address: address.value,
    type: type.value,
    mode: mode.value === 'data' ? 'data' : 'managed',
    action,
    actions: actions.value,
    before: child(change, 'before'),
    after: child(change, 'after'),
    afterUnknown: child(change, 'after_unknown'),
    ...(deposed.value === undefined ? {} : { deposed: deposed.value }),
  });
}
