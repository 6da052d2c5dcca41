import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { buildModel } from '../../core/model/build-model';
import {
  prefixListEntriesFile,
  SNAPSHOT_FILES,
  type SnapshotDocuments,
  type SnapshotFile,
} from '../../core/model/documents';
import { serializeSnapshot } from '../../core/model/serialize';
import { SnapshotError } from '../../core/model/snapshot-error';
import type { NetworkModel } from '../../core/model/types';

/** The optional one-file layers, by their key in SnapshotDocuments and SNAPSHOT_FILES. */
const OPTIONAL_LAYERS = [
  'securityGroupRules',
  'networkAcls',
  'prefixLists',
  'instances',
  'launchTemplates',
  'launchTemplateVersions',
] as const satisfies readonly (keyof SnapshotDocuments & keyof typeof SNAPSHOT_FILES)[];
type OptionalLayer = (typeof OPTIONAL_LAYERS)[number];

/**
 * Reads a snapshot folder of `aws ec2 describe-*` outputs; optional files that are absent are omitted.
 * Only the files named in SNAPSHOT_FILES are read: anything else in the folder (snapshot.json, notes,
 * outputs of other commands) is ignored.
 */
export async function readSnapshotFolder(dir: string): Promise<SnapshotDocuments> {
  const [securityGroups, networkInterfaces, prefixListEntries, ...optional] = await allInOrder([
    readRequired(dir, SNAPSHOT_FILES.securityGroups),
    readRequired(dir, SNAPSHOT_FILES.networkInterfaces),
    readPrefixListEntries(dir),
    ...OPTIONAL_LAYERS.map((layer) => readOptional(dir, SNAPSHOT_FILES[layer])),
  ]);
  const layers = Object.fromEntries(
    OPTIONAL_LAYERS.flatMap((layer, i) => (optional[i] ? [[layer, optional[i]]] : [])),
  ) as Partial<Record<OptionalLayer, SnapshotFile>>;
  return {
    securityGroups,
    networkInterfaces,
    ...layers,
    ...(prefixListEntries ? { prefixListEntries } : {}),
  };
}

/**
 * Promise.all whose failure is the first in the order given, not the first to settle: the same folder
 * always gets the same message (reads run concurrently).
 */
async function allInOrder<T extends readonly unknown[]>(promises: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/** Reads and builds the model of a snapshot folder; throws SnapshotError naming the bad file. */
export async function loadSnapshotModel(dir: string): Promise<NetworkModel> {
  return buildModel(await readSnapshotFolder(dir));
}

/** Writes the model as a snapshot folder (e.g. the demo's state after a revert). */
export async function writeSnapshotFolder(dir: string, model: NetworkModel): Promise<void> {
  for (const [file, json] of Object.entries(serializeSnapshot(model))) {
    const path = join(dir, file);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `${JSON.stringify(json, null, 2)}\n`);
  }
}

async function readRequired(dir: string, file: string): Promise<SnapshotFile> {
  const doc = await readOptional(dir, file);
  if (!doc) throw new SnapshotError(`${file}: required file missing in ${dir}`);
  return doc;
}

async function readOptional(dir: string, file: string): Promise<SnapshotFile | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, file), 'utf8');
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw new SnapshotError(`${file}: cannot read: ${(error as Error).message}`, { cause: error });
  }
  try {
    return { file, json: JSON.parse(text) };
  } catch (error) {
    throw new SnapshotError(`${file}: invalid JSON: ${(error as Error).message}`, { cause: error });
  }
}

async function readPrefixListEntries(dir: string): Promise<Record<string, SnapshotFile> | undefined> {
  let names: string[];
  try {
    names = await readdir(join(dir, SNAPSHOT_FILES.prefixListEntriesDir));
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw new SnapshotError(
      `${SNAPSHOT_FILES.prefixListEntriesDir}: cannot read: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  const ids = names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -'.json'.length));
  const docs = await Promise.all(ids.map((id) => readRequired(dir, prefixListEntriesFile(id))));
  return Object.fromEntries(ids.map((id, i) => [id, docs[i]!]));
}

function isNotFound(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'ENOENT';
}
