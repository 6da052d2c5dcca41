import type { Change } from '../events/types';
import { findAssociation, findEntry } from '../state/nacl-ops';
import type { DerivedStates } from '../state/types';
import type { RevertPlan } from '../verdict/types';
import { owningService, requesterManagedReason } from './requester-managed';
import { naclEntryInput, naclEntrySummary } from './sdk-input';
import { nothingToUndo, priorUnknownReason, ready, step, unknownPrior } from './steps';

type Of<K extends Change['kind']> = Extract<Change, { kind: K }>;

/** Puts the ENI's prior security groups back; never on an ENI an AWS service manages. */
export function revertEniGroups(change: Of<'eni-groups-set'>, states: DerivedStates): RevertPlan {
  const prior = states.before?.eni(change.eniId)?.groupIds;
  const eni = states.after.eni(change.eniId) ?? states.before?.eni(change.eniId);
  const owner = eni && owningService(eni, prior ?? []);
  if (eni && owner) return nothingToUndo(requesterManagedReason(eni, owner));
  if (!prior)
    return unknownPrior(priorUnknownReason(states.notes, `prior groups of ${change.eniId} are unknown`));
  const summary = `Set the groups of ${change.eniId} back to ${prior.join(', ') || '(none)'}`;
  return ready(
    step(
      'ModifyNetworkInterfaceAttribute',
      { NetworkInterfaceId: change.eniId, Groups: [...prior] },
      summary,
    ),
  );
}

/** A created entry is undone by deleting it: no prior state needed. */
export function revertEntryCreated(change: Of<'nacl-entry-created'>): RevertPlan {
  const { naclId, entry } = change;
  const input = { NetworkAclId: naclId, RuleNumber: entry.ruleNumber, Egress: entry.egress };
  return ready(
    step('DeleteNetworkAclEntry', input, `Delete entry ${naclEntrySummary(entry)} from ${naclId}`),
  );
}

export function revertEntryReplaced(change: Of<'nacl-entry-replaced'>, states: DerivedStates): RevertPlan {
  const { naclId, entry } = change;
  const prior = priorEntry(states, naclId, entry.ruleNumber, entry.egress);
  if (typeof prior === 'string') return unknownPrior(prior);
  return ready(
    step(
      'ReplaceNetworkAclEntry',
      naclEntryInput(naclId, prior),
      `Restore entry ${naclEntrySummary(prior)} of ${naclId}`,
    ),
  );
}

export function revertEntryDeleted(change: Of<'nacl-entry-deleted'>, states: DerivedStates): RevertPlan {
  const prior = priorEntry(states, change.naclId, change.ruleNumber, change.egress);
  if (typeof prior === 'string') return unknownPrior(prior);
  return ready(
    step(
      'CreateNetworkAclEntry',
      naclEntryInput(change.naclId, prior),
      `Re-create entry ${naclEntrySummary(prior)} of ${change.naclId}`,
    ),
  );
}

/** Moves the subnet back: the new association id is replaced by one to the prior NACL. */
export function revertAssociation(
  change: Of<'nacl-association-replaced'>,
  states: DerivedStates,
): RevertPlan {
  if (!change.newAssociationId)
    return unknownPrior(
      'the new association id is unknown (not in the event response), so the association cannot be replaced',
    );
  if (!states.before)
    return unknownPrior(priorUnknownReason(states.notes, 'the prior NACL of the subnet is unknown'));
  const prior = findAssociation(states.before, change.associationId);
  if (!prior) return unknownPrior(`association ${change.associationId} is not in the prior state`);
  const input = { AssociationId: change.newAssociationId, NetworkAclId: prior.nacl.naclId };
  const summary = `Associate subnet ${prior.association.subnetId} with ${prior.nacl.naclId} again (replacing ${change.newAssociationId})`;
  return ready(step('ReplaceNetworkAclAssociation', input, summary));
}

function priorEntry(states: DerivedStates, naclId: string, ruleNumber: number, egress: boolean) {
  if (!states.before)
    return priorUnknownReason(states.notes, `the prior entry #${ruleNumber} of ${naclId} is unknown`);
  const nacl = states.before.nacl(naclId);
  const entry = nacl && findEntry(nacl, ruleNumber, egress);
  return (
    entry ?? `entry #${ruleNumber} (${egress ? 'egress' : 'ingress'}) is not in the prior state of ${naclId}`
  );
}
