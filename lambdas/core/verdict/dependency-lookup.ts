import type { Dependency } from '../config/schema';

export interface Touched {
  readonly groupIds: readonly string[];
  readonly eniIds: readonly string[];
  readonly subnetIds: readonly string[];
  /**
   * Instances a change launches, retags, stops or (de)attaches. An index is built on one state, so a
   * touched instance hits every instance-tag dependency: its tags or ENIs may differ in the other state.
   */
  readonly instanceIds?: readonly string[];
}

/** Finds the dependencies a change can affect (positions are the config's order). */
export interface DependencyLookup {
  readonly dependencies: readonly Dependency[];
  /**
   * Positions of the dependencies whose path includes a touched group, ENI or subnet, plus the
   * instance-tag dependencies a touched instance or ENI may enter or leave (see DependencyIndex).
   */
  hits(touched: Touched): Set<number>;
  /** Those dependencies, in config order. */
  affectedBy(touched: Touched): Dependency[];
}

/** Positions back to dependencies, in config order. */
export function inConfigOrder(positions: Iterable<number>, dependencies: readonly Dependency[]): Dependency[] {
  return [...positions].sort((a, b) => a - b).map((i) => dependencies[i]!);
}
