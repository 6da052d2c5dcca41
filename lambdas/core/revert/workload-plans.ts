import type { Change } from '../events/types';
import type { DerivedStates } from '../state/types';
import type { RevertPlan } from '../verdict/types';
import { nothingToUndo, priorUnknownReason, ready, step, unknownPrior } from './steps';

type Of<K extends Change['kind']> = Extract<Change, { kind: K }>;

/**
 * Changes that are never undone by sg-guardian: terminating, detaching or deleting what someone just
 * created hurts more than the broken path it causes. The verdict notifies with the fix instead.
 */
export const NEVER_UNDONE = {
  'instances-launched': 'a launch is never undone (no instance is terminated): apply the fix',
  'eni-created': 'a new network interface is never deleted: apply the fix',
  'eni-attached': 'an attachment is never undone (no ENI is detached): apply the fix',
  'eni-detached': 'a detached network interface is never attached again automatically: apply the fix',
  'launch-template-version-created': 'a launch template version is never deleted: apply the fix in a new version',
  'launch-template-default-set': 'the default version of a launch template is never switched back automatically: apply the fix',
  'prefix-list-modified': 'prefix list entries are never edited back automatically: apply the fix',
  'sg-created': 'a new security group is never deleted: apply the fix',
  'sg-deleted': 'a deleted security group cannot be restored with the same id: apply the fix',
  'tags-set': 'tags are never changed back automatically: apply the fix',
  'tags-removed': 'tags are never changed back automatically: apply the fix',
} as const satisfies Partial<Record<Change['kind'], string>>;

export type NeverUndoneKind = keyof typeof NEVER_UNDONE;

export const neverUndone = (change: { readonly kind: NeverUndoneKind }): RevertPlan =>
  nothingToUndo(NEVER_UNDONE[change.kind]);

/** ModifyInstanceAttribute --groups is undone like an ENI group change, on the instance's primary ENI. */
export function revertInstanceGroups(change: Of<'instance-groups-set'>, states: DerivedStates): RevertPlan {
  const slot = (states.before ?? states.after)
    .instance(change.instanceId)
    ?.networkInterfaces.find((n) => n.deviceIndex === 0);
  if (!slot) return unknownPrior(`the primary network interface of ${change.instanceId} is unknown`);
  const prior = states.before?.eni(slot.eniId)?.groupIds;
  if (!prior)
    return unknownPrior(
      priorUnknownReason(states.notes, `prior groups of ${change.instanceId} (${slot.eniId}) are unknown`),
    );
  const summary = `Set the groups of ${slot.eniId} (primary ENI of ${change.instanceId}) back to ${prior.join(', ') || '(none)'}`;
  return ready(
    step('ModifyNetworkInterfaceAttribute', { NetworkInterfaceId: slot.eniId, Groups: [...prior] }, summary),
  );
}
