/** Deterministic, dependency-free ids for findings and similar records (no crypto needed). */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

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

/** 32-bit FNV-1a over the UTF-16 code units of `text`, as 8 hex digits. */
export function fnv1a(text: string): string {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** A stable id such as 'fnd-3f2a9c1b' for the given parts (order matters, object key order does not). */
export function stableId(prefix: string, parts: readonly unknown[]): string {
  return `${prefix}-${fnv1a(canonicalJson(parts))}`;
}
