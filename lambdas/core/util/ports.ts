import type { PortRange } from '../verdict/types';

export const ALL_PORTS: PortRange = { from: 0, to: 65535 };
export const EPHEMERAL_PORTS: PortRange = { from: 1024, to: 65535 };

/** True when ranges are sorted, disjoint and not adjacent (the form every function here returns). */
function isNormal(ranges: readonly PortRange[]): boolean {
  for (let i = 1; i < ranges.length; i++) if (ranges[i]!.from <= ranges[i - 1]!.to + 1) return false;
  return true;
}

/** Sorts and merges overlapping or adjacent ranges. */
export function mergeRanges(ranges: readonly PortRange[]): PortRange[] {
  if (isNormal(ranges)) return ranges.slice();
  const sorted = [...ranges].sort((a, b) => a.from - b.from);
  const out: PortRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.from <= last.to + 1) out[out.length - 1] = { from: last.from, to: Math.max(last.to, r.to) };
    else out.push({ from: r.from, to: r.to });
  }
  return out;
}

/** `a` minus `b`, both lists of ranges; result merged. */
export function subtractRanges(a: readonly PortRange[], b: readonly PortRange[]): PortRange[] {
  let rest = mergeRanges(a);
  for (const cut of isNormal(b) ? b : mergeRanges(b)) {
    const next: PortRange[] = [];
    for (const r of rest) {
      if (cut.to < r.from || cut.from > r.to) next.push(r);
      else {
        if (cut.from > r.from) next.push({ from: r.from, to: cut.from - 1 });
        if (cut.to < r.to) next.push({ from: cut.to + 1, to: r.to });
      }
    }
    rest = next;
  }
  return rest;
}

export function intersectRanges(a: readonly PortRange[], b: readonly PortRange[]): PortRange[] {
  const out: PortRange[] = [];
  for (const x of isNormal(a) ? a : mergeRanges(a))
    for (const y of isNormal(b) ? b : mergeRanges(b)) {
      const from = Math.max(x.from, y.from);
      const to = Math.min(x.to, y.to);
      if (from <= to) out.push({ from, to });
    }
  return mergeRanges(out);
}

export function rangeContains(ranges: readonly PortRange[], port: number): boolean {
  return ranges.some((r) => r.from <= port && port <= r.to);
}

export function formatRanges(ranges: readonly PortRange[]): string {
  return ranges.map((r) => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`)).join(', ');
}

/** Parses 8080 or "8000-8099" (already schema-validated) into a range. */
export function parsePortOrRange(value: number | string): PortRange {
  if (typeof value === 'number') return { from: value, to: value };
  const [from, to] = value.split('-').map(Number) as [number, number];
  return { from: Math.min(from, to), to: Math.max(from, to) };
}
