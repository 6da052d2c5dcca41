import type { Dependency } from '../config/schema';
import type { NetworkModel } from '../model/types';
import type { SideSelections } from '../reachability/evaluate-dependency';
import { ALL_LAYERS, type LayerMask, layerBit, pairBlocked } from '../reachability/pair';
import { type LayerInputs, sameLayerInputs } from '../reachability/pair-inputs';
import { trafficOf } from '../reachability/traffic';
import type { EniPair } from '../reachability/types';
import type { PairResult } from './types';

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

const SG_EGRESS = layerBit('sg-egress');
const NACL_OUTBOUND = layerBit('nacl-outbound');
const NACL_INBOUND = layerBit('nacl-inbound');
const SG_INGRESS = layerBit('sg-ingress');
const NACL_RETURN = layerBit('nacl-return');

/**
 * Keys (`source>destination`) of the pairs blocked in `before` among those the dependency had before:
 * the same set as evaluating every such pair in `before` with evaluateDependency, for less. A layer
 * whose inputs read the same in both states has the same status as in the result after: the SG layers
 * when both ENIs' groups read the same (sameLayerInputs.sg), nacl-outbound when the source subnet's
 * NACL and both ENIs do, nacl-inbound the destination's, nacl-return both. The other layers are judged
 * in `before` for their status only, stopping at the first block. A NACL entry replacement thus
 * re-judges only the NACL layers that read the replaced NACL, never the groups.
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
    const known = afterByKey.get(key);
    const reused = known ? sameLayers(same, s, d) : 0;
    if (reused !== 0 && blocksIn(known!, reused)) {
      blocked.add(key);
      continue;
    }
    const judged = ALL_LAYERS & ~reused;
    if (judged === 0) continue;
    const source = before.eni(s);
    const destination = before.eni(d);
    if (!source || !destination || source.eniId === destination.eniId) continue;
    if (pairBlocked(before, traffic, source, destination, judged)) blocked.add(key);
  }
  return blocked;
}

/** The layers of the pair (source s, destination d) that read the same in both states. */
function sameLayers(same: LayerInputs, s: string, d: string): LayerMask {
  let mask = 0;
  if (same.sg(s) && same.sg(d)) mask |= SG_EGRESS | SG_INGRESS;
  const naclS = same.nacl(s);
  const naclD = same.nacl(d);
  if (naclS && same.eni(d)) mask |= NACL_OUTBOUND;
  if (naclD && same.eni(s)) mask |= NACL_INBOUND;
  if (naclS && naclD) mask |= NACL_RETURN;
  return mask;
}

/** Whether any layer of `mask` blocks in a pair's result (its layers are in LAYER_ORDER). */
function blocksIn(result: PairResult, mask: LayerMask): boolean {
  for (let i = 0; i < result.layers.length; i++)
    if ((mask & (1 << i)) !== 0 && result.layers[i]!.status === 'block') return true;
  return false;
}

function keyOf(p: { sourceEniId: string; destinationEniId: string }): string {
  return `${p.sourceEniId}>${p.destinationEniId}`;
}
