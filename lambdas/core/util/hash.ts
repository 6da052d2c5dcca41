/** Deterministic, dependency-free ids for findings and similar records (pure: no crypto module). */
import { sha256Hex } from './sha256';

/** JSON with object keys sorted at every level, so equal data always serialises the same way. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  return JSON.stringify(value) ?? 'null';
}

/**
 * A stable id such as 'fnd-3f2a9c1b5e0d47a68c21f09b7d3e6a15' for the given parts (order matters,
 * object key order does not): 128 bits of SHA-256, so that no two findings share an id (ids key the
 * decision store: a collision would let a Keep on one silence another).
 */
export function stableId(prefix: string, parts: readonly unknown[]): string {
  return `${prefix}-${sha256Hex(canonicalJson(parts)).slice(0, 32)}`;
}
