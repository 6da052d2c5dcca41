import { InputError } from '../../core/errors';
import { mkdir, readdir, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import {
  prefixListEntriesFile,
  SNAPSHOT_FILES,
  type SnapshotDocuments,
} from '../../core/model/documents';

/** Capture metadata written next to the describe-* files; readSnapshotFolder ignores it. */
export const SNAPSHOT_METADATA_FILE = 'snapshot.json';

/** The output folder cannot take a snapshot (not a folder, or holds files that are not a snapshot's). */
export class SnapshotFolderError extends InputError {
  override readonly name = 'SnapshotFolderError';
}

const TEMP = /^\..+\.tmp$/;
const ENTRIES_DIR: string = SNAPSHOT_FILES.prefixListEntriesDir;
const KNOWN = new Set<string>([
  ...Object.values(SNAPSHOT_FILES).filter((name) => name !== ENTRIES_DIR),
  ENTRIES_DIR,
  SNAPSHOT_METADATA_FILE,
]);

/**
 * Checks that `dir` can take a snapshot: absent (created when written), empty, or holding only
 * snapshot files (an earlier snapshot is refreshed in place). Anything else is refused, so a
 * mistyped --out never overwrites unrelated files.
 */
export async function checkSnapshotFolder(dir: string): Promise<void> {
  const info = await stat(dir).catch((error: unknown) => {
    if (isNotFound(error)) return undefined;
    throw new SnapshotFolderError(`${dir}: cannot use as output folder (${messageOf(error)})`, {
      cause: error,
    });
  });
  if (!info) return;
  if (!info.isDirectory()) throw new SnapshotFolderError(`${dir}: exists and is not a folder`);
  const foreign = (await readdir(dir)).filter((name) => !KNOWN.has(name) && !TEMP.test(name)).sort();
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 3).join(', ') + (foreign.length > 3 ? ', ...' : '');
    throw new SnapshotFolderError(
      `${dir}: not empty and not a snapshot folder (found ${shown}); choose a new or empty folder, ` +
        'or an earlier snapshot folder to refresh',
    );
  }
}

/** The relative path and JSON of every file of the documents, as `aws ec2 ...` prints them. */
export function snapshotFileContents(docs: SnapshotDocuments): [path: string, json: unknown][] {
  const layers = [
    [SNAPSHOT_FILES.securityGroups, docs.securityGroups],
    [SNAPSHOT_FILES.networkInterfaces, docs.networkInterfaces],
    [SNAPSHOT_FILES.securityGroupRules, docs.securityGroupRules],
    [SNAPSHOT_FILES.networkAcls, docs.networkAcls],
    [SNAPSHOT_FILES.prefixLists, docs.prefixLists],
    [SNAPSHOT_FILES.instances, docs.instances],
    [SNAPSHOT_FILES.launchTemplates, docs.launchTemplates],
    [SNAPSHOT_FILES.launchTemplateVersions, docs.launchTemplateVersions],
  ] as const;
  return [
    ...Object.entries(docs.prefixListEntries ?? {}).map(
      ([id, file]): [string, unknown] => [prefixListEntriesFile(id), file.json],
    ),
    ...layers.flatMap(([path, file]): [string, unknown][] => (file ? [[path, file.json]] : [])),
  ];
}

/**
 * Writes the documents into a checked folder (created when absent), each file to a temporary name first and then renamed
 * over the old one, so a reader never sees half a file. Entries files of prefix lists that are gone
 * are removed. `snapshot.json` is removed first and written last by the caller: its presence marks
 * a complete capture. Returns the relative paths written.
 */
export async function writeSnapshotDocuments(dir: string, docs: SnapshotDocuments): Promise<string[]> {
  await rm(join(dir, SNAPSHOT_METADATA_FILE), { force: true });
  const files = snapshotFileContents(docs);
  for (const [path, json] of files) await writeJsonAtomic(join(dir, path), json);
  const written = new Set(files.map(([path]) => path));
  await removeStale(dir, (name) => TEMP.test(name));
  await removeStale(join(dir, ENTRIES_DIR), (name) => {
    return TEMP.test(name) || (name.endsWith('.json') && !written.has(`${ENTRIES_DIR}/${name}`));
  });
  return [...written];
}

/** JSON like the AWS CLI prints it: 4-space indent, timestamps as `2024-05-01T10:00:00+00:00`. */
export function cliJson(value: unknown): string {
  return `${JSON.stringify(value, cliValue, 4)}\n`;
}

/** Writes `path` via a temporary file in the same folder and a rename. */
export async function writeJsonAtomic(path: string, json: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(temp, cliJson(json));
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
}

/** Removes the files of `dir` that `stale` picks; an absent folder has none. */
async function removeStale(dir: string, stale: (name: string) => boolean): Promise<void> {
  const names = await readdir(dir).catch((error: unknown) => {
    if (isNotFound(error)) return [];
    throw error;
  });
  await Promise.all(names.filter(stale).map((name) => rm(join(dir, name), { force: true })));
}

function cliValue(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown>)[key];
  if (!(raw instanceof Date)) return value;
  const iso = raw.toISOString();
  return `${iso.slice(0, 19)}${iso.endsWith('.000Z') ? '' : `${iso.slice(19, 23)}000`}+00:00`;
}

function isNotFound(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'ENOENT';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
