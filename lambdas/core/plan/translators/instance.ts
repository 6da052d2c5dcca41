import { child, ok, type Result } from '../../events/read';
import { sameSet } from '../../state/apply-change';
import type { CannotJudge, PlanContext, PlannedLaunch, PlanOp, PlanResource, Translation } from '../types';
import { entries, integer, optText, text, texts } from '../values';
import { afterValue, unknownAt } from './after-values';
import { cannotKnow, readTags, readTemplateRef } from './launch-reads';
import { change, isReplace, NOTHING, type Translator } from './translator';
import { normal } from './unsupported';

/**
 * aws_instance. An update of `vpc_security_group_ids` sets the groups of the primary ENI
 * (ModifyInstanceAttribute). A new instance is launched under a placeholder id (its address), with
 * its tags, subnet, groups or launch template, and the `network_interface` blocks it attaches: what
 * it will reach and who will reach it is judged before it exists. A terminated instance is noted.
 */
export const instance: Translator = (resource, plan) => {
  const { action, address } = resource;
  const gone = `${address}: the instance is terminated; its interfaces stop carrying traffic (not judged)`;
  if (action === 'create') return launched(resource, plan, []);
  if (action === 'delete') return ok({ ...NOTHING, notes: [gone] });
  if (isReplace(action)) return launched(resource, plan, [`${gone}; a new instance replaces it`]);
  return action === 'update' ? updated(resource) : ok(NOTHING);
};

function updated(resource: PlanResource): Result<Translation> {
  const cannotJudge: CannotJudge[] = [];
  const byName = (node: typeof resource.before) => normal(child(node, 'security_groups').value);
  if (byName(resource.before) !== byName(resource.after))
    cannotJudge.push({
      address: resource.address,
      attribute: 'security_groups',
      reason: 'changes to aws_instance.security_groups (groups by name) are not modelled by preflight',
    });
  if (unknownAt(resource, ['vpc_security_group_ids'])) {
    const what = 'the groups of its primary interface';
    cannotJudge.push(cannotKnow(resource, 'vpc_security_group_ids', what).cannotJudge);
    return ok({ ops: [], cannotJudge, notes: [] });
  }
  const id = text(child(resource.before, 'id'));
  if (!id.ok) return id;
  const old = texts(child(resource.before, 'vpc_security_group_ids'));
  if (!old.ok) return old;
  const next = texts(child(resource.after, 'vpc_security_group_ids'));
  if (!next.ok) return next;
  const ops: PlanOp[] = sameSet(old.value, next.value)
    ? []
    : [change({ kind: 'instance-groups-set', instanceId: id.value, groupIds: next.value })];
  return ok({ ops, cannotJudge, notes: [] });
}

function launched(resource: PlanResource, plan: PlanContext, notes: string[]): Result<Translation> {
  const what = 'the instance it launches';
  const cannotJudge: CannotJudge[] = [];
  const template = readTemplateRef(resource, plan, ['launch_template', 0], { id: 'id', name: 'name' });
  if (!template.ok) return template;
  if ('cannotJudge' in template.value) cannotJudge.push(template.value.cannotJudge);
  const ref = 'value' in template.value ? template.value.value : undefined;
  const tagged = unknownAt(resource, ['tags_all']) ? 'tags' : 'tags_all';
  if (unknownAt(resource, [tagged])) cannotJudge.push(cannotKnow(resource, tagged, what).cannotJudge);
  const tags = readTags(resource.after);
  if (!tags.ok) return tags;
  const attach = readAttachments(resource, plan, cannotJudge);
  if (!attach.ok) return attach;
  const groupsKnown = !unknownAt(resource, ['vpc_security_group_ids']);
  const groups = groupsKnown ? texts(child(resource.after, 'vpc_security_group_ids')) : ok(undefined);
  if (!groups.ok) return groups;
  const subnet = afterValue(resource, plan, ['subnet_id']);
  const subnetId = 'node' in subnet ? optText(subnet.node) : ok(undefined);
  if (!subnetId.ok) return subnetId;
  if (!attach.value.length && !ref && !('cannotJudge' in template.value)) {
    // Without a template or attached interfaces, the groups and the subnet are the instance's own.
    if (!groupsKnown) cannotJudge.push(cannotKnow(resource, 'vpc_security_group_ids', what).cannotJudge);
    if ('unknown' in subnet) cannotJudge.push(cannotKnow(resource, subnet.unknown, what).cannotJudge);
  }
  notes.push(`new instance judged as ${resource.address} until AWS gives it an id`);
  if (cannotJudge.length) return ok({ ops: [], cannotJudge, notes });
  const op: PlannedLaunch = {
    op: 'launch',
    address: resource.address,
    subnetIds: subnetId.value === undefined ? [] : [subnetId.value],
    tags: tags.value,
    ...(ref ? { template: ref } : {}),
    ...(groups.value?.length && !attach.value.length ? { groupIds: groups.value } : {}),
    ...(attach.value.length ? { attach: attach.value } : {}),
  };
  return ok({ ops: [op], cannotJudge, notes });
}

/** `network_interface` blocks: existing ENIs attached at launch, by device index. */
function readAttachments(resource: PlanResource, plan: PlanContext, cannotJudge: CannotJudge[]) {
  const blocks = entries(child(resource.after, 'network_interface'));
  if (!blocks.ok) return blocks;
  const out: { eniId: string; deviceIndex: number }[] = [];
  for (const [i, block] of blocks.value.entries()) {
    const eni = afterValue(resource, plan, ['network_interface', i, 'network_interface_id']);
    if ('unknown' in eni) {
      cannotJudge.push(cannotKnow(resource, eni.unknown, 'the instance it launches').cannotJudge);
      continue;
    }
    const eniId = text(eni.node);
    if (!eniId.ok) return eniId;
    const deviceIndex = integer(child(block, 'device_index'), 0, 1023);
    if (!deviceIndex.ok) return deviceIndex;
    out.push({ eniId: eniId.value, deviceIndex: deviceIndex.value });
  }
  return ok(out);
}

/** The placeholder id of an instance the plan creates, for resources that reference it. */
export const plannedInstance = (resource: PlanResource, attribute: string): string | undefined => {
  const created = resource.action === 'create' || isReplace(resource.action);
  return attribute === 'id' && created ? resource.address : undefined;
};
