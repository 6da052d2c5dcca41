// Bundles the CLI into dist/cli.js so the `sg-guardian` bin runs with plain node.
import { build } from 'esbuild';

await build({
  entryPoints: ['bin/cli.ts'],
  outfile: 'dist/cli.js',
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
