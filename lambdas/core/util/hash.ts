/** Deterministic, dependency-free ids for findings and similar records (pure: no crypto module). */
import { byCodeUnits } from './compare';
import { Sha256 } from './sha256';

/** Where canonical JSON is written, piece by piece. */
interface Sink {
  update(piece: string): unknown;
}

/** JSON with object keys sorted at every level, so equal data always serialises the same way. */
export function canonicalJson(value: unknown): string {
  const text = { out: '', update: (piece: string) => (text.out += piece) };
  writeCanonical(value, text);
  return text.out;
}

/**
 * canonicalJson, written to `sink` in pieces: a finding id hashes the pieces as they come instead of
 * building the text (a NACL replacement's ids cover thousands of pair keys).
 */
function writeCanonical(value: unknown, sink: Sink): void {
  if (value === null || value === undefined) sink.update('null');
  else if (typeof value === 'string') writeString(value, sink);
  else if (Array.isArray(value)) {
    sink.update('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) sink.update(',');
      if (i in value) writeCanonical(value[i], sink); // a hole is written as nothing, as join() did
    }
    sink.update(']');
  } else if (typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object).sort(byCodeUnits);
    sink.update('{');
    let first = true;
    for (const key of keys) {
      const item = object[key];
      if (item === undefined) continue;
      if (!first) sink.update(',');
      first = false;
      writeString(key, sink);
      sink.update(':');
      writeCanonical(item, sink);
    }
    sink.update('}');
  } else if (typeof value === 'number' && !Number.isFinite(value)) sink.update('null');
  else if (typeof value === 'bigint') sink.update(JSON.stringify(value.toString()));
  else sink.update(JSON.stringify(value) ?? 'null');
}

/** JSON.stringify(text): written as is, between quotes, when nothing in it needs escaping. */
function writeString(text: string, sink: Sink): void {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) {
      sink.update(JSON.stringify(text));
      return;
    }
  }
  sink.update('"');
  sink.update(text);
  sink.update('"');
}

/** A hasher for stableId; taken while in use, so an id asked for while writing another gets its own. */
let idle: Sha256 | undefined = new Sha256();

/**
 * A stable id such as 'fnd-3f2a9c1b5e0d47a68c21f09b7d3e6a15' for the given parts (order matters,
 * object key order does not): 128 bits of SHA-256 of canonicalJson(parts), so that no two findings
 * share an id (ids key the decision store: a collision would let a Keep on one silence another).
 */
export function stableId(prefix: string, parts: readonly unknown[]): string {
  const hasher = idle ?? new Sha256();
  idle = undefined;
  try {
    writeCanonical(parts, hasher.reset());
    return `${prefix}-${hasher.hex().slice(0, 32)}`;
  } finally {
    idle = hasher;
  }
}
