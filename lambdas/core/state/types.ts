import type { NetworkModel } from '../model/types';
import type { SnapshotPosition } from '../verdict/types';

/** The state after applying a change, whether it changed anything, and why not. */
export interface ApplyResult {
  readonly model: NetworkModel;
  /** false when the model already showed the change (or the target is unknown). */
  readonly effective: boolean;
  readonly notes: readonly string[];
}

/** What a change touches; the judge re-evaluates only dependencies around these. */
export interface AffectedResources {
  readonly groupIds: readonly string[];
  readonly eniIds: readonly string[];
  readonly naclIds: readonly string[];
  readonly subnetIds: readonly string[];
  /** Instances launched, (de)attached, regrouped or retagged (virtual ones for a launch template). */
  readonly instanceIds?: readonly string[];
}

/** The states before and after a change, derived from one snapshot taken before or after it. */
export interface DerivedStates {
  readonly position: SnapshotPosition;
  /** undefined = the state before the change cannot be known (see notes). */
  readonly before?: NetworkModel;
  readonly after: NetworkModel;
  readonly notes: readonly string[];
  readonly affected: AffectedResources;
  /**
   * Set when the change cannot be judged because the state lacks what the event does not say (the ENI a
   * detach releases, the groups of an ENI being attached...): the verdict notifies, never reverts.
   */
  readonly unresolved?: string;
}
