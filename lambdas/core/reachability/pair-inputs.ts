import type { NetworkModel, SecurityGroup } from '../model/types';

/**
 * Whether the layers of evaluatePair read the same for an ENI in two models: the same ENI object, the
 * same objects for its groups, for the prefix lists their rules name and for its subnet's NACL, and
 * NACLs loaded in both or neither. A pair whose two ENIs read the same in both models has the same
 * PairResult in both, so it needs evaluating only once (models and their objects are immutable).
 * Answers are kept per ENI for the life of the returned function.
 */
export function sameEniInputs(a: NetworkModel, b: NetworkModel): (eniId: string) => boolean {
  const layers = sameLayerInputs(a, b);
  return (eniId) => layers.sg(eniId) && layers.nacl(eniId);
}

/**
 * sameEniInputs split by the layers that read them: `sg` = the security-group layers (sg-egress,
 * sg-ingress) read the same for the ENI (same ENI object, same group objects, same prefix lists their
 * rules name); `nacl` = the NACL layers do (same ENI object, same NACL object for its subnet, NACLs
 * loaded in both or neither). A layer of a pair whose two ENIs read the same for it has the same
 * result in both models. Answers are kept per ENI for the life of the returned object.
 */
export interface LayerInputs {
  readonly sg: (eniId: string) => boolean;
  readonly nacl: (eniId: string) => boolean;
  /** The same ENI object in both models (its subnet, VPC and addresses read the same). */
  readonly eni: (eniId: string) => boolean;
  /** The three answers at once, as bits: SAME_SG | SAME_NACL | SAME_ENI. */
  readonly all: (eniId: string) => number;
}

export const SAME_SG = 1;
export const SAME_NACL = 2;
export const SAME_ENI = 4;

const byPair = new WeakMap<NetworkModel, WeakMap<NetworkModel, LayerInputs>>();

/**
 * sameLayerInputs, made once per (a, b): every dependency a change touches asks about the same ENIs of
 * the same two states. Kept as long as `a` lives (models and their objects are immutable).
 */
export function sameLayerInputs(a: NetworkModel, b: NetworkModel): LayerInputs {
  let byB = byPair.get(a);
  if (!byB) {
    byB = new WeakMap();
    byPair.set(a, byB);
  }
  let inputs = byB.get(b);
  if (!inputs) {
    const sg = remembered((eniId) => sgReadsTheSame(a, b, eniId));
    const nacl: (eniId: string) => boolean =
      a.coverage.nacls !== b.coverage.nacls ? () => false : remembered((eniId) => naclReadsTheSame(a, b, eniId));
    const eni = remembered((eniId) => {
      const found = a.eni(eniId);
      return found !== undefined && found === b.eni(eniId);
    });
    const bits = new Map<string, number>();
    const all = (eniId: string): number => {
      let known = bits.get(eniId);
      if (known === undefined) {
        known = (sg(eniId) ? SAME_SG : 0) | (nacl(eniId) ? SAME_NACL : 0) | (eni(eniId) ? SAME_ENI : 0);
        bits.set(eniId, known);
      }
      return known;
    };
    inputs = { sg, nacl, eni, all };
    byB.set(b, inputs);
  }
  return inputs;
}

function remembered(answer: (eniId: string) => boolean): (eniId: string) => boolean {
  const known = new Map<string, boolean>();
  return (eniId) => {
    let same = known.get(eniId);
    if (same === undefined) {
      same = answer(eniId);
      known.set(eniId, same);
    }
    return same;
  };
}

function sgReadsTheSame(a: NetworkModel, b: NetworkModel, eniId: string): boolean {
  const eni = a.eni(eniId);
  if (!eni || eni !== b.eni(eniId)) return false;
  for (const groupId of eni.groupIds) {
    const group = a.group(groupId);
    if (group !== b.group(groupId)) return false;
    if (group) for (const id of prefixListsOf(group)) if (a.prefixList(id) !== b.prefixList(id)) return false;
  }
  return true;
}

const NO_LISTS: readonly string[] = [];
/** The prefix lists a group's rules name, kept per (immutable) group object. */
const listsByGroup = new WeakMap<SecurityGroup, readonly string[]>();

function prefixListsOf(group: SecurityGroup): readonly string[] {
  let lists = listsByGroup.get(group);
  if (!lists) {
    const ids = new Set<string>();
    for (const rule of group.rules) if (rule.peer.kind === 'prefix-list') ids.add(rule.peer.prefixListId);
    lists = ids.size > 0 ? [...ids] : NO_LISTS;
    listsByGroup.set(group, lists);
  }
  return lists;
}

function naclReadsTheSame(a: NetworkModel, b: NetworkModel, eniId: string): boolean {
  const eni = a.eni(eniId);
  if (!eni || eni !== b.eni(eniId)) return false;
  return a.naclForSubnet(eni.subnetId) === b.naclForSubnet(eni.subnetId);
}
