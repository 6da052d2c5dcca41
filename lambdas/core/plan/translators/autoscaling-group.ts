import { child, ok, type Result } from '../../events/read';
import type {
  CannotJudge,
  PlanContext,
  PlannedLaunch,
  PlanResource,
  TemplateRef,
  Translation,
} from '../types';
import { entries, flag, optText, text, texts } from '../values';
import { type AttributePath, attributeName, nodeAt, unknownAt } from './after-values';
import { cannotKnow, type Known, readTemplateRef } from './launch-reads';
import { isReplace, NOTHING, type Translator } from './translator';
import { normal } from './unsupported';

const WHAT = 'the instances it launches';
/** Attributes that decide what the group's next instances carry. */
const LAUNCH_SETTINGS = [
  'launch_template',
  'mixed_instances_policy',
  'launch_configuration',
  'vpc_zone_identifier',
  'tag',
];
const MIXED: AttributePath = ['mixed_instances_policy', 0, 'launch_template', 0];

/**
 * aws_autoscaling_group. The instances a group launches come from its launch template version
 * (`launch_template` or `mixed_instances_policy`), in each of its subnets, with the template's tags
 * and the group's `propagate_at_launch` tags. A new group, or a change of what it launches (another
 * version, including `$Latest` / `$Default` when the plan moves them), is judged as a launch of one
 * hypothetical instance per subnet, before any exists. A deleted group is noted.
 */
export const autoscalingGroup: Translator = (resource, plan) => {
  const { action, address } = resource;
  if (action === 'delete')
    return ok({ ...NOTHING, notes: [`${address}: the group and its instances are deleted (not judged)`] });
  if (action === 'create' || isReplace(action)) return launches(resource, plan);
  if (action !== 'update') return ok(NOTHING);
  const changed = LAUNCH_SETTINGS.some(
    (key) =>
      unknownAt(resource, [key]) ||
      normal(child(resource.before, key).value) !== normal(child(resource.after, key).value),
  );
  return changed || followsMovedVersion(resource, plan) ? launches(resource, plan) : ok(NOTHING);
};

function launches(resource: PlanResource, plan: PlanContext): Result<Translation> {
  const cannotJudge: CannotJudge[] = [];
  const note = `its next instances are judged, named after ${resource.address}, until AWS launches them`;
  const configuration = optText(child(resource.after, 'launch_configuration'));
  if (!configuration.ok) return configuration;
  if (configuration.value !== undefined || unknownAt(resource, ['launch_configuration']))
    cannotJudge.push({
      address: resource.address,
      attribute: 'launch_configuration',
      reason: 'launch configurations are not modelled by preflight (launch templates are)',
    });
  const template = templateOf(resource, plan);
  if (!template.ok) return template;
  if ('cannotJudge' in template.value) cannotJudge.push(template.value.cannotJudge);
  for (const key of ['vpc_zone_identifier', 'tag'])
    if (unknownAt(resource, [key])) cannotJudge.push(cannotKnow(resource, key, WHAT).cannotJudge);
  const ref = 'value' in template.value ? template.value.value : undefined;
  const blocks = ['launch_template', 'mixed_instances_policy'].filter((key) => unknownAt(resource, [key]));
  if (!ref && !cannotJudge.length)
    cannotJudge.push(
      blocks.length
        ? cannotKnow(resource, blocks[0] ?? '', WHAT).cannotJudge
        : { address: resource.address, reason: 'no launch template: the instances it launches cannot be judged' },
    );
  if (cannotJudge.length || !ref) return ok({ ops: [], cannotJudge, notes: [] });
  const subnetIds = texts(child(resource.after, 'vpc_zone_identifier'));
  if (!subnetIds.ok) return subnetIds;
  const tags = propagatedTags(resource);
  if (!tags.ok) return tags;
  const op: PlannedLaunch = {
    op: 'launch',
    address: resource.address,
    subnetIds: [...subnetIds.value].sort(),
    tags: tags.value,
    template: ref,
  };
  return ok({ ops: [op], cannotJudge, notes: [note] });
}

/** The template of `launch_template`, else of `mixed_instances_policy` (its overrides are not judged). */
function templateOf(resource: PlanResource, plan: PlanContext): Result<Known<TemplateRef | undefined>> {
  const direct = readTemplateRef(resource, plan, ['launch_template', 0], { id: 'id', name: 'name' });
  if (!direct.ok || !('value' in direct.value) || direct.value.value) return direct;
  const spec: AttributePath = [...MIXED, 'launch_template_specification', 0];
  const keys = { id: 'launch_template_id', name: 'launch_template_name' };
  const mixed = readTemplateRef(resource, plan, spec, keys);
  if (!mixed.ok || !('value' in mixed.value)) return mixed;
  const withOwnTemplate = overrideTemplates(resource);
  if (withOwnTemplate.length)
    return ok({
      cannotJudge: {
        address: resource.address,
        attribute: withOwnTemplate[0] ?? '',
        reason: 'an override with its own launch template is not judged by preflight',
      },
    });
  return mixed;
}

/** Overrides of a mixed instances policy that name their own template. */
function overrideTemplates(resource: PlanResource): string[] {
  const overrides = nodeAt(resource.after, [...MIXED, 'override']).value;
  if (!Array.isArray(overrides)) return [];
  return overrides.flatMap((_, i) => {
    const spec = nodeAt(resource.after, [...MIXED, 'override', i, 'launch_template_specification']).value;
    return Array.isArray(spec) && spec.length ? [attributeName([...MIXED, 'override', i])] : [];
  });
}

/** Does the group launch `$Latest` or `$Default` of a template whose latest or default the plan moves? */
function followsMovedVersion(resource: PlanResource, plan: PlanContext): boolean {
  const direct = nodeAt(resource.after, ['launch_template', 0]).value !== undefined;
  const spec: AttributePath = direct ? ['launch_template', 0] : [...MIXED, 'launch_template_specification', 0];
  const id = nodeAt(resource.after, [...spec, direct ? 'id' : 'launch_template_id']).value;
  const version = nodeAt(resource.after, [...spec, 'version']).value;
  if (typeof id !== 'string') return false;
  if (version === '$Latest') return plan.movesTemplate(id, 'latest');
  if (version === undefined || version === null || version === '' || version === '$Default')
    return plan.movesTemplate(id, 'default');
  return false;
}

/** Tags of `tag` blocks with propagate_at_launch. */
function propagatedTags(resource: PlanResource): Result<Record<string, string>> {
  const blocks = entries(child(resource.after, 'tag'));
  if (!blocks.ok) return blocks;
  const tags: Record<string, string> = {};
  for (const block of blocks.value) {
    const propagate = flag(child(block, 'propagate_at_launch'));
    if (!propagate.ok) return propagate;
    if (!propagate.value) continue;
    const key = text(child(block, 'key'));
    if (!key.ok) return key;
    const value = child(block, 'value');
    tags[key.value] = typeof value.value === 'string' ? value.value : '';
  }
  return ok(tags);
}
