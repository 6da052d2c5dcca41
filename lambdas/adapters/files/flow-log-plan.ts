import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../../core/errors';

export class FlowLogInputError extends InputError {
  override readonly name = 'FlowLogInputError';
}

export interface FlowLogFile {
  readonly path: string;
  readonly size: number;
}

/**
 * What a folder tree holds of flow logs: S3 delivery files (`….log.gz`), plain `.log` files, other
 * `.gz` files (a CloudWatch Logs export: `<task>/<stream>/000000.gz`) and `.json` (the output of
 * `aws logs filter-log-events` / `get-log-events`). A file named on the command line is read whatever
 * its name.
 */
const FLOW_LOG_FILE = /\.(?:log|gz|json)$/;

/**
 * The files to read, in order: each path as given; folders walked recursively, entries sorted by name
 * (S3 key order: AWSLogs/<account>/vpcflowlogs/<region>/YYYY/MM/DD/, then the file names, which carry
 * the delivery time); a file reached twice (overlapping paths) is read once. A path that does not exist, or folders with no flow-log file at all, are input
 * errors: nothing would be learned, and a typo should not look like a quiet network.
 */
export async function planFlowLogFiles(paths: readonly string[]): Promise<FlowLogFile[]> {
  if (paths.length === 0) throw new FlowLogInputError('--flow-logs: give at least one file or folder');
  const files: FlowLogFile[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      throw new FlowLogInputError(`${dir}: cannot list the folder (${(error as Error).message}); check its permissions`, {
        cause: error,
      });
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && FLOW_LOG_FILE.test(entry.name)) files.push({ path, size: (await stat(path)).size });
    }
  };
  for (const path of paths) {
    const info = await stat(path).catch((error: unknown) => {
      throw new FlowLogInputError(`${path}: no such file or folder; give flow-log files or the folder holding them`, {
        cause: error,
      });
    });
    if (info.isDirectory()) await walk(path);
    else files.push({ path, size: info.size });
  }
  if (files.length === 0)
    throw new FlowLogInputError(
      `${paths.join(', ')}: no flow-log files (.log.gz, .log, .gz, .json) found; give the folder an S3 sync or a CloudWatch Logs export wrote`,
    );
  // Overlapping paths (a folder and a file or subfolder in it) would count records twice: once each.
  const seen = new Set<string>();
  return files.filter((f) => !seen.has(f.path) && seen.add(f.path));
}
