/**
 * Example ids (examples/account, examples/events) and the ids moto gave the same resources. moto
 * makes its own ids, so every example record is rewritten with the real ones before it is replayed,
 * and every read-back is rewritten to example ids so that failures read like the examples.
 */
export class IdMap {
  readonly #real = new Map<string, string>();
  readonly #example = new Map<string, string>();

  set(exampleId: string, realId: string): void {
    this.#real.set(exampleId, realId);
    this.#example.set(realId, exampleId);
  }

  /** The real id of an example id; throws for one never built (a set-up bug, not a product one). */
  real(exampleId: string): string {
    const id = this.#real.get(exampleId);
    if (id === undefined) throw new Error(`no resource was built for ${exampleId}`);
    return id;
  }

  /** The example id of a real one, or the real one when it has none (a resource the test did not build). */
  example(realId: string): string {
    return this.#example.get(realId) ?? realId;
  }

  /** A deep copy with every example id (whole strings and ids inside ARNs and messages) replaced by the real one. */
  toReal<T>(value: T): T {
    return replaceIds(value, this.#real);
  }

  /** A deep copy with every real id replaced by its example id. */
  toExample<T>(value: T): T {
    return replaceIds(value, this.#example);
  }
}

function replaceIds<T>(value: T, ids: ReadonlyMap<string, string>): T {
  if (ids.size === 0) return structuredClone(value);
  const keys = [...ids.keys()].sort((a, b) => b.length - a.length).map(escape);
  const pattern = new RegExp(`(?<![\\w-])(${keys.join('|')})(?![\\w-])`, 'g');
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.replace(pattern, (id) => ids.get(id) ?? id);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, inner]) => [walk(k), walk(inner)]));
    return v;
  };
  return walk(value) as T;
}

function escape(id: string): string {
  return id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
