import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The examples folder that ships with sg-guardian: found from this module's own location (the source
 * tree, or dist/cli.js of an installed package) by walking up to the package.json named sg-guardian,
 * so `npx sg-guardian demo` works from any folder.
 */
function packageExamples(from: string = fileURLToPath(import.meta.url)): string | undefined {
  for (let dir = dirname(from); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    try {
      if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'sg-guardian')
        return existsSync(join(dir, 'examples')) ? join(dir, 'examples') : undefined;
    } catch {
      // an unreadable package.json on the way up is not ours
    }
  }
  return undefined;
}

/** --examples as given, else ./examples when it holds the demo, else the package's own examples. */
export function resolveExamples(given: string | undefined, cwd: string = process.cwd()): string {
  if (given !== undefined) return given;
  if (existsSync(join(cwd, 'examples', 'guardian.yaml'))) return 'examples';
  return packageExamples() ?? 'examples';
}
