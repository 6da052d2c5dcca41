import type { CloudTrailSink, HistoryFile } from '../../app/replay/history-source';
import { parseDocument } from '../../core/events/parse';
import type { ParsedEvent } from '../../core/events/types';
import type { TimedChange } from '../../core/flowlogs/rejects';
import { timedChanges } from '../../core/flowlogs/timed-changes';
import { readCloudTrailFile } from './cloudtrail-file';
import { filesOfDay, planHistory } from './cloudtrail-tree';

export interface CloudTrailChanges {
  readonly changes: TimedChange[];
  /** Files that could not be read, with why (the others still are). */
  readonly unreadable: readonly string[];
}

/**
 * Every applied change in CloudTrail history (log files, S3 trees, lookup-events output, Lake results:
 * the replay readers), in time order. Small: `learn` only needs the changes near its REJECTs.
 */
export async function readCloudTrailChanges(paths: readonly string[]): Promise<CloudTrailChanges> {
  const parsed: ParsedEvent[] = [];
  const unreadable: string[] = [];
  const sink: CloudTrailSink = {
    document: (doc) => parsed.push(...parseDocument(doc)),
    entry: (container, _index, value) => parsed.push(...parseDocument(container === '' ? [value] : { [container]: [value] })),
    unparsable: (file, path, reason) => unreadable.push(`${file} ${path}: ${reason}`),
    unreadable: (file, reason) => unreadable.push(`${file}: ${reason}`),
  };
  const plan = await planHistory(paths);
  const files: HistoryFile[] = [...plan.unordered];
  for (const day of plan.days) files.push(...(await filesOfDay(day)));
  for (const file of files) await readCloudTrailFile(file.path, file.size, sink);
  return { changes: timedChanges(parsed), unreadable };
}
