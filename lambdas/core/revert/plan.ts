import type { Change, ChangeKind } from '../events/types';
import type { DerivedStates } from '../state/types';
import type { RevertPlan } from '../verdict/types';
import {
  revertAssociation,
  revertEniGroups,
  revertEntryCreated,
  revertEntryDeleted,
  revertEntryReplaced,
} from './network-plans';
import { revertAdded, revertModified, revertRemoved } from './sg-plans';
import { neverUndone, revertInstanceGroups } from './workload-plans';

export { REVERT_IAM_ACTIONS } from './steps';

type Builder<K extends ChangeKind> = (
  change: Extract<Change, { kind: K }>,
  states: DerivedStates,
) => RevertPlan;

const BUILDERS: { readonly [K in ChangeKind]: Builder<K> } = {
  'sg-rules-added': revertAdded,
  'sg-rules-removed': revertRemoved,
  'sg-rules-modified': revertModified,
  'eni-groups-set': revertEniGroups,
  'nacl-entry-created': revertEntryCreated,
  'nacl-entry-replaced': revertEntryReplaced,
  'nacl-entry-deleted': revertEntryDeleted,
  'nacl-association-replaced': revertAssociation,
  'instances-launched': neverUndone,
  'eni-created': neverUndone,
  'eni-attached': neverUndone,
  'eni-detached': neverUndone,
  'instance-groups-set': revertInstanceGroups,
  'launch-template-version-created': neverUndone,
  'launch-template-default-set': neverUndone,
  'prefix-list-modified': neverUndone,
  'sg-created': neverUndone,
  'sg-deleted': neverUndone,
  'tags-set': neverUndone,
  'tags-removed': neverUndone,
};

/**
 * The exact inverse of `change` as EC2 API requests. Where the prior state is unknown the plan says
 * so (`unknown-prior`) and holds no steps: nothing is guessed.
 */
export function planRevert(change: Change, states: DerivedStates): RevertPlan {
  const build = BUILDERS[change.kind] as Builder<ChangeKind>;
  return build(change as never, states);
}
