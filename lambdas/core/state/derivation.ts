import type { NetworkModel } from '../model/types';
import type { DerivedStates } from './types';

/** DerivedStates without `affected` (computed afterwards from the states). */
export type Derivation = Omit<DerivedStates, 'affected'>;

/** The snapshot shows the state before the change: after = applied. */
export function snapshotBefore(model: NetworkModel, after: NetworkModel, ...notes: string[]): Derivation {
  return { position: 'before', before: model, after, notes };
}

/** The snapshot shows the state after the change; `before` undefined = prior unknown. */
export function snapshotAfter(
  model: NetworkModel,
  before: NetworkModel | undefined,
  ...notes: string[]
): Derivation {
  return before
    ? { position: 'after', before, after: model, notes }
    : { position: 'after', after: model, notes };
}

/** The change refers to something the snapshot lacks: nothing known changes. */
export function notInSnapshot(model: NetworkModel, note: string): Derivation {
  return { position: 'unknown', before: model, after: model, notes: [note] };
}

export function undetermined(
  before: NetworkModel | undefined,
  after: NetworkModel,
  ...notes: string[]
): Derivation {
  return before ? { position: 'unknown', before, after, notes } : { position: 'unknown', after, notes };
}

/** The change cannot be judged: the state lacks what the event does not say. Notify, never revert. */
export function unresolved(model: NetworkModel, reason: string): Derivation {
  return { position: 'unknown', before: model, after: model, notes: [reason], unresolved: reason };
}
