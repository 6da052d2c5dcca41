import type { NetworkModel } from '../model/types';

/**
 * Whether the layers of evaluatePair read the same for an ENI in two models: the same ENI object, the
 * same objects for its groups, for the prefix lists their rules name and for its subnet's NACL, and
 * NACLs loaded in both or neither. A pair whose two ENIs read the same in both models has the same
 * PairResult in both, so it needs evaluating only once (models and their objects are immutable).
 * Answers are kept per ENI for the life of the returned function.
 */
export function sameEniInputs(a: NetworkModel, b: NetworkModel): (eniId: string) => boolean {
  if (a.coverage.nacls !== b.coverage.nacls) return () => false;
  const known = new Map<string, boolean>();
  return (eniId) => {
    let same = known.get(eniId);
    if (same === undefined) {
      same = readsTheSame(a, b, eniId);
      known.set(eniId, same);
    }
    return same;
  };
}

function readsTheSame(a: NetworkModel, b: NetworkModel, eniId: string): boolean {
  const eni = a.eni(eniId);
  if (!eni || eni !== b.eni(eniId)) return false;
  if (a.naclForSubnet(eni.subnetId) !== b.naclForSubnet(eni.subnetId)) return false;
  for (const groupId of eni.groupIds) {
    const group = a.group(groupId);
    if (group !== b.group(groupId)) return false;
    for (const rule of group?.rules ?? [])
      if (rule.peer.kind === 'prefix-list' && a.prefixList(rule.peer.prefixListId) !== b.prefixList(rule.peer.prefixListId))
        return false;
  }
  return true;
}
