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

export interface HitOptions {
  /**
   * The caller asks the index of each state (before and after): a touched instance then hits only the
   * instance-tag dependencies whose tags it carries in this state, not all of them.
   */
  readonly everyState?: boolean;
}

/** Finds the dependencies a change can affect (positions are the config's order). */
export interface DependencyLookup {
  readonly dependencies: readonly Dependency[];
  /**
   * Positions of the dependencies whose path includes a touched group, ENI or subnet, plus the
   * instance-tag dependencies a touched instance or ENI may enter or leave (see InstanceTagIndex).
   */
  hits(touched: Touched, options?: HitOptions): Set<number>;
  /** Only those whose path includes a touched group, ENI or subnet (the footprints indexed). */
  footprintHits(touched: Touched): Set<number>;
  /** The instance-tag dependencies whose selected instances list this ENI (existing or not, in the VPC or not). */
  listing(eniId: string): Set<number>;
  /** Those dependencies, in config order. */
  affectedBy(touched: Touched): Dependency[];
}

/** Positions back to dependencies, in config order. */
export function inConfigOrder(positions: Iterable<number>, dependencies: readonly Dependency[]): Dependency[] {
  return [...positions].sort((a, b) => a - b).map((i) => dependencies[i]!);
}
