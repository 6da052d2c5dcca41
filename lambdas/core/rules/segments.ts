import type { WorldThreshold } from '../config/schema';
import { unionAddresses } from '../util/cidr-set';
import { mergeRanges } from '../util/ports';
import type { PortRange } from '../verdict/types';
import type { ExposedSegment, ExposureSource } from './types';
import { measureSpace } from './world-breadth';

/**
 * Splits one protocol's sources into segments: the ports that the same set of rules opens, each judged
 * on the union of those rules' addresses. Segments below the world threshold are dropped. Without
 * ports (icmp, '-1', other protocols) every source counts together, as one segment.
 */
export function segmentsOf(
  sources: readonly ExposureSource[],
  withPorts: boolean,
  world: WorldThreshold,
): ExposedSegment[] {
  if (!withPorts) return judge(sources, undefined, world);
  const groups = new Map<string, { members: ExposureSource[]; ranges: PortRange[] }>();
  const bounds = [...new Set(sources.flatMap((s) => (s.ranges ?? []).flatMap((r) => [r.from, r.to + 1])))];
  bounds.sort((a, b) => a - b);
  for (let i = 0; i + 1 < bounds.length; i++) {
    const from = bounds[i]!;
    const members = sources.filter((s) => (s.ranges ?? []).some((r) => r.from <= from && from <= r.to));
    if (members.length === 0) continue;
    const key = members.map((m) => sources.indexOf(m)).join(',');
    const group = groups.get(key) ?? { members, ranges: [] };
    group.ranges.push({ from, to: bounds[i + 1]! - 1 });
    groups.set(key, group);
  }
  return [...groups.values()]
    .flatMap((g) => judge(g.members, mergeRanges(g.ranges), world))
    .sort((a, b) => (a.ranges?.[0]?.from ?? 0) - (b.ranges?.[0]?.from ?? 0));
}

function judge(
  members: readonly ExposureSource[],
  ranges: readonly PortRange[] | undefined,
  world: WorldThreshold,
): ExposedSegment[] {
  const { breadth, space } = measureSpace(unionAddresses(members.map((m) => m.addresses)), world);
  if (!breadth) return [];
  return [{ ...(ranges ? { ranges } : {}), breadth, space, sources: members }];
}
