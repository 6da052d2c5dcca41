import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { HistoryDay, HistoryFile, HistoryPlan } from '../../app/replay/history-source';
import { InputFileError } from './json-file';

export type { HistoryDay, HistoryFile, HistoryPlan } from '../../app/replay/history-source';

/** `<account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<id>.json[.gz]`: how CloudTrail names its S3 files. */
const LOG_FILE =
  /^\d{12}_CloudTrail_[a-z0-9-]+_(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)Z_[A-Za-z0-9]+\.json(?:\.gz)?$/;
const DAY_FOLDER = /[\\/](\d{4})[\\/](\d\d)[\\/](\d\d)[\\/]?$/;
const JSON_FILE = /\.json(?:\.gz)?$/;
/** Digest files (integrity proofs) and Insights files (anomaly reports) hold no API calls. */
const DIGEST = /CloudTrail-(?:Digest|Insight)/;

/** The delivery time in a CloudTrail log file name, in ms. */
export function deliveryTimeOf(name: string): number | undefined {
  const m = LOG_FILE.exec(name);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!) : undefined;
}

/**
 * Plans a replay over files and folders (an S3 copy such as `AWSLogs/<account>/CloudTrail/<region>/
 * YYYY/MM/DD/`, or any tree of .json/.json.gz). Day folders are not listed here: only their names are
 * kept, so planning a year of logs holds one entry per folder, not per file.
 */
export async function planHistory(paths: readonly string[]): Promise<HistoryPlan> {
  const unordered: HistoryFile[] = [];
  const days = new Map<string, { folders: string[]; files: HistoryFile[] }>();
  const dayOf = (day: string) => {
    let entry = days.get(day);
    if (!entry) days.set(day, (entry = { folders: [], files: [] }));
    return entry;
  };
  const addFile = async (path: string, name: string) => {
    if (!JSON_FILE.test(name) || DIGEST.test(name)) return;
    const deliveryMs = deliveryTimeOf(name);
    if (deliveryMs === undefined) unordered.push({ path, size: (await stat(path)).size });
    else dayOf(new Date(deliveryMs).toISOString().slice(0, 10)).files.push({ path, size: 0, deliveryMs });
  };
  const walk = async (dir: string): Promise<void> => {
    const day = DAY_FOLDER.exec(dir);
    if (day) return void dayOf(`${day[1]}-${day[2]}-${day[3]}`).folders.push(dir);
    for (const entry of await listSorted(dir)) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!DIGEST.test(entry.name)) await walk(path);
      } else if (entry.isFile()) await addFile(path, entry.name);
    }
  };
  for (const path of paths) {
    const info = await stat(path).catch((error: unknown) => {
      throw new InputFileError(`${path}: cannot read (${(error as Error).message})`, { cause: error });
    });
    if (info.isDirectory()) await walk(path);
    else {
      const deliveryMs = deliveryTimeOf(path.split(/[\\/]/).pop() ?? '');
      if (deliveryMs === undefined) unordered.push({ path, size: info.size });
      else dayOf(new Date(deliveryMs).toISOString().slice(0, 10)).files.push({ path, size: 0, deliveryMs });
    }
  }
  return {
    unordered,
    days: [...days.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, d]) => ({ day, ...d })),
  };
}

/** The log files of a day across its folders, by delivery time (then path); others at the day's start. */
export async function filesOfDay(day: HistoryDay): Promise<HistoryFile[]> {
  const start = Date.parse(`${day.day}T00:00:00Z`);
  const files = [...day.files];
  for (const folder of day.folders)
    for (const entry of await listSorted(folder)) {
      if (!entry.isFile() || !JSON_FILE.test(entry.name) || DIGEST.test(entry.name)) continue;
      const path = join(folder, entry.name);
      const deliveryMs = deliveryTimeOf(entry.name);
      if (deliveryMs !== undefined) files.push({ path, size: 0, deliveryMs });
      else files.push({ path, size: (await stat(path)).size, deliveryMs: start });
    }
  return files.sort((a, b) => a.deliveryMs! - b.deliveryMs! || byName(a.path, b.path));
}

async function listSorted(dir: string): Promise<Dirent[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.sort((a, b) => byName(a.name, b.name));
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
