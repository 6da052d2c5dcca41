import type { Dependency } from '../config/schema';
import type { NetworkInterface, NetworkModel, SecurityGroup } from '../model/types';
import type { DependencyResult, Layer, PairResult } from '../verdict/types';
import { buildFixes } from './fixes';
import { evaluatePair, LAYER_ORDER } from './pair';
import { type EndpointSelection, selectEndpoint, selectEndpointOnce } from './select';
import { trafficOf } from './traffic';
import type { Block, EniPair } from './types';
import { unresolvedReason } from './unresolved';

/** A dependency as the engine needs it; `protocol` may also be an already normalised Protocol. */
export type DependencySpec = Pick<Dependency, 'name' | 'from' | 'to' | 'port'> & {
  readonly protocol: string;
};

export interface DependencyOptions {
  /** Judge exactly these pairs (e.g. the ones selected in the state before a change); missing ENIs are skipped. */
  readonly pairs?: readonly EniPair[];
  /** Build least-privilege fixes for what blocks. @default true */
  readonly fixes?: boolean;
  /** The selections of the dependency's sides already made on this same model (not made again). */
  readonly selection?: SideSelections;
}

/** What each side of a dependency selects in one model. */
export interface SideSelections {
  readonly source: EndpointSelection;
  readonly destination: EndpointSelection;
}

/** Both sides' selections of a dependency in a model (made once per model: see selectEndpointOnce). */
export function selectSides(model: NetworkModel, dep: Pick<Dependency, 'from' | 'to'>): SideSelections {
  return { source: selectEndpointOnce(model, dep.from), destination: selectEndpointOnce(model, dep.to) };
}

interface Selection {
  readonly source: EndpointSelection;
  readonly destination: EndpointSelection;
  /** Groups of each side: selected, or (instanceTags) carried by the selected ENIs. */
  readonly sourceGroups: SecurityGroup[];
  readonly destinationGroups: SecurityGroup[];
  readonly sourceEnis: NetworkInterface[];
  readonly destinationEnis: NetworkInterface[];
}

function select(model: NetworkModel, dep: Pick<Dependency, 'from' | 'to'>, given?: SideSelections): Selection {
  const source = given?.source ?? selectEndpoint(model, dep.from);
  const destination = given?.destination ?? selectEndpoint(model, dep.to);
  return {
    source,
    destination,
    sourceGroups: source.groups,
    destinationGroups: destination.groups,
    sourceEnis: source.enis,
    destinationEnis: destination.enis,
  };
}

function crossPairs(s: Selection): EniPair[] {
  return s.sourceEnis.flatMap((src) =>
    s.destinationEnis
      .filter((dst) => dst.eniId !== src.eniId)
      .map((dst) => ({ sourceEniId: src.eniId, destinationEniId: dst.eniId })),
  );
}

/** Every (source ENI, destination ENI) pair of the groups a dependency selects; an ENI never pairs with itself. */
export function selectPairs(model: NetworkModel, dep: Pick<Dependency, 'from' | 'to'>): EniPair[] {
  return crossPairs(select(model, dep));
}

function resolvePairs(
  model: NetworkModel,
  pairs: readonly EniPair[],
): [NetworkInterface, NetworkInterface][] {
  const resolved: [NetworkInterface, NetworkInterface][] = [];
  for (const p of pairs) {
    const src = model.eni(p.sourceEniId);
    const dst = model.eni(p.destinationEniId);
    if (src && dst && src.eniId !== dst.eniId) resolved.push([src, dst]);
  }
  return resolved;
}

function layersWith(pairs: readonly PairResult[], status: 'block' | 'not-evaluated'): Layer[] {
  const found = new Set<Layer>();
  for (const p of pairs) for (const l of p.layers) if (l.status === status) found.add(l.layer);
  return LAYER_ORDER.filter((layer) => found.has(layer));
}

/** Judges a dependency layer by layer for every ENI pair, with least-privilege fixes for what blocks. */
export function evaluateDependency(
  model: NetworkModel,
  dep: DependencySpec,
  options: DependencyOptions = {},
): DependencyResult {
  const s = select(model, dep, options.selection);
  const traffic = trafficOf(dep);
  const base = {
    dependency: dep.name,
    protocol: 'error' in traffic ? dep.protocol : traffic.protocol,
    ...(!('error' in traffic) && traffic.port !== undefined ? { port: traffic.port } : {}),
    sourceGroupIds: s.sourceGroups.map((g) => g.groupId),
    destinationGroupIds: s.destinationGroups.map((g) => g.groupId),
  };
  const empty = { pairs: [], blockedBy: [], notEvaluated: [], fixes: [] };
  if ('error' in traffic) return { ...base, ...empty, status: 'unresolved', reason: traffic.error };
  // Instances not loaded: an instance-tag side is "not evaluated", never judged on an empty selection.
  const gap = s.source.notEvaluated !== undefined || s.destination.notEvaluated !== undefined;
  const resolved = gap ? [] : resolvePairs(model, options.pairs ?? crossPairs(s));
  if (resolved.length === 0)
    return {
      ...base,
      ...empty,
      status: 'unresolved',
      reason: unresolvedReason(dep, s.source, s.destination, options.pairs !== undefined),
    };
  const pairs: PairResult[] = [];
  const blocks: Block[] = [];
  for (const [src, dst] of resolved) {
    const outcome = evaluatePair(model, traffic, src, dst);
    pairs.push(outcome.result);
    for (const block of outcome.blocks) blocks.push(block);
  }
  return {
    ...base,
    status: pairs.every((p) => p.reachable) ? 'reachable' : 'blocked',
    pairs,
    blockedBy: layersWith(pairs, 'block'),
    notEvaluated: layersWith(pairs, 'not-evaluated'),
    fixes:
      options.fixes === false
        ? []
        : buildFixes(
            {
              model,
              name: dep.name,
              traffic,
              sourceGroupIds: base.sourceGroupIds,
              destinationGroupIds: base.destinationGroupIds,
              byInstances: {
                source: dep.from.instanceTags !== undefined,
                destination: dep.to.instanceTags !== undefined,
              },
            },
            blocks,
          ),
  };
}
