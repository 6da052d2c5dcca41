import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Locate, SourceLocation } from '../../app/render/preflight-sarif';
import { InputFileError } from './json-file';

const RESOURCE = /^\s*resource\s+"([^"]+)"\s+"([^"]+)"/;
const SKIP_DIRS = new Set(['.terraform', '.git', 'node_modules']);

/**
 * Finds where resources are declared by reading the .tf files under `dir` (recursively) for
 * `resource "type" "name"` lines. Best effort: an address maps to a line only when exactly one
 * declaration of that type and name exists (module prefixes and count/for_each keys are ignored).
 * Paths are `dir`-prefixed as given, with forward slashes (what code scanning expects).
 */
export async function indexTerraformSources(dir: string): Promise<Locate> {
  const found = new Map<string, SourceLocation[]>();
  let files: string[];
  try {
    files = await tfFiles(dir);
  } catch (error) {
    throw new InputFileError(`${dir}: cannot read the Terraform sources (${(error as Error).message})`, {
      cause: error,
    });
  }
  for (const file of files) {
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines.forEach((line, i) => {
      const m = RESOURCE.exec(line);
      if (!m) return;
      const key = `${m[1]}.${m[2]}`;
      const path = relative(process.cwd(), file).split(sep).join('/');
      found.set(key, [...(found.get(key) ?? []), { file: path, line: i + 1 }]);
    });
  }
  return (address) => {
    const hits = found.get(resourceKey(address));
    return hits?.length === 1 ? hits[0] : undefined;
  };
}

/** `module.a.module.b.aws_x.y["k"]` -> `aws_x.y`. */
export function resourceKey(address: string): string {
  const local = address.replace(/^(?:module\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?\.)+/, '');
  return local.replace(/\[[^\]]*\]$/, '');
}

async function tfFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && !SKIP_DIRS.has(entry.name)) out.push(...(await tfFiles(path)));
    else if (entry.isFile() && entry.name.endsWith('.tf')) out.push(path);
  }
  return out.sort();
}
