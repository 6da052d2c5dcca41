// `node --import tsx lib/bundling/bundle-cli.ts ENTRY OUTDIR`: what GuardianFunction runs at synth
// (esbuild plugins need the asynchronous API; CDK's local bundling is synchronous).
import { bundleHandler } from './handler-bundle';

const [entry, outdir] = process.argv.slice(2);
if (!entry || !outdir) {
  process.stderr.write('usage: bundle-cli.ts ENTRY OUTDIR\n');
  process.exit(2);
}
await bundleHandler(entry, outdir);
