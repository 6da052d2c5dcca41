import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';

/**
 * A real headless Chromium that `npm ci` installs: `@sparticuz/chromium` ships the binary inside the
 * registry package (brotli-compressed), so no apt step and no browser download is needed. It is
 * unpacked once per package version into node_modules/.cache (the package unpacks into `os.tmpdir()`,
 * so TMPDIR is pointed there for the call), then driven by playwright-core.
 */
export async function launchBrowser(): Promise<Browser> {
  const entry = createRequire(import.meta.url).resolve('@sparticuz/chromium');
  const pkgFile = join(entry.slice(0, entry.lastIndexOf('@sparticuz/chromium') + 19), 'package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { version: string };
  const cache = join(process.cwd(), 'node_modules', '.cache', `sparticuz-chromium-${pkg.version}`);
  mkdirSync(cache, { recursive: true });
  const { default: packaged } = await import('@sparticuz/chromium');
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = cache;
  let executablePath: string;
  try {
    executablePath = await packaged.executablePath();
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  }
  return chromium.launch({
    executablePath,
    // The package's own flags (swiftshader, headless shell) but not --single-process, which ends the
    // browser with its last page; plus the ones this closed network needs.
    args: [
      ...packaged.args.filter((a) => a !== '--single-process'),
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-quic',
    ],
    headless: true,
  });
}
