import { join } from 'node:path';
import { type BuildOptions, type BuildResult, build } from 'esbuild';
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
 * inside (nothing external), ESM entry points of dependencies first, a source map without sources.
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
}

/** Bundles one handler file into `outdir/index.mjs` (+ map), with esbuild's metafile. */
export function bundleHandler(
  entry: string,
  outdir: string,
  options: BundleHandlerOptions = {},
): Promise<BuildResult<{ metafile: true }>> {
  return build({
    ...HANDLER_BUILD_OPTIONS,
    entryPoints: [entry],
    outfile: join(outdir, HANDLER_BUNDLE_FILE),
    metafile: true,
    plugins: options.withoutTreeShakingPlugin ? [] : [treeShakingPlugin()],
  });
}
