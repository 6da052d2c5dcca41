import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * A stack frame's position in a file: `at name (file:///var/task/index.mjs:1:2345)`, `at file:///…:1:2`,
 * `at async name (/var/task/chunks/chunk-X.mjs:1:2)`. Groups: prefix, location, line, column, suffix.
 */
const FRAME = /^(\s*at (?:async )?(?:[^\s(]+ \()?)((?:file:\/\/)?\/[^:()]+):(\d+):(\d+)(\)?)$/;

/** Source maps already read, per bundle file (undefined: the file has none). */
const maps = new Map<string, SourceMap | undefined>();

/**
 * Rewrites the stack of `error` (and of each error in its `cause` chain) to name the TypeScript
 * sources, from the `.map` files the bundle ships beside each of its files, when Node did not do it
 * itself (no `--enable-source-maps`). Only ever runs on an error that leaves a handler, so a cold
 * start pays nothing for source maps: Node's flag decodes each loaded file's map and scans its line
 * lengths at load, ~25–55 ms of CPU and ~4 MiB of peak RSS per cold start (BENCHMARKS.md). A frame
 * whose file has no map, or a position the map does not cover, is left as it was. Never throws.
 */
export function mapErrorStack(error: unknown): void {
  if (process.sourceMapsEnabled) return;
  const seen = new Set<unknown>();
  for (let e = error; e instanceof Error && !seen.has(e); e = e.cause) {
    seen.add(e);
    try {
      if (typeof e.stack === 'string') e.stack = mapStack(e.stack);
    } catch {
      // a stack that cannot be mapped is reported as Node wrote it
    }
  }
}

/** Runs `work`; an error it throws leaves with its stack mapped to the sources (mapErrorStack). */
export async function withMappedStacks<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    mapErrorStack(error);
    throw error;
  }
}

/** Each frame of `stack` mapped to its source position; a function named as its caller's call site names it. */
export function mapStack(stack: string): string {
  const lines = stack.split('\n');
  const frames = lines.map(parseFrame);
  return lines
    .map((line, i) => {
      const frame = frames[i];
      const at = frame && lookUp(frame);
      if (!frame || !at) return line;
      // As Node names it: the name the caller's call site (the next frame) records for what it called.
      const caller = frames[i + 1];
      const name = caller && lookUp(caller)?.name;
      const prefix = name && frame.prefix.endsWith(' (') ? frame.prefix.replace(/[^\s(]+ \($/, `${name} (`) : frame.prefix;
      return `${prefix}${at.position}${frame.suffix}`;
    })
    .join('\n');
}

interface Frame {
  readonly prefix: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly suffix: string;
}

function parseFrame(line: string): Frame | undefined {
  const match = FRAME.exec(line);
  if (!match) return undefined;
  const [, prefix = '', location = '', row = '', column = '', suffix = ''] = match;
  const file = location.startsWith('file://') ? fileURLToPath(location) : location;
  return { prefix, file, line: Number(row), column: Number(column), suffix };
}

/** The source position of a frame (a path resolved against the bundle file, as Node prints it), and the name recorded there. */
function lookUp(frame: Frame): { position: string; name?: string } | undefined {
  const entry = mapOf(frame.file)?.findEntry(frame.line - 1, frame.column - 1);
  if (!entry || !('originalSource' in entry) || !entry.originalSource) return undefined;
  const source = fileURLToPath(new URL(entry.originalSource, pathToFileURL(frame.file)));
  const name = (entry as { name?: string }).name; // Node 20.12+ and 22 give the original name
  return { position: `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`, ...(name && { name }) };
}

function mapOf(file: string): SourceMap | undefined {
  if (maps.has(file)) return maps.get(file);
  let map: SourceMap | undefined;
  const path = `${file}.map`;
  try {
    if (existsSync(path)) map = new SourceMap(JSON.parse(readFileSync(path, 'utf8')) as ConstructorParameters<typeof SourceMap>[0]);
  } catch {
    map = undefined;
  }
  maps.set(file, map);
  return map;
}
