import type { Change } from '../events/types';
import { patchModel } from '../model/patched-model';
import type { NetworkInterface, NetworkModel } from '../model/types';
import { affectedBy } from '../state/affected';
import { modifiedIds } from '../state/modified';
import { applyChange } from '../state/apply-change';
import type { AffectedResources } from '../state/types';
import { resolveLaunch } from './launch';
import { missingWorkload } from './missing-workload';
import type { PlannedLaunch, PlanOp } from './types';

export interface OpOutcome {
  readonly model: NetworkModel;
  readonly touched: AffectedResources;
  readonly notes: readonly string[];
  /** Why the op could not be applied (it names something the snapshot lacks): its effect is unknown. */
  readonly missing?: string;
}

const NOTHING: AffectedResources = { groupIds: [], eniIds: [], naclIds: [], subnetIds: [] };

/** What the model knows about the plan so far: groups it deleted (later references to them are moot). */
export interface ApplyContext {
  readonly deletedGroups: ReadonlySet<string>;
}

/** Applies one planned effect to the model (which is not modified). */
export function applyOp(model: NetworkModel, op: PlanOp, ctx: ApplyContext): OpOutcome {
  switch (op.op) {
    case 'change':
      return applyPlannedChange(model, op.change, ctx);
    case 'create-group':
      return {
        model: patchModel(model, { groups: new Map([[op.group.groupId, op.group]]) }),
        touched: { ...NOTHING, groupIds: [op.group.groupId] },
        notes: [],
      };
    case 'delete-group':
      return deleteGroup(model, op.groupId, ctx);
    case 'attach-group':
    case 'detach-group':
      return setMembership(model, op.eniId, op.groupId, op.op === 'attach-group', ctx);
    case 'launch':
      return launch(model, op, ctx);
  }
}

/** A planned launch: the instances and attachments it resolves to, all applied or none. */
function launch(model: NetworkModel, op: PlannedLaunch, ctx: ApplyContext): OpOutcome {
  const resolved = resolveLaunch(model, op);
  if ('missing' in resolved) return unchanged(model, resolved.missing);
  let current = model;
  const touched: AffectedResources[] = [];
  const notes = [...resolved.notes];
  for (const change of resolved.changes) {
    const outcome = applyPlannedChange(current, change, ctx);
    if (outcome.missing !== undefined) return unchanged(model, outcome.missing);
    current = outcome.model;
    touched.push(outcome.touched);
    notes.push(...outcome.notes);
  }
  return { model: current, touched: mergeTouched(touched), notes };
}

function applyPlannedChange(model: NetworkModel, change: Change, ctx: ApplyContext): OpOutcome {
  const missing = missingTarget(model, change, ctx);
  if (missing !== undefined) return unchanged(model, missing);
  if ('groupId' in change && ctx.deletedGroups.has(change.groupId) && !model.group(change.groupId))
    return { model, touched: NOTHING, notes: [`${change.groupId} is deleted earlier in this plan`] };
  const result = applyChange(model, change);
  const touched = affectedBy(change, { position: 'before', before: model, after: result.model, notes: [] });
  return { model: result.model, touched, notes: result.notes };
}

function missingTarget(model: NetworkModel, change: Change, ctx: ApplyContext): string | undefined {
  const ids = modifiedIds(change, model);
  const groups = ids.groupIds.filter((g) => !model.group(g) && !ctx.deletedGroups.has(g));
  if (groups.length && change.kind !== 'sg-created')
    return `security group ${groups.join(', ')} is not in the snapshot`;
  const enis = ids.eniIds.filter((e) => !model.eni(e));
  if (enis.length && change.kind !== 'eni-created' && change.kind !== 'instances-launched')
    return `network interface ${enis.join(', ')} is not in the snapshot`;
  if (change.kind === 'eni-groups-set' || change.kind === 'instance-groups-set') {
    const unknown = change.groupIds.filter((g) => !model.group(g));
    if (unknown.length) return `security group(s) ${unknown.join(', ')} not in the snapshot`;
  }
  const workload = missingWorkload(model, change, ids);
  if (workload !== undefined) return workload;
  if (ids.naclIds.length) {
    if (!model.coverage.nacls) return 'the snapshot has no network ACLs (describe-network-acls.json)';
    const nacls = ids.naclIds.filter((n) => !model.nacl(n));
    if (nacls.length) return `network ACL ${nacls.join(', ')} is not in the snapshot`;
  }
  return undefined;
}

/**
 * A deleted group loses every rule and every ENI that carried it. AWS refuses to delete a group that
 * is still in use, so that is noted: the plan only works if those ENIs lose it first.
 */
function deleteGroup(model: NetworkModel, groupId: string, ctx: ApplyContext): OpOutcome {
  if (!model.group(groupId)) {
    if (ctx.deletedGroups.has(groupId)) return { model, touched: NOTHING, notes: [] };
    return unchanged(model, `security group ${groupId} is not in the snapshot`);
  }
  const carriers = model.enisWithGroup(groupId);
  const enis = new Map<string, NetworkInterface>(
    carriers.map((e) => [e.eniId, { ...e, groupIds: e.groupIds.filter((g) => g !== groupId) }]),
  );
  const notes = carriers.length
    ? [
        `${groupId} is still attached to ${carriers.map((e) => e.eniId).join(', ')}: ` +
          'judged as removed from them ' +
          '(AWS refuses to delete a group in use, so the apply fails unless they lose it first)',
      ]
    : [];
  return {
    model: patchModel(model, { groups: new Map([[groupId, undefined]]), enis }),
    touched: {
      ...NOTHING,
      groupIds: [...new Set([groupId, ...carriers.flatMap((e) => e.groupIds)])],
      eniIds: carriers.map((e) => e.eniId),
    },
    notes,
  };
}

function setMembership(
  model: NetworkModel,
  eniId: string,
  groupId: string,
  attach: boolean,
  ctx: ApplyContext,
): OpOutcome {
  const eni = model.eni(eniId);
  if (!eni) return unchanged(model, `network interface ${eniId} is not in the snapshot`);
  if (attach && !model.group(groupId))
    return unchanged(model, `security group ${groupId} is not in the snapshot`);
  const has = eni.groupIds.includes(groupId);
  if (has === attach)
    return {
      model,
      touched: NOTHING,
      notes: [`${eniId} ${attach ? 'already carries' : 'does not carry'} ${groupId}`],
    };
  const groupIds = attach ? [...eni.groupIds, groupId] : eni.groupIds.filter((g) => g !== groupId);
  return applyPlannedChange(model, { kind: 'eni-groups-set', eniId, groupIds }, ctx);
}

function unchanged(model: NetworkModel, missing: string): OpOutcome {
  return { model, touched: NOTHING, notes: [], missing };
}

/** The union of what several ops touched. */
export function mergeTouched(all: readonly AffectedResources[]): AffectedResources {
  const union = (pick: (t: AffectedResources) => readonly string[]) => [...new Set(all.flatMap(pick))];
  const instanceIds = union((t) => t.instanceIds ?? []);
  return {
    groupIds: union((t) => t.groupIds),
    eniIds: union((t) => t.eniIds),
    naclIds: union((t) => t.naclIds),
    subnetIds: union((t) => t.subnetIds),
    ...(instanceIds.length ? { instanceIds } : {}),
  };
}
