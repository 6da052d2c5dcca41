import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { type BuildOptions, type BuildResult, build, type Metafile } from 'esbuild';
import { coarsenMappings, type SourceMapV3 } from './source-map-filter';
import { treeShakingPlugin } from './tree-shaking-plugin';

/** Lets bundled CommonJS dependencies call `require` inside the ESM bundle. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'module';const require = createRequire(import.meta.url);";

/** The Lambda runtime the bundles are built for (lambda.Runtime.NODEJS_22_X). */
export const HANDLER_NODE_TARGET = 'node22';

/** The bundle file; the function's handler is `index.handler`. */
export const HANDLER_BUNDLE_FILE = 'index.mjs';

/** Where the bundle's own chunks go (code split off at dynamic imports, loaded when first needed). */
export const HANDLER_CHUNK_DIR = 'chunks';

/**
 * How every sg-guardian handler is bundled: minified ESM for Node.js 22 with the pinned AWS SDK v3
 * inside (nothing external), ESM entry points of dependencies first, a source map without sources
 * (coarsened outside our own code by bundleHandler: see source-map-filter.ts). Code split at dynamic
 * imports (the SDK's credential providers, notification channels) goes to `chunks/`, imported by the
 * bundle's relative paths: Node compiles it only when a handler first needs it (BENCHMARKS.md, Bundle).
 */
export const HANDLER_BUILD_OPTIONS: Readonly<BuildOptions> = {
  bundle: true,
  platform: 'node',
  target: HANDLER_NODE_TARGET,
  format: 'esm',
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  banner: { js: ESM_REQUIRE_BANNER },
  splitting: true,
  entryNames: '[name]',
  chunkNames: `${HANDLER_CHUNK_DIR}/[name]-[hash]`,
  outExtension: { '.js': '.mjs' },
  external: [],
  logLevel: 'warning',
};

export interface BundleHandlerOptions {
  /** Skip the tree-shaking plugin (the bench compares both). @default false */
  readonly withoutTreeShakingPlugin?: boolean;
  /** Keep every mapping into dependencies in the source map (the bench compares both). @default false */
  readonly fullSourceMap?: boolean;
  /** One file, dynamic imports inlined (the bench compares both). @default false */
  readonly withoutSplitting?: boolean;
}

/** Sources the source map keeps every mapping of: our code, not the dependencies (node_modules). */
export const isOwnSource = (source: string): boolean => !/(^|[\\/])node_modules[\\/]/.test(source);

/**
 * Bundles one handler file into `outdir/index.mjs` and `outdir/chunks/*.mjs` (+ maps), with esbuild's
 * metafile. Each map keeps every mapping into our own code and one per dependency run:
 * NODE_OPTIONS=--enable-source-maps decodes the whole map of every file it loads, and the
 * dependencies' mappings were most of it (BENCHMARKS.md).
 */
export async function bundleHandler(
  entry: string,
  outdir: string,
  options: BundleHandlerOptions = {},
): Promise<BuildResult<{ metafile: true }>> {
  const result = await build({
    ...HANDLER_BUILD_OPTIONS,
    splitting: !options.withoutSplitting,
    entryPoints: { [HANDLER_BUNDLE_FILE.replace(/\.mjs$/, '')]: entry },
    outdir,
    metafile: true,
    plugins: options.withoutTreeShakingPlugin ? [] : [treeShakingPlugin()],
  });
  if (!options.fullSourceMap) {
    for (const file of Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.mjs.map'))) {
      const map = JSON.parse(await readFile(file, 'utf8')) as SourceMapV3;
      await writeFile(file, JSON.stringify(coarsenMappings(map, isOwnSource)));
    }
  }
  return result;
}

/**
 * The bundle's files Node loads at import (init): index.mjs and the chunks it imports statically,
 * transitively (metafile output paths); the chunks behind dynamic imports load on first use.
 */
export function filesLoadedAtInit(metafile: Metafile): string[] {
  const entry = Object.keys(metafile.outputs).find((f) => basename(f) === HANDLER_BUNDLE_FILE);
  const loaded = new Set<string>();
  const visit = (file: string | undefined): void => {
    if (file === undefined || loaded.has(file)) return;
    loaded.add(file);
    for (const i of metafile.outputs[file]?.imports ?? []) if (i.kind === 'import-statement' && !i.external) visit(i.path);
  };
  visit(entry);
  return [...loaded];
}
