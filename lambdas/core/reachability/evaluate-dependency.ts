import type { Dependency } from '../config/schema';
import type { NetworkInterface, NetworkModel, SecurityGroup } from '../model/types';
import type { DependencyResult, Layer, PairResult } from '../verdict/types';
import { buildFixes } from './fixes';
import { evaluatePair, LAYER_ORDER } from './pair';
import { type EndpointSelection, selectEndpoint } from './select';
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

function select(model: NetworkModel, dep: Pick<Dependency, 'from' | 'to'>): Selection {
  const source = selectEndpoint(model, dep.from);
  const destination = selectEndpoint(model, dep.to);
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
  return pairs.flatMap((p): [NetworkInterface, NetworkInterface][] => {
    const src = model.eni(p.sourceEniId);
    const dst = model.eni(p.destinationEniId);
    return src && dst && src.eniId !== dst.eniId ? [[src, dst]] : [];
  });
}

function layersWith(pairs: readonly PairResult[], status: 'block' | 'not-evaluated'): Layer[] {
  const found = new Set(
    pairs.flatMap((p) => p.layers.filter((l) => l.status === status).map((l) => l.layer)),
  );
  return LAYER_ORDER.filter((layer) => found.has(layer));
}

/** Judges a dependency layer by layer for every ENI pair, with least-privilege fixes for what blocks. */
export function evaluateDependency(
  model: NetworkModel,
  dep: DependencySpec,
  options: DependencyOptions = {},
): DependencyResult {
  const s = select(model, dep);
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
  const outcomes = resolved.map(([src, dst]) => evaluatePair(model, traffic, src, dst));
  const pairs = outcomes.map((o) => o.result);
  const blocks: Block[] = outcomes.flatMap((o) => o.blocks);
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
