import type { Dependency } from '../config/schema';
import type { NetworkModel } from '../model/types';
import type { SideSelections } from '../reachability/evaluate-dependency';
import { NACL_LAYERS, pairBlocked } from '../reachability/pair';
import { sameLayerInputs } from '../reachability/pair-inputs';
import { trafficOf } from '../reachability/traffic';
import type { EniPair } from '../reachability/types';
import type { Layer, PairResult } from './types';

export interface BlockedBeforeInput {
  readonly before: NetworkModel;
  /** The dependency's selections in `before`. */
  readonly selection: SideSelections;
  readonly after: NetworkModel;
  readonly dep: Pick<Dependency, 'name' | 'from' | 'to' | 'port' | 'protocol'>;
  /** The pairs judged after the change, and their results there. */
  readonly pairs: readonly EniPair[];
  readonly resultsAfter: readonly PairResult[];
  /** Whether a pair was the dependency's before the change. */
  readonly selectedBefore: (pair: EniPair) => boolean;
}

const isNacl = (layer: Layer) => NACL_LAYERS.has(layer);
const isSg = (layer: Layer) => !NACL_LAYERS.has(layer);

/**
 * Keys (`source>destination`) of the pairs blocked in `before` among those the dependency had before:
 * the same set as evaluating every such pair in `before` with evaluateDependency, for less. A layer
 * whose inputs read the same for both ENIs in both states (sameLayerInputs) has the same status as in
 * the result after; the other layers are judged in `before` for their status only, stopping at the
 * first block. A NACL entry replacement thus re-judges only the NACL layers, never the groups.
 */
export function blockedBefore(input: BlockedBeforeInput): Set<string> {
  const { before, after, dep, selection, pairs, resultsAfter, selectedBefore } = input;
  const blocked = new Set<string>();
  const traffic = trafficOf(dep);
  // evaluateDependency judges no pair then (unresolved): nothing is blocked before.
  const gap = selection.source.notEvaluated !== undefined || selection.destination.notEvaluated !== undefined;
  if ('error' in traffic || gap) return blocked;
  const same = sameLayerInputs(before, after);
  const afterByKey = new Map<string, PairResult>();
  for (const r of resultsAfter) afterByKey.set(keyOf(r), r);
  for (const pair of pairs) {
    if (!selectedBefore(pair)) continue;
    const key = keyOf(pair);
    const { sourceEniId: s, destinationEniId: d } = pair;
    const sgSame = same.sg(s) && same.sg(d);
    const naclSame = same.nacl(s) && same.nacl(d);
    const known = afterByKey.get(key);
    if (known && sgSame && naclSame) {
      if (!known.reachable) blocked.add(key);
      continue;
    }
    const source = before.eni(s);
    const destination = before.eni(d);
    if (!source || !destination || source.eniId === destination.eniId) continue;
    let judged: (layer: Layer) => boolean = () => true;
    if (known && (sgSame || naclSame)) {
      const reused = sgSame ? isSg : isNacl;
      if (known.layers.some((l) => reused(l.layer) && l.status === 'block')) {
        blocked.add(key);
        continue;
      }
      judged = sgSame ? isNacl : isSg;
    }
    if (pairBlocked(before, traffic, source, destination, judged)) blocked.add(key);
  }
  return blocked;
}

function keyOf(p: { sourceEniId: string; destinationEniId: string }): string {
  return `${p.sourceEniId}>${p.destinationEniId}`;
}
