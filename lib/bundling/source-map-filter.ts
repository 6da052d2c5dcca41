/**
 * Coarsens an esbuild source map outside our own code. With NODE_OPTIONS=--enable-source-maps Node
 * reads and decodes the whole map of a module when it loads it, at every cold start: for the evaluator
 * that is mostly token-by-token mappings into the AWS SDK, zod and the other dependencies. Our code keeps
 * every mapping; a dependency keeps one mapping per contiguous run, to its file's start, so a stack
 * frame inside it still names the file (at 1:1). A run cannot simply be marked unmapped: Node's decoder
 * gives a one-field segment the source position of the segment before it.
 */

/** The source map v3 fields esbuild writes. */
export interface SourceMapV3 {
  readonly version: 3;
  readonly sources: readonly string[];
  readonly sourcesContent?: readonly (string | null)[];
  readonly names: readonly string[];
  readonly mappings: string;
  readonly sourceRoot?: string;
  readonly file?: string;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** The VLQ numbers of one segment (`AAgBC` -> [0, 0, 16, 1]). */
export function decodeSegment(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = DIGIT.get(char);
    if (digit === undefined) throw new Error(`not a base64 VLQ digit: ${char}`);
    value += (digit & 31) * 2 ** shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value % 2 === 1 ? -(value - 1) / 2 : value / 2);
    value = 0;
    shift = 0;
  }
  return values;
}

/** One segment's numbers as VLQ ([0, 0, 16, 1] -> `AAgBC`). */
export function encodeSegment(values: readonly number[]): string {
  let out = '';
  for (const v of values) {
    let rest = v < 0 ? -v * 2 + 1 : v * 2;
    do {
      const digit = rest % 32;
      rest = Math.floor(rest / 32);
      out += BASE64[rest > 0 ? digit | 32 : digit];
    } while (rest > 0);
  }
  return out;
}

/**
 * The map with every mapping into a source `exact` accepts kept as it is, and every run of consecutive
 * mappings into another source (a dependency) written as one mapping to that file's start (line 1,
 * column 1), without names.
 */
export function coarsenMappings(map: SourceMapV3, exact: (source: string) => boolean): SourceMapV3 {
  const isExact = map.sources.map((source) => exact(source));
  const nameIndex = new Map<number, number>();
  const names: string[] = [];
  // Absolute values across the map (all but the column, which restarts on every line), read and written.
  const read = { source: 0, line: 0, column: 0, name: 0 };
  const written = { source: 0, line: 0, column: 0, name: 0 };
  const lines = map.mappings.split(';').map((line) => {
    let generated = 0;
    let lastWritten = 0;
    let run: number | undefined; // the dependency whose run the last written mapping of this line opened
    const out: string[] = [];
    for (const segment of line ? line.split(',') : []) {
      const [column = 0, source, srcLine, srcColumn, name] = decodeSegment(segment);
      generated += column;
      if (source === undefined) {
        out.push(encodeSegment([generated - lastWritten]));
        lastWritten = generated;
        run = undefined;
        continue;
      }
      read.source += source;
      read.line += srcLine ?? 0;
      read.column += srcColumn ?? 0;
      if (name !== undefined) read.name += name;
      if (!isExact[read.source]) {
        if (run === read.source) continue;
        out.push(encodeSegment([generated - lastWritten, read.source - written.source, -written.line, -written.column]));
        Object.assign(written, { source: read.source, line: 0, column: 0 });
        lastWritten = generated;
        run = read.source;
        continue;
      }
      const values = [generated - lastWritten, read.source - written.source, read.line - written.line, read.column - written.column];
      if (name !== undefined) {
        let n = nameIndex.get(read.name);
        if (n === undefined) {
          n = names.length;
          nameIndex.set(read.name, n);
          names.push(map.names[read.name] ?? '');
        }
        values.push(n - written.name);
        written.name = n;
      }
      out.push(encodeSegment(values));
      Object.assign(written, { source: read.source, line: read.line, column: read.column });
      lastWritten = generated;
      run = undefined;
    }
    return out.join(',');
  });
  return { ...map, names, mappings: lines.join(';') };
}
