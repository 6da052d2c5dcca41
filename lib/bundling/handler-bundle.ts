import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type BuildOptions, type BuildResult, build } from 'esbuild';
import { coarsenMappings, type SourceMapV3 } from './source-map-filter';
import { treeShakingPlugin } from './tree-shaking-plugin';

/** Lets bundled CommonJS dependencies call `require` inside the ESM bundle. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'module';const require = createRequire(import.meta.url);";

/** The Lambda runtime the bundles are built for (lambda.Runtime.NODEJS_22_X). */
export const HANDLER_NODE_TARGET = 'node22';

/** The bundle file; the function's handler is `index.handler`. */
export const HANDLER_BUNDLE_FILE = 'index.mjs';

/**
 * How every sg-guardian handler is bundled: minified ESM for Node.js 22 with the pinned AWS SDK v3
 * inside (nothing external), ESM entry points of dependencies first, a source map without sources
 * (coarsened outside our own code by bundleHandler: see source-map-filter.ts).
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
  external: [],
  logLevel: 'warning',
};

export interface BundleHandlerOptions {
  /** Skip the tree-shaking plugin (the bench compares both). @default false */
  readonly withoutTreeShakingPlugin?: boolean;
  /** Keep every mapping into dependencies in the source map (the bench compares both). @default false */
  readonly fullSourceMap?: boolean;
}

/** Sources the source map keeps every mapping of: our code, not the dependencies (node_modules). */
export const isOwnSource = (source: string): boolean => !/(^|[\\/])node_modules[\\/]/.test(source);

/**
 * Bundles one handler file into `outdir/index.mjs` (+ map), with esbuild's metafile. The map keeps
 * every mapping into our own code and one per dependency run: NODE_OPTIONS=--enable-source-maps
 * decodes the whole map at every cold start, and the dependencies' mappings were most of it (BENCHMARKS.md).
 */
export async function bundleHandler(
  entry: string,
  outdir: string,
  options: BundleHandlerOptions = {},
): Promise<BuildResult<{ metafile: true }>> {
  const outfile = join(outdir, HANDLER_BUNDLE_FILE);
  const result = await build({
    ...HANDLER_BUILD_OPTIONS,
    entryPoints: [entry],
    outfile,
    metafile: true,
    plugins: options.withoutTreeShakingPlugin ? [] : [treeShakingPlugin()],
  });
  if (!options.fullSourceMap) {
    const map = JSON.parse(await readFile(`${outfile}.map`, 'utf8')) as SourceMapV3;
    await writeFile(`${outfile}.map`, JSON.stringify(coarsenMappings(map, isOwnSource)));
  }
  return result;
}
