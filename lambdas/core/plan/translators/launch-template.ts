import { child, ok, type Result } from '../../events/read';
import type { LaunchTemplateVersion } from '../../model/types';
import type { PlannedValue } from '../plan-context';
import type { CannotJudge, PlanContext, PlanOp, PlanResource, Translation } from '../types';
import { integer, optInteger, optText, text } from '../values';
import { unknownAt } from './after-values';
import { afterNetwork, type TemplateNetwork } from './template-network';
import { change, isReplace, NOTHING, type Translator } from './translator';
import { normal } from './unsupported';

/** Attributes the provider changes without a new template version. */
const UNVERSIONED = new Set([
  'arn',
  'default_version',
  'description',
  'id',
  'latest_version',
  'tags',
  'tags_all',
  'update_default_version',
]);

/**
 * aws_launch_template. A new template is version 1, its default (CreateLaunchTemplate), under a
 * placeholder id (its address: no `lt-` id can equal it). An update that changes anything a
 * version holds is a new version, Terraform's `latest_version` + 1 (CreateLaunchTemplateVersion);
 * `update_default_version` or a new `default_version` then moves the default (ModifyLaunchTemplate).
 * A deleted template only stops future launches: noted.
 */
export const launchTemplate: Translator = (resource, plan) => {
  const { action, address } = resource;
  if (action === 'create') return created(resource, plan, []);
  const gone = `${address}: the template is deleted; instances launched from it keep running`;
  if (action === 'delete') return ok({ ...NOTHING, notes: [gone] });
  if (isReplace(action)) return created(resource, plan, [`${gone} (replaced by a new template)`]);
  return action === 'update' ? updated(resource, plan) : ok(NOTHING);
};

function created(resource: PlanResource, plan: PlanContext, notes: string[]): Result<Translation> {
  const read = afterNetwork(resource, plan);
  if (!read.ok) return read;
  const name = optText(child(resource.after, 'name'));
  if (!name.ok) return name;
  const cannotJudge = unknownNetwork(resource, read.value.unknown);
  notes.push(`new template judged as ${resource.address} until AWS gives it an id`);
  if (!read.value.network) return ok({ ops: [], cannotJudge, notes });
  const version = toVersion(read.value.network, resource.address, name.value, 1, true);
  return ok({
    ops: [change({ kind: 'launch-template-version-created', version, templateCreated: true })],
    cannotJudge: [...cannotJudge, ...byName(resource, read.value.network)],
    notes,
  });
}

function updated(resource: PlanResource, plan: PlanContext): Result<Translation> {
  const id = text(child(resource.before, 'id'));
  if (!id.ok) return id;
  const latest = integer(child(resource.before, 'latest_version'), 1, Number.MAX_SAFE_INTEGER);
  if (!latest.ok) return latest;
  const next = nextDefault(resource);
  if (!next.ok) return next;
  const ops: PlanOp[] = [];
  const cannotJudge: CannotJudge[] = [];
  if (makesVersion(resource)) {
    const read = afterNetwork(resource, plan);
    if (!read.ok) return read;
    const name = optText(child(resource.after, 'name'));
    if (!name.ok) return name;
    cannotJudge.push(...unknownNetwork(resource, read.value.unknown));
    if (!read.value.network) return ok({ ops, cannotJudge, notes: [] });
    const version = toVersion(read.value.network, id.value, name.value, latest.value + 1, false);
    ops.push(change({ kind: 'launch-template-version-created', version, templateCreated: false }));
    cannotJudge.push(...byName(resource, read.value.network));
  }
  const before = optInteger(child(resource.before, 'default_version'), 1, Number.MAX_SAFE_INTEGER);
  if (!before.ok) return before;
  if (next.value !== undefined && next.value !== before.value)
    ops.push(change({ kind: 'launch-template-default-set', launchTemplateId: id.value, defaultVersion: next.value }));
  return ok({ ops, cannotJudge, notes: [] });
}

/** Does the update change anything a version holds (the provider then creates a new version)? */
function makesVersion(resource: PlanResource): boolean {
  const keys = (value: unknown) => (value && typeof value === 'object' ? Object.keys(value) : []);
  const all = new Set([...keys(resource.before.value), ...keys(resource.after.value)]);
  return [...all].some(
    (key) =>
      !UNVERSIONED.has(key) &&
      (unknownAt(resource, [key]) ||
        normal(child(resource.before, key).value) !== normal(child(resource.after, key).value)),
  );
}

/** The default version after an update; undefined when it stays as it is (or is not known). */
function nextDefault(resource: PlanResource): Result<number | undefined> {
  const latest = optInteger(child(resource.before, 'latest_version'), 1, Number.MAX_SAFE_INTEGER);
  if (!latest.ok) return latest;
  const follow = child(resource.after, 'update_default_version').value === true;
  if (follow && makesVersion(resource) && latest.value !== undefined) return ok(latest.value + 1);
  if (unknownAt(resource, ['default_version'])) return ok(undefined);
  return optInteger(child(resource.after, 'default_version'), 1, Number.MAX_SAFE_INTEGER);
}

function toVersion(
  network: TemplateNetwork,
  launchTemplateId: string,
  name: string | undefined,
  versionNumber: number,
  isDefault: boolean,
): LaunchTemplateVersion {
  return {
    launchTemplateId,
    ...(name === undefined ? {} : { launchTemplateName: name }),
    versionNumber,
    isDefault,
    groupIds: network.groupIds,
    ...(network.groupNames.length ? { groupNames: network.groupNames } : {}),
    networkInterfaces: network.networkInterfaces,
    instanceTags: network.instanceTags,
  };
}

function unknownNetwork(resource: PlanResource, attributes: readonly string[]): CannotJudge[] {
  return attributes.map((attribute) => ({
    address: resource.address,
    attribute,
    reason: `${attribute} is known only after apply: the instances this template launches cannot be judged`,
  }));
}

/** Groups given by name (default VPC) are not resolved to ids. */
function byName(resource: PlanResource, network: TemplateNetwork): CannotJudge[] {
  if (!network.groupNames.length) return [];
  const reason = `groups by name (${network.groupNames.join(', ')}) are not resolved to ids by preflight`;
  return [{ address: resource.address, attribute: 'security_group_names', reason }];
}

/** What the plan makes of the template's id and versions, for resources that reference them. */
export const plannedTemplate: PlannedValue = (resource, attribute) => {
  const { action } = resource;
  if (action === 'delete') return undefined;
  const created = action === 'create' || isReplace(action);
  const before = (key: string) => child(resource.before, key).value;
  if (attribute === 'id') return created ? resource.address : (before('id') as string | undefined);
  if (attribute === 'latest_version') {
    if (created) return 1;
    const latest = before('latest_version');
    return typeof latest === 'number' ? latest + (makesVersion(resource) ? 1 : 0) : undefined;
  }
  if (attribute === 'default_version') {
    if (created) return 1;
    const next = nextDefault(resource);
    const old = before('default_version');
    return next.ok ? (next.value ?? (typeof old === 'number' ? old : undefined)) : undefined;
  }
  return undefined;
};
