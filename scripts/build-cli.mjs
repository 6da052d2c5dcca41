// Bundles the CLI into dist/cli.js so the `sg-guardian` bin runs with plain node, and beside it the
// worker thread `learn` starts (dist/flow-log-worker.js; see lambdas/adapters/files/flow-log-workers.ts).
// `node scripts/build-cli.mjs DIR` builds into DIR instead (tests build their own copy).
import { build } from 'esbuild';

await build({
  entryPoints: { cli: 'bin/cli.ts', 'flow-log-worker': 'lambdas/adapters/files/flow-log-worker.ts' },
  outdir: process.argv[2] ?? 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  logLevel: 'warning',
});
