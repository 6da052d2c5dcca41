import type { Dependency } from '../config/schema';
import type { NetworkModel } from '../model/types';
import type { SideSelections } from '../reachability/evaluate-dependency';
import { ALL_LAYERS, type LayerMask, layerBit, pairBlocked } from '../reachability/pair';
import { type LayerInputs, SAME_ENI, SAME_NACL, SAME_SG, sameLayerInputs } from '../reachability/pair-inputs';
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

export const NONE_BLOCKED: readonly boolean[] = Object.freeze([]);

/**
 * One flag per entry of `input.pairs`: true when the pair, one the dependency had before, is blocked
 * in `before` (missing: not blocked). The same pairs as evaluating every such pair in `before` with
 * evaluateDependency, for less. A layer whose inputs read the same in both states has the same status
 * as in the result after: the SG layers when both ENIs' groups read the same (sameLayerInputs.sg),
 * nacl-outbound when the source subnet's NACL and both ENIs do, nacl-inbound the destination's,
 * nacl-return both. The other layers are judged in `before` for their status only, stopping at the first
 * block. A NACL entry replacement thus re-judges only the NACL layers that read the replaced NACL, never
 * the groups. When `resultsAfter` has one result per pair, in order (no pair's ENI was missing after), a
 * pair's result after is looked up by position, without building a key per pair.
 */
export function blockedBeforeFlags(input: BlockedBeforeInput): readonly boolean[] {
  const { before, after, dep, selection, pairs, resultsAfter, selectedBefore } = input;
  const traffic = trafficOf(dep);
  // evaluateDependency judges no pair then (unresolved): nothing is blocked before.
  const gap = selection.source.notEvaluated !== undefined || selection.destination.notEvaluated !== undefined;
  if ('error' in traffic || gap) return NONE_BLOCKED;
  const blocked: boolean[] = new Array<boolean>(pairs.length).fill(false);
  const same = sameLayerInputs(before, after);
  const aligned = resultsAfter.length === pairs.length;
  let afterByKey: Map<string, PairResult> | undefined;
  const resultAfter = (i: number, pair: EniPair): PairResult | undefined => {
    const r = aligned ? resultsAfter[i]! : undefined;
    if (r && r.sourceEniId === pair.sourceEniId && r.destinationEniId === pair.destinationEniId) return r;
    if (!afterByKey) {
      afterByKey = new Map();
      for (const result of resultsAfter) afterByKey.set(keyOf(result), result);
    }
    return afterByKey.get(keyOf(pair));
  };
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i]!;
    if (!selectedBefore(pair)) continue;
    const { sourceEniId: s, destinationEniId: d } = pair;
    const known = resultAfter(i, pair);
    const reused = known ? sameLayers(same, s, d) : 0;
    if (reused !== 0 && blocksIn(known!, reused)) {
      blocked[i] = true;
      continue;
    }
    const judged = ALL_LAYERS & ~reused;
    if (judged === 0) continue;
    const source = before.eni(s);
    const destination = before.eni(d);
    if (!source || !destination || source.eniId === destination.eniId) continue;
    if (pairBlocked(before, traffic, source, destination, judged)) blocked[i] = true;
  }
  return blocked;
}

/** The layers of the pair (source s, destination d) that read the same in both states. */
function sameLayers(same: LayerInputs, s: string, d: string): LayerMask {
  const source = same.all(s);
  const destination = same.all(d);
  let mask = 0;
  if ((source & destination & SAME_SG) !== 0) mask |= SG_EGRESS | SG_INGRESS;
  const naclS = (source & SAME_NACL) !== 0;
  const naclD = (destination & SAME_NACL) !== 0;
  if (naclS && (destination & SAME_ENI) !== 0) mask |= NACL_OUTBOUND;
  if (naclD && (source & SAME_ENI) !== 0) mask |= NACL_INBOUND;
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
