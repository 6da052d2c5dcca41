import type { Dependency } from '../config/schema';
import type { Change } from '../events/types';
import type { Direction, NetworkModel, SecurityGroup, SgRule } from '../model/types';
import { endpointOf } from '../reachability/pair';
import { selectEndpoint } from '../reachability/select';
import { ruleCoversTraffic, trafficOf } from '../reachability/traffic';
import type { Traffic } from '../reachability/types';
import type { DerivedStates } from '../state/types';
import { cidrContains } from '../util/cidr';
import type { Touched } from './dependency-lookup';

/**
 * What one dependency must be re-judged on: the touched resources to look at, or null when the change
 * cannot change any of its pairs.
 */
export type DependencyScope = (dep: Dependency) => Touched | null;

interface ListRule {
  readonly groupId: string;
  readonly direction: Direction;
  readonly rule: SgRule;
}

const NO_TOUCH = { eniIds: [], subnetIds: [] } as const;

/**
 * A prefix-list change alters only what the rules referencing the list admit, and only for addresses in
 * the entries one state has and the other lacks. A pair's SG verdict can thus change only when a
 * referencing rule covers the dependency's traffic on the side that judges it (ingress on the
 * destination, egress on the source) and a changed entry holds the peer's address (the source's for
 * ingress, the destination's for egress). Per dependency, the touched groups are narrowed to those:
 * ingress groups when a source address is in a changed entry, egress groups when a destination one is.
 * Undefined (judge everything the change touches) when this is no prefix-list change, the state before
 * is unknown, or either state lacks the list's entries.
 */
export function prefixListScope(change: Change, states: DerivedStates): DependencyScope | undefined {
  if (change.kind !== 'prefix-list-modified' || !states.before) return undefined;
  const { before, after } = states;
  const id = change.prefixListId;
  const then = before.prefixList(id)?.cidrs;
  const now = after.prefixList(id)?.cidrs;
  if (!then || !now) return undefined;
  const changed = [...then.filter((c) => !now.includes(c)), ...now.filter((c) => !then.includes(c))];
  if (changed.length === 0) return () => null;
  const rules = listRules([before, after], id);
  const holdsChanged = (model: NetworkModel, selector: Dependency['from']) =>
    selectEndpoint(model, selector).enis.some((eni) => {
      const ip = endpointOf(eni).ip;
      return changed.some((cidr) => cidrContains(cidr, ip));
    });
  const sideHolds = (selector: Dependency['from']) => holdsChanged(before, selector) || holdsChanged(after, selector);
  const byTraffic = new Map<string, { ingress: string[]; egress: string[] }>();
  return (dep) => {
    const traffic = trafficOf(dep);
    if ('error' in traffic) return { ...NO_TOUCH, groupIds: unique(rules.map((r) => r.groupId)) };
    const key = `${traffic.protocol}|${traffic.port ?? ''}`;
    let groups = byTraffic.get(key);
    if (!groups) {
      groups = { ingress: covering(rules, 'ingress', traffic), egress: covering(rules, 'egress', traffic) };
      byTraffic.set(key, groups);
    }
    const { ingress, egress } = groups;
    const groupIds = unique([
      ...(ingress.length > 0 && sideHolds(dep.from) ? ingress : []),
      ...(egress.length > 0 && sideHolds(dep.to) ? egress : []),
    ]);
    return groupIds.length > 0 ? { ...NO_TOUCH, groupIds } : null;
  };
}

/** Every rule referencing the list, in either state (a group both states share is read once). */
function listRules(states: readonly NetworkModel[], prefixListId: string): ListRule[] {
  const out: ListRule[] = [];
  const seen = new Set<SecurityGroup>();
  for (const model of states)
    for (const group of model.groupsReferencingPrefixList(prefixListId)) {
      if (seen.has(group)) continue;
      seen.add(group);
      for (const rule of group.rules)
        if (rule.peer.kind === 'prefix-list' && rule.peer.prefixListId === prefixListId)
          out.push({ groupId: group.groupId, direction: rule.direction, rule });
    }
  return out;
}

function covering(rules: readonly ListRule[], direction: Direction, traffic: Traffic): string[] {
  return unique(
    rules.filter((r) => r.direction === direction && ruleCoversTraffic(r.rule, traffic)).map((r) => r.groupId),
  );
}

const unique = (ids: readonly string[]) => [...new Set(ids)];
